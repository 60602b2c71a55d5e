package decision

import (
	"math"
	"slices"
	"time"
)

// A board is the fill order of one snapshot's campaigns as one engine's
// counters stood at one moment: the pacing board. Ranking a candidate by
// how far behind schedule it is needs its counts, and reading counts for
// every candidate of every decision is what made a flat priority tier
// cost as much as the tier is large. The board reads every campaign's
// counts once, classes each campaign (asap, then even campaigns in
// buckets of how far behind they are, then those that sit out), and
// renumbers the campaigns in that order; a decision then walks its
// candidates in rank order and stops when the pod is full.
//
// The board only orders. Every campaign a decision evaluates is checked
// with its own fresh counts (caps, goal, frequency, ahead of schedule), so
// a stale board can change which of two equal campaigns plays first,
// never let a capped one play.
type board struct {
	snap *Snapshot
	at   int64 // unix ns the classes were computed for

	walk    []int32   // rank -> position, in fill order
	group   []int32   // rank -> index in groups
	groups  []group   // runs of ranks of one (priority, class), in fill order
	minFrom []float64 // minFrom[rank] is the shortest creative of walk[rank:]

	// postings and open are the index's lists with positions turned
	// into ranks, ascending: a context's candidates in fill order.
	postings [numFields][][]int32
	open     []int32
}

// group is a run of campaigns that rank equal: one priority, one class.
// A decision walks a group from a candidate its seed picks (salted per
// group), so viewers rotate through equals.
type group struct {
	start, end int32 // ranks [start, end)
	salt       uint64
	minDur     float64 // the shortest creative of the group
}

// Classes order a priority tier: asap campaigns first, then even ones by
// how far behind schedule (the fraction of target owed, in halvings:
// classEven is >= 1/2, classEven+1 is [1/4, 1/2) ... the last even class
// everything under 1/1024, no schedule included), then those that sit
// out this second (paused, out of flight, goal or daily cap reached,
// ahead of schedule): they are still checked, and rejected, if a pod
// ever gets that far.
const (
	classASAP    = 0
	classEven    = 1
	evenClasses  = 11
	classSitsOut = classEven + evenClasses
	numClasses   = classSitsOut + 1
)

// boardChunk bounds one counters read of a board build (one MGET).
const boardChunk = 1024

// evenClass is the class of an even campaign behind schedule by behind.
func evenClass(behind float64) uint8 {
	c := uint8(classEven)
	for t := 0.5; behind < t && c < classSitsOut-1; t /= 2 {
		c++
	}
	return c
}

// classOf is c's class given its campaign counts (it.Total, it.Day) at
// now. Viewer and session counts are per request: not the board's.
func classOf(c *compiled, it *BatchItem, now int64, day *utcDay) uint8 {
	if c.paused || now < c.start || now >= c.end || capCheck(c, it) != "" {
		return classSitsOut
	}
	if !c.even {
		return classASAP
	}
	behind, ahead := pacing(c, it.Total, it.Day, now, day)
	if ahead {
		return classSitsOut
	}
	return evenClass(behind)
}

