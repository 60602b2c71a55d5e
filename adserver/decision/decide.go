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
// snapshot and the counters: the same session and break get the same pod
// from every engine holding the same snapshot and counts. A zero r.Now
// means time.Now(). The Decision is the caller's; it shares no memory
// with the engine.
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

// decide runs the checks and the fill into sc and sets d's scalars.
//
// Candidates come out of the index in fill order, priority first, and are
// decided one priority tier at a time: check the tier, read its counters
// (one batch), fill from its eligible campaigns. Before a tier starts, if
// a pod already has picks and what is left of the break is shorter than
// any creative of the remaining campaigns, nothing further can be picked:
// the rest are counted in Skipped instead of evaluated.
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
	t := tier{
		snap:      s,
		now:       now.UnixNano(),
		day:       e.days.day(now),
		seed:      decisionSeed(&r.Session, r.BreakID),
		anonymous: r.Viewer == [16]byte{},
		remaining: duration,
	}
	var lists candidateLists
	var ids contextIDs
	ids, sc.fold = s.index.candidates(ctx, &lists, sc.fold)
	sc.batch.Day, sc.batch.Viewer, sc.batch.Session = t.day.key, r.Viewer, r.Session

	inTier := false
	for {
		pos, ok := lists.next()
		if !ok {
			break
		}
		c := &s.campaigns[pos]
		if inTier && c.priority != t.priority {
			e.finishTier(sc, &t)
			inTier = false
		}
		if !inTier {
			if len(sc.picks) > 0 && t.remaining+durationSlack < s.suffixMin[pos] {
				d.Skipped = 1 + lists.len()
				break
			}
			inTier, t.priority = true, c.priority
		}
		if reason := staticCheck(s, c, ctx, &ids, t.now, duration); reason != "" {
			sc.reject(c, reason)
			continue
		}
		sc.pending = append(sc.pending, pos)
		sc.batch.Items = append(sc.batch.Items, BatchItem{CampaignID: c.id, Want: c.wants(t.anonymous)})
	}
	if inTier {
		e.finishTier(sc, &t)
	}
	d.Filled = t.filled
}

// tier is the state of one decision carried from tier to tier.
type tier struct {
	snap      *Snapshot
	now       int64
	day       *utcDay
	seed      uint64
	anonymous bool
	priority  int
	remaining float64
	filled    float64
}

// finishTier reads the counters of the tier's pending campaigns, applies
// caps and pacing, and fills from the eligible ones.
func (e *Engine) finishTier(sc *scratch, t *tier) {
	countersOK := e.readCounters(&sc.batch)
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
		behind, ahead := pacing(c, it.Total, it.Day, t.now, t.day)
		if ahead {
			sc.reject(c, ReasonPacing)
			continue
		}
		sc.elig = append(sc.elig, candidate{
			pos:    pos,
			asap:   !c.even,
			behind: behind,
			rank:   mix(t.seed ^ c.idHash),
		})
		sc.eligible = append(sc.eligible, c.id)
		minDur = min(minDur, c.minDur)
	}
	t.remaining, t.filled = sc.fill(t.snap, t.seed, t.remaining, t.filled, minDur)
	sc.pending = sc.pending[:0]
	sc.batch.Items = sc.batch.Items[:0]
	sc.elig = sc.elig[:0]
}

// readCounters fills b, in one round trip when the counters batch.
func (e *Engine) readCounters(b *Batch) bool {
	want := false
	for i := range b.Items {
		if b.Items[i].Want != 0 {
			want = true
			break
		}
	}
	if !want {
		return true
	}
	if e.batch == nil {
		readDirect(e.counters, b)
		return true
	}
	if err := e.batch.ReadBatch(b); err != nil {
		e.counterErrors.Add(1)
		return false
	}
	return true
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
