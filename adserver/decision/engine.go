package decision

import (
	"sync"
	"sync/atomic"
	"time"
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

	board       atomic.Pointer[board] // the pacing board of a recent snapshot
	boardMu     sync.Mutex            // one blocking board build at a time
	refreshing  atomic.Bool           // a background board refresh runs
	boardErrors atomic.Uint64
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

// Update makes s the snapshot of every Decide that starts afterwards, and
// builds its pacing board (one counters read of every campaign) so that
// the first decisions need not.
func (e *Engine) Update(s *Snapshot) {
	e.snap.Store(s)
	if s != nil {
		e.boardFor(s, time.Now().UnixNano())
	}
}

// Snapshot is the current snapshot, nil before the first Update.
func (e *Engine) Snapshot() *Snapshot { return e.snap.Load() }

// Counters are the counters the engine reads.
func (e *Engine) Counters() Counters { return e.counters }

// CounterErrors counts the counters reads of decisions that failed (one
// read per batch of candidates).
func (e *Engine) CounterErrors() uint64 { return e.counterErrors.Load() }

// PacingBoardErrors counts pacing board builds whose counters could not
// be read (the board then orders as if nothing had been delivered).
func (e *Engine) PacingBoardErrors() uint64 { return e.boardErrors.Load() }
