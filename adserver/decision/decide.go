package decision

import (
	"slices"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// noContext is what rules see when a request carries no context.
var noContext campaign.Context

// maxBreak bounds a request's duration (one day): the fill loop and the
// float sums stay finite whatever the caller passes.
const maxBreak = 86400.0

// Decide fills r's break. The result depends only on the request, the
// snapshot, the counters and the pacing board (the counts as they stood
// at the board's last refresh, at most a second or so before r.Now): the
// same session and break get the same pod from every engine holding the
// same snapshot and counts. A zero r.Now means time.Now(). The Decision
// is the caller's; it shares no memory with the engine.
func (e *Engine) Decide(r *Request) *Decision {
	sc := e.pool.Get().(*scratch)
	d := &Decision{}
	e.decide(sc, r, d)
	d.Picks = clone(sc.picks)
	d.Eligible = clone(sc.eligible)
	d.Rejected = clone(sc.rejected)
	e.pool.Put(sc)
	return d
}

// DecideInto is Decide into d, reusing its slices: no allocation once they
// have grown to size. For callers that consume the decision and drop it.
func (e *Engine) DecideInto(d *Decision, r *Request) {
	sc := e.pool.Get().(*scratch)
	e.decide(sc, r, d)
	d.Picks = append(d.Picks[:0], sc.picks...)
	d.Eligible = append(d.Eligible[:0], sc.eligible...)
	d.Rejected = append(d.Rejected[:0], sc.rejected...)
	e.pool.Put(sc)
}

func clone[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// maxBatch bounds how many candidates that passed the static checks are
// evaluated together, with one counters read (one Redis round trip).
const maxBatch = 16

// batchFor is the batch size for what is left of a break: about twice
// the spots it may still take (spots run 10-30 s), plus a few for the
// candidates that caps, pacing or the pod's advertisers and categories
// pass over; most pods fill from one batch.
func batchFor(remaining float64) int {
	return min(maxBatch, 4+int(remaining/10))
}

// decide runs the checks and the fill into sc and sets d's scalars.
//
// Candidates come in fill order from the pacing board (see walker) and
// are evaluated in batches: static checks as they come, then for up to
// batchFor of those that passed them one counters read, the caps and pacing
// checks, and a greedy fill from the eligible ones in fill order. A batch
// never spans two priorities, so a tier smaller than a batch is settled
// as a whole. Between batches, once the pod has picks and what is left
// of the break is shorter than every creative of a group, the rest of
// the group is passed over; shorter than every creative of the group and
// all after it, the decision ends. What was passed over is counted in
// Skipped.
func (e *Engine) decide(sc *scratch, r *Request, d *Decision) {
	*d = Decision{Picks: d.Picks, Eligible: d.Eligible, Rejected: d.Rejected}
	sc.reset()
	s := e.snap.Load()
	if s == nil {
		return
	}
	d.Version = s.Version
	ctx := r.Context
	if ctx == nil {
		ctx = &noContext
	}
	now := r.Now
	if now.IsZero() {
		now = time.Now()
	}
	duration := r.Duration
	if !(duration > 0) { // NaN too
		duration = 0
	}
	duration = min(duration, maxBreak)
	t := pod{
		snap:      s,
		now:       now.UnixNano(),
		day:       e.days.day(now),
		seed:      decisionSeed(&r.Session, r.BreakID),
		anonymous: r.Viewer == [16]byte{},
		remaining: duration,
	}
	b := e.boardFor(s, t.now)
	var ids contextIDs
	ids, sc.fold = s.index.contextIDs(ctx, sc.fold)
	sc.batch.Day, sc.batch.Viewer, sc.batch.Session = t.day.key, r.Viewer, r.Session

	var w walker
	w.init(b, &ids, t.seed)
	for {
		rank, ok := w.peek()
		if !ok {
			break
		}
		c := &s.campaigns[b.walk[rank]]
		if len(sc.pending) > 0 && (len(sc.pending) >= batchFor(t.remaining) || c.priority != t.priority) {
			e.evaluate(sc, &t)
		}
		if len(sc.pending) == 0 && len(sc.picks) > 0 {
			if t.remaining+durationSlack < b.minFrom[w.group.start] {
				d.Skipped += w.left
				break
			}
			if t.remaining+durationSlack < w.group.minDur {
				d.Skipped += w.skipGroup()
				continue
			}
		}
		w.pop()
		t.priority = c.priority
		if reason := staticCheck(s, c, ctx, &ids, t.now, duration); reason != "" {
			sc.reject(c, reason)
			continue
		}
		sc.pending = append(sc.pending, b.walk[rank])
		sc.batch.Items = append(sc.batch.Items, BatchItem{CampaignID: c.id, Want: c.wants(t.anonymous)})
	}
	if len(sc.pending) > 0 {
		e.evaluate(sc, &t)
	}
	// Eligible is documented in priority, then id order: position order.
	sortSmall(sc.eligPos)
	for _, pos := range sc.eligPos {
		sc.eligible = append(sc.eligible, s.campaigns[pos].id)
	}
	d.Filled = t.filled
}

// sortSmall sorts positions in place: by insertion when they are a few,
// most of them already in order (fill order is position order within a
// group), which beats the general sort there.
func sortSmall(s []int32) {
	if len(s) > 32 {
		slices.Sort(s)
		return
	}
	for i := 1; i < len(s); i++ {
		v, j := s[i], i
		for ; j > 0 && s[j-1] > v; j-- {
			s[j] = s[j-1]
		}
		s[j] = v
	}
}

// pod is the state of one decision carried from batch to batch.
type pod struct {
	snap      *Snapshot
	now       int64
	day       *utcDay
	seed      uint64
	anonymous bool
	priority  int // of the batch being gathered
	remaining float64
	filled    float64
}

// evaluate reads the counters of the pending batch, applies caps and
// pacing, and fills from the eligible ones.
func (e *Engine) evaluate(sc *scratch, t *pod) {
	countersOK := true
	if err := e.readCounters(&sc.batch); err != nil {
		e.counterErrors.Add(1)
		countersOK = false
	}
	minDur := t.remaining + 2*durationSlack // beyond anything that fits
	for i, pos := range sc.pending {
		c := &t.snap.campaigns[pos]
		it := &sc.batch.Items[i]
		if it.Want != 0 && !countersOK {
			sc.reject(c, ReasonCounters)
			continue
		}
		if reason := capCheck(c, it); reason != "" {
			sc.reject(c, reason)
			continue
		}
		if _, ahead := pacing(c, it.Total, it.Day, t.now, t.day); ahead {
			sc.reject(c, ReasonPacing)
			continue
		}
		sc.elig = append(sc.elig, pos)
		sc.eligPos = append(sc.eligPos, pos)
		minDur = min(minDur, c.minDur)
	}
	t.remaining, t.filled = sc.fill(t.snap, t.seed, t.remaining, t.filled, minDur)
	sc.pending = sc.pending[:0]
	sc.batch.Items = sc.batch.Items[:0]
	sc.elig = sc.elig[:0]
}

// readCounters fills b, in one round trip when the counters batch.
func (e *Engine) readCounters(b *Batch) error {
	want := false
	for i := range b.Items {
		if b.Items[i].Want != 0 {
			want = true
			break
		}
	}
	if !want {
		return nil
	}
	if e.batch == nil {
		readDirect(e.counters, b)
		return nil
	}
	return e.batch.ReadBatch(b)
}

// staticCheck is the checks that need no counters.
func staticCheck(s *Snapshot, c *compiled, ctx *campaign.Context, ids *contextIDs, now int64, duration float64) string {
	switch {
	case now < c.start || now >= c.end:
		return ReasonFlight
	case c.paused:
		return ReasonPaused
	case !s.index.satisfies(c.constraints, ids):
		return ReasonTargeting
	case !c.ruleIndexed && c.rule != nil && !c.rule.Match(ctx):
		return ReasonTargeting
	case c.minDur == 0 || c.minDur > duration+durationSlack:
		return ReasonTooLong
	}
	return ""
}

// wants is which counts c's goal, caps and pacing read.
func (c *compiled) wants(anonymous bool) Want {
	var w Want
	if c.goal > 0 {
		w |= WantTotal
	}
	if c.dailyCap > 0 {
		w |= WantDay
	}
	if c.perDay > 0 && !anonymous {
		w |= WantViewerDay
	}
	if c.perSession > 0 {
		w |= WantSession
	}
	return w
}

func capCheck(c *compiled, it *BatchItem) string {
	switch {
	case c.goal > 0 && it.Total >= c.goal:
		return ReasonGoalReached
	case c.dailyCap > 0 && it.Day >= c.dailyCap:
		return ReasonDailyCap
	case it.Want&WantViewerDay != 0 && it.ViewerDay >= c.perDay:
		return ReasonFrequencyDay
	case c.perSession > 0 && it.Session >= c.perSession:
		return ReasonFrequencySession
	}
	return ""
}
