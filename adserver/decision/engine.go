package decision

import (
	"sync"
	"sync/atomic"
)

// Engine decides pods against the current Snapshot. Safe for concurrent
// use; Update may run while Decides are in flight (each Decide reads one
// snapshot from start to end).
type Engine struct {
	snap          atomic.Pointer[Snapshot]
	counters      Counters
	batch         BatchReader // counters, when they read in batches
	days          dayCache
	pool          sync.Pool // *scratch
	counterErrors atomic.Uint64
}

// NewEngine returns an engine with no snapshot (every Decide is empty
// until Update) reading caps from c; nil c means in-process counters.
func NewEngine(c Counters) *Engine {
	if c == nil {
		c = NewMemoryCounters()
	}
	e := &Engine{counters: c}
	e.batch, _ = c.(BatchReader)
	e.pool.New = func() any { return new(scratch) }
	return e
}

// Update makes s the snapshot of every Decide that starts afterwards.
func (e *Engine) Update(s *Snapshot) { e.snap.Store(s) }

// Snapshot is the current snapshot, nil before the first Update.
func (e *Engine) Snapshot() *Snapshot { return e.snap.Load() }

// Counters are the counters the engine reads.
func (e *Engine) Counters() Counters { return e.counters }

// CounterErrors counts decisions whose counters could not be read.
func (e *Engine) CounterErrors() uint64 { return e.counterErrors.Load() }