// buildBoard classes s's campaigns at now and renumbers them in fill
// order. When counts cannot be read the classes are computed as if
// nothing had been delivered (and the failure counted): the order is
// then by rotation, and the decisions' own reads fail closed.
func (e *Engine) buildBoard(s *Snapshot, now int64) *board {
	n := len(s.campaigns)
	classes := e.classify(s, now)
	b := &board{
		snap:    s,
		at:      now,
		walk:    make([]int32, n),
		group:   make([]int32, n),
		minFrom: make([]float64, n+1),
	}
	// Positions are already by priority, then id: a counting sort by
	// class within each priority tier keeps id order within a group.
	for lo := 0; lo < n; {
		p := s.campaigns[lo].priority
		hi := lo
		var count [numClasses]int32
		for ; hi < n && s.campaigns[hi].priority == p; hi++ {
			count[classes[hi]]++
		}
		var next [numClasses]int32
		start := int32(lo)
		for c := range numClasses {
			next[c] = start
			if count[c] > 0 {
				b.groups = append(b.groups, group{start: start, end: start + count[c], salt: groupSalt(p, c)})
			}
			start += count[c]
		}
		for pos := lo; pos < hi; pos++ {
			c := classes[pos]
			b.walk[next[c]] = int32(pos)
			next[c]++
		}
		lo = hi
	}
	for g := range b.groups {
		gr := &b.groups[g]
		gr.minDur = math.Inf(1)
		for r := gr.start; r < gr.end; r++ {
			b.group[r] = int32(g)
			if d := s.campaigns[b.walk[r]].minDur; d > 0 {
				gr.minDur = min(gr.minDur, d)
			}
		}
	}
	b.minFrom[n] = math.Inf(1)
	for r := n - 1; r >= 0; r-- {
		b.minFrom[r] = b.minFrom[r+1]
		if d := s.campaigns[b.walk[r]].minDur; d > 0 {
			b.minFrom[r] = min(b.minFrom[r], d)
		}
	}
	b.rankPostings(s)
	return b
}

// groupSalt makes each (priority, class) group rotate from its own start.
func groupSalt(priority, class int) uint64 {
	return mix(uint64(int64(priority))<<8 ^ uint64(class) ^ 0x9e3779b97f4a7c15)
}

// rankPostings copies the index lists into one arena, as ranks.
func (b *board) rankPostings(s *Snapshot) {
	rank := make([]int32, len(b.walk))
	for r, pos := range b.walk {
		rank[pos] = int32(r)
	}
	size := len(s.index.open)
	for f := range numFields {
		for _, l := range s.index.postings[f] {
			size += len(l)
		}
	}
	arena := make([]int32, 0, size)
	ranked := func(l []int32) []int32 {
		if len(l) == 0 {
			return nil
		}
		start := len(arena)
		for _, pos := range l {
			arena = append(arena, rank[pos])
		}
		out := arena[start:len(arena):len(arena)]
		slices.Sort(out)
		return out
	}
	for f := range numFields {
		b.postings[f] = make([][]int32, len(s.index.postings[f]))
		for id, l := range s.index.postings[f] {
			b.postings[f][id] = ranked(l)
		}
	}
	b.open = ranked(s.index.open)
}

// classify reads every campaign's total and day counts (in chunks, one
// read each) and returns each position's class at now.
func (e *Engine) classify(s *Snapshot, now int64) []uint8 {
	classes := make([]uint8, len(s.campaigns))
	day := e.days.day(time.Unix(0, now))
	batch := Batch{Day: day.key, Items: make([]BatchItem, 0, min(len(s.campaigns), boardChunk))}
	failed := false
	for lo := 0; lo < len(s.campaigns); lo += boardChunk {
		hi := min(lo+boardChunk, len(s.campaigns))
		batch.Items = batch.Items[:0]
		for pos := lo; pos < hi; pos++ {
			c := &s.campaigns[pos]
			var w Want
			if c.goal > 0 {
				w |= WantTotal
			}
			if c.dailyCap > 0 {
				w |= WantDay
			}
			batch.Items = append(batch.Items, BatchItem{CampaignID: c.id, Want: w})
		}
		// After one failure the rest are not read: a dead Redis costs a
		// build one timeout, not one per chunk.
		if failed || e.readCounters(&batch) != nil {
			failed = true
			for i := range batch.Items {
				batch.Items[i].Total, batch.Items[i].Day = 0, 0
			}
		}
		for i := range batch.Items {
			classes[lo+i] = classOf(&s.campaigns[lo+i], &batch.Items[i], now, day)
		}
	}
	if failed {
		e.boardErrors.Add(1)
	}
	return classes
}

// lists are a context's candidate lists, in ranks.
func (b *board) lists(ids *contextIDs, l *candidateLists) {
	for f := range numFields {
		l[f] = nil
		if id := ids[f]; id != 0 {
			l[f] = b.postings[f][id]
		}
	}
	l[numFields] = b.open
}
