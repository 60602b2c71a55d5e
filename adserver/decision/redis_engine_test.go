package decision_test

import (
	"io"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/decision"
)

// TestRedisSharedCaps: two engines, as two serve instances would have,
// each with its own Redis client, enforce one frequency cap: what one
// instance delivered counts on the other at its next decision.
func TestRedisSharedCaps(t *testing.T) {
	srv := startRedis(t)
	instance := func() (*decision.Engine, decision.Counters) {
		c, err := decision.NewRedisCounters(srv.addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.(io.Closer).Close() })
		return newEngine(t, c,
			camp("capped", freq(1, 0), priority(9)),
			camp("per-session", freq(0, 1), priority(8)),
			camp("house", priority(1)),
		), c
	}
	a, countersA := instance()
	b, _ := instance()
	pod := func(d *decision.Decision) []string {
		var ids []string
		for _, p := range d.Picks {
			ids = append(ids, p.CampaignID)
		}
		return ids
	}

	r := request(duration(60))
	d := a.Decide(r)
	if got := pod(d); len(got) != 2 || got[0] != "capped" || got[1] != "per-session" {
		t.Fatalf("instance A, first break: %v", got)
	}
	// The player plays the pod; A's beacons record the impressions.
	for _, p := range d.Picks {
		if err := countersA.RecordImpression(p.CampaignID, r.Viewer, r.Session, now); err != nil {
			t.Fatal(err)
		}
	}

	// Same viewer, same session, next break, on instance B: both caps hold.
	next := request(duration(60), func(r *decision.Request) { r.BreakID = "b2" })
	checkDecision(t, b.Decide(next), &decideCase{
		picks:    []string{"house/house-30"},
		eligible: []string{"house"},
		rejected: []string{"capped:frequency_day", "per-session:frequency_session"},
		filled:   30,
	})
	// Same viewer in a new session on B: the per-session cap starts over,
	// the per-day one does not.
	newSession := request(duration(60), func(r *decision.Request) { r.Session = session2 })
	if got := pod(b.Decide(newSession)); len(got) != 2 || got[0] != "per-session" || got[1] != "house" {
		t.Errorf("instance B, new session: %v", got)
	}
	// Another viewer on B is not capped by viewer 1's impressions.
	other := request(duration(60), func(r *decision.Request) { r.Viewer, r.Session = viewer2, session2 })
	if got := pod(b.Decide(other)); len(got) != 2 || got[0] != "capped" {
		t.Errorf("instance B, other viewer: %v", got)
	}

	// Redis goes away: capped campaigns fail closed, fast; uncapped play.
	srv.stop()
	start := time.Now()
	checkDecision(t, a.Decide(next), &decideCase{
		picks:    []string{"house/house-30"},
		eligible: []string{"house"},
		rejected: []string{"capped:counters_unavailable", "per-session:counters_unavailable"},
		filled:   30,
	})
	if took := time.Since(start); took > time.Second {
		t.Errorf("deciding without Redis took %v", took)
	}
	if a.CounterErrors() == 0 {
		t.Error("counter errors not counted")
	}
}

// TestRedisGoalAcrossInstances: impressions recorded on two instances add
// up to one goal.
func TestRedisGoalAcrossInstances(t *testing.T) {
	srv := startRedis(t)
	cs := []campaign.Campaign{camp("g", goal(4), asap)}
	var engines []*decision.Engine
	for range 2 {
		c, err := decision.NewRedisCounters("redis://" + srv.addr + "/0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.(io.Closer).Close() })
		engines = append(engines, newEngine(t, c, cs...))
		record(t, c, []impressions{{campaign: "g", n: 2}})
	}
	for i, e := range engines {
		checkDecision(t, e.Decide(request()), &decideCase{rejected: []string{"g:goal_reached"}})
		if t.Failed() {
			t.Fatalf("instance %d", i)
		}
	}
}
