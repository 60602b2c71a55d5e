package decision_test

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/decision"
)

// TestDeterminism: one (session, break, snapshot version, counts) gives
// one decision on every call and from every engine, whatever order the
// campaigns were listed in; different sessions see different pods.
func TestDeterminism(t *testing.T) {
	cs := mixCampaigns(2000, 7)
	rs := mixRequests(300, 7)
	shuffled := slices.Clone(cs)
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	ca, cb := decision.NewMemoryCounters(), decision.NewMemoryCounters()
	mixCounts(ca, cs, rs, 7)
	mixCounts(cb, cs, rs, 7)
	a := newEngine(t, ca, cs...)
	b := newEngine(t, cb, shuffled...)
	firsts := map[string]bool{}
	for i := range rs {
		r := &rs[i]
		da := a.Decide(r)
		if again := a.Decide(r); !reflect.DeepEqual(da, again) {
			t.Fatalf("request %d: two calls differ:\n%+v\n%+v", i, da, again)
		}
		if db := b.Decide(r); !reflect.DeepEqual(da, db) {
			t.Fatalf("request %d: two engines differ:\n%+v\n%+v", i, da, db)
		}
		if len(da.Picks) > 0 {
			firsts[da.Picks[0].CampaignID] = true
		}
	}
	if len(firsts) < 20 {
		t.Errorf("300 viewers saw only %d different first spots", len(firsts))
	}
}

// TestDeterminismTieBreak: among equals, the (session, break) hash rotates
// campaigns and creatives, and is stable for a given session and break.
func TestDeterminismTieBreak(t *testing.T) {
	var cs []campaign.Campaign
	for i := range 10 {
		id := "c" + strconv.Itoa(i)
		cs = append(cs, camp(id, asap, func(c *campaign.Campaign) {
			c.Creatives = []campaign.Creative{{ID: id + "-x", Duration: 30}, {ID: id + "-y", Duration: 30}}
		}))
	}
	e := newEngine(t, nil, cs...)
	seen := map[string]bool{}
	otherBreak := 0
	for s := range 200 {
		r := request(func(r *decision.Request) { r.Session = [16]byte{byte(s), byte(s >> 8)} })
		d := e.Decide(r)
		if len(d.Picks) != 1 {
			t.Fatalf("picks %+v", d.Picks)
		}
		seen[d.Picks[0].CreativeID] = true
		r.BreakID = "b2"
		if d2 := e.Decide(r); d2.Picks[0] != d.Picks[0] {
			otherBreak++
		}
	}
	if len(seen) < 18 {
		t.Errorf("200 sessions saw %d of 20 creatives", len(seen))
	}
	if otherBreak < 150 {
		t.Errorf("the next break changed the spot for only %d of 200 sessions", otherBreak)
	}
}

// TestSnapshotSwap: Update under concurrent Decides; every decision is
// wholly from one snapshot (run with -race).
func TestSnapshotSwap(t *testing.T) {
	v1 := mustCompile(t, 1, []campaign.Campaign{camp("x"), camp("x-only", priority(1))})
	v2 := mustCompile(t, 2, []campaign.Campaign{camp("y"), camp("y-only", priority(1))})
	e := decision.NewEngine(nil)
	e.Update(v1)
	want := map[int64]string{1: "x", 2: "y"}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var d decision.Decision
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				r := request(duration(60), func(r *decision.Request) { r.Session[0] = byte(g); r.Session[1] = byte(i) })
				e.DecideInto(&d, r)
				if len(d.Picks) != 2 || d.Picks[0].CampaignID != want[d.Version] || d.Picks[1].CampaignID != want[d.Version]+"-only" {
					t.Errorf("version %d picked %+v", d.Version, d.Picks)
					return
				}
			}
		}()
	}
	for i := range 2000 {
		if i%2 == 0 {
			e.Update(v2)
		} else {
			e.Update(v1)
		}
		if s := e.Snapshot(); s.Version != 1 && s.Version != 2 {
			t.Fatalf("snapshot version %d", s.Version)
		}
	}
	close(stop)
	wg.Wait()
}

// brokenCounters answer nothing: a Redis that went away.
type brokenCounters struct{ decision.Counters }

func (brokenCounters) ReadBatch(*decision.Batch) error { return errors.New("connection refused") }

// TestCountersUnavailable: caps that cannot be read fail closed; campaigns
// without caps still play.
func TestCountersUnavailable(t *testing.T) {
	e := newEngine(t, brokenCounters{decision.NewMemoryCounters()},
		camp("capped", freq(0, 1), priority(9)),
		camp("goal", goal(100), priority(8)),
		camp("free", priority(1)),
	)
	d := e.Decide(request())
	checkDecision(t, d, &decideCase{
		picks:    []string{"free/free-30"},
		eligible: []string{"free"},
		rejected: []string{"capped:counters_unavailable", "goal:counters_unavailable"},
		filled:   30,
	})
	if n := e.CounterErrors(); n != 2 {
		t.Errorf("counter errors %d, want 2 (one per batch read; a batch never spans tiers)", n)
	}
}
