package variants

import (
	"container/heap"
	"maps"
	"time"
)

// renderQueue is a heap of queued entries: higher priority first, then
// FIFO by seq. Guarded by Service.mu.
type renderQueue []*entry

func (q renderQueue) Len() int { return len(q) }

func (q renderQueue) Less(i, j int) bool {
	if q[i].prio != q[j].prio {
		return q[i].prio > q[j].prio
	}
	return q[i].seq < q[j].seq
}

func (q renderQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index = i
	q[j].index = j
}

func (q *renderQueue) Push(x any) {
	e := x.(*entry)
	e.index = len(*q)
	*q = append(*q, e)
}

func (q *renderQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	e.index = -1
	return e
}

// enqueueLocked queues r unless its variant is already queued, rendering,
// ready, or failed and not yet due for a retry. A High request upgrades a
// queued Low one and joins the end of the High line. It reports whether a
// worker should be woken. s.mu is held.
func (s *Service) enqueueLocked(r Request, now time.Time) (Variant, bool) {
	e := s.entries[r.Key]
	if e != nil {
		switch e.v.Status {
		case StatusReady:
			return e.c.variant(), false
		case StatusRendering:
			return e.v, false
		case StatusQueued:
			if r.Priority > e.prio {
				e.prio = r.Priority
				e.seq = s.nextSeq()
				heap.Fix(&s.queue, e.index)
				return e.v, true
			}
			return e.v, false
		case StatusFailed:
			if !s.retryDue(e, now) {
				return e.v, false
			}
		}
	} else {
		e = &entry{index: -1, v: Variant{
			ID:         r.Key,
			CreativeID: r.CreativeID,
			Stream:     r.Stream,
			Context:    maps.Clone(r.Context),
			Base:       r.Base,
			CreatedAt:  now,
		}}
		s.entries[r.Key] = e
	}
	if r.Priority < High && s.queue.Len() >= s.cfg.MaxQueued {
		e.v.Status = StatusFailed
		e.v.Error = "queue full"
		e.queueFull = true
		e.failedAt = now
		return e.v, false
	}
	e.render = r.Render
	e.prio = r.Priority
	e.seq = s.nextSeq()
	e.queueFull = false
	e.v.Status = StatusQueued
	e.v.Progress = 0
	e.v.Error = ""
	heap.Push(&s.queue, e)
	return e.v, true
}

// retryDue reports whether a failed entry may be queued again: a refusal
// for a full queue at once, a failed render after RetryAfter while it has
// attempts left.
func (s *Service) retryDue(e *entry, now time.Time) bool {
	if e.queueFull {
		return true
	}
	return e.v.Attempts < maxAttempts && now.Sub(e.failedAt) >= s.cfg.RetryAfter
}

func (s *Service) nextSeq() uint64 {
	s.seq++
	return s.seq
}
