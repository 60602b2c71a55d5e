package decision_test

import (
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/decision"
)

// A flat tier is many campaigns at one priority: the pacing board orders
// them, a decision evaluates them lazily in that order and stops when the
// pod is full. These tests pin what must hold whatever the laziness.

// flatTier is n campaigns "f0".."f<n-1>" at priority 5, each of its own
// advertiser, built by camp with opts(i).
func flatTier(n int, opts func(i int) []func(*campaign.Campaign)) []campaign.Campaign {
	cs := make([]campaign.Campaign, n)
	for i := range cs {
		cs[i] = camp("f"+strconv.Itoa(i), opts(i)...)
	}
	return cs
}

func same(o ...func(*campaign.Campaign)) func(int) []func(*campaign.Campaign) {
	return func(int) []func(*campaign.Campaign) { return o }
}

// sessionN is the n-th test session.
func sessionN(n int) func(*decision.Request) {
	return func(r *decision.Request) { r.Session = [16]byte{3, byte(n), byte(n >> 8)} }
}

// evaluated is every campaign a decision lists, eligible or rejected.
func evaluated(d *decision.Decision) map[string]bool {
	m := map[string]bool{}
	for _, id := range d.Eligible {
		m[id] = true
	}
	for _, r := range d.Rejected {
		m[r.CampaignID] = true
	}
	return m
}

// TestFlatRotation: among equal campaigns, sessions rotate through them
// (uniformly: most campaigns lead some pod), the same session and break
// always get the same pod, and what was not evaluated is counted.
func TestFlatRotation(t *testing.T) {
	for _, tc := range []struct {
		name        string
		campaigns   []campaign.Campaign
		duration    float64
		picks       int
		minDistinct int // different first spots over 300 sessions
	}{
		{"100 asap, 30 s", flatTier(100, same(asap)), 30, 1, 80},
		{"100 even without schedule, 60 s", flatTier(100, same()), 60, 2, 80},
		{"100 even on one goal, 90 s", flatTier(100, same(goal(1000))), 90, 3, 80},
		{"1000 asap of 10 s, 30 s", flatTier(1000, same(asap, creatives(10))), 30, 3, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEngine(t, nil, tc.campaigns...)
			firsts := map[string]int{}
			for s := range 300 {
				r := request(duration(tc.duration), sessionN(s))
				d := e.Decide(r)
				if len(d.Picks) != tc.picks {
					t.Fatalf("session %d: picks %+v, want %d", s, d.Picks, tc.picks)
				}
				if again := e.Decide(r); !reflect.DeepEqual(d, again) {
					t.Fatalf("session %d: the same break decided twice differs:\n%+v\n%+v", s, d, again)
				}
				if n := len(evaluated(d)); d.Skipped+n != len(tc.campaigns) || n > 16 {
					t.Fatalf("session %d: %d evaluated + %d skipped, want %d offered, at most 16 evaluated", s, n, d.Skipped, len(tc.campaigns))
				}
				firsts[d.Picks[0].CampaignID]++
			}
			if len(firsts) < tc.minDistinct {
				t.Errorf("300 sessions saw %d different first spots, want >= %d", len(firsts), tc.minDistinct)
			}
			for id, n := range firsts {
				if n > 15 {
					t.Errorf("%s led %d of 300 pods: not a rotation", id, n)
				}
			}
		})
	}
}

// TestFlatPacing: within a tier, asap campaigns go first and even ones
// furthest behind schedule before those on schedule, however many equal
// campaigns surround them.
func TestFlatPacing(t *testing.T) {
	lead := func(i int) bool { return i%10 == 3 } // 10 of 100
	for _, tc := range []struct {
		name   string
		opts   func(i int) []func(*campaign.Campaign)
		counts func(id string, i int) []impressions
	}{
		{
			name: "goal: behind before on schedule",
			opts: same(goal(1000)), // 18.8% of the flight gone: 188 expected
			counts: func(id string, i int) []impressions {
				if lead(i) {
					return nil // 18.8% of the goal behind
				}
				return []impressions{{campaign: id, n: 183, session: session2}} // 0.5% behind
			},
		},
		{
			name: "daily cap: behind the day's schedule first",
			opts: same(dailyCap(100)), // noon: 50 expected
			counts: func(id string, i int) []impressions {
				if lead(i) {
					return []impressions{{campaign: id, n: 10, session: session2}} // 40% behind
				}
				return []impressions{{campaign: id, n: 49, session: session2}} // 1% behind
			},
		},
		{
			name: "asap before even",
			opts: func(i int) []func(*campaign.Campaign) {
				if lead(i) {
					return []func(*campaign.Campaign){asap}
				}
				return []func(*campaign.Campaign){goal(1000)}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := flatTier(100, tc.opts)
			c := decision.NewMemoryCounters()
			for i := range cs {
				if tc.counts != nil {
					record(t, c, tc.counts(cs[i].ID, i))
				}
			}
			e := newEngine(t, c, cs...)
			for s := range 100 {
				d := e.Decide(request(duration(60), sessionN(s)))
				if len(d.Picks) != 2 {
					t.Fatalf("session %d: picks %+v", s, d.Picks)
				}
				for _, p := range d.Picks {
					if i, _ := strconv.Atoi(p.CampaignID[1:]); !lead(i) {
						t.Fatalf("session %d: picked %s before the campaigns that lead", s, p.CampaignID)
					}
				}
			}
		})
	}
}

// TestFlatCaps: caps, goals, pacing and the pod's advertiser and category
// rules hold for every pick of a lazily evaluated tier, and every
// evaluated campaign that breaks one is rejected for it.
func TestFlatCaps(t *testing.T) {
	blocked := func(i int) bool { return i%10 != 7 } // 90 of 100
	reached := func(n int) func(id string, i int) []impressions {
		return func(id string, i int) []impressions {
			return []impressions{{campaign: id, n: n, session: session2}}
		}
	}
	for _, tc := range []struct {
		name string
		opts func(i int) []func(*campaign.Campaign)
		// counts are recorded for the blocked campaigns; after: once a
		// decision built the pacing board, so only fresh counts see them.
		counts   func(id string, i int) []impressions
		after    bool
		sessions int // 0: 100 sessions; 1: session1 only
		dur      float64
		picks    int
		inPod    int    // blocked campaigns a pod may hold
		reason   string // of every blocked campaign evaluated
		sitOut   bool   // the board walks the blocked ones last: none is evaluated
	}{
		{
			name: "frequency per viewer per day", opts: same(freq(1, 0), asap), counts: viewerSaw,
			dur: 60, picks: 2, reason: decision.ReasonFrequencyDay,
		},
		{
			name: "frequency per session, counted after the board", opts: same(freq(0, 1)), counts: viewerSaw, after: true,
			sessions: 1, dur: 60, picks: 2, reason: decision.ReasonFrequencySession,
		},
		{
			name: "goal reached", opts: same(goal(50), asap), counts: reached(50),
			dur: 60, picks: 2, reason: decision.ReasonGoalReached, sitOut: true,
		},
		{
			name: "goal reached after the board", opts: same(goal(50), asap), counts: reached(50), after: true,
			dur: 60, picks: 2, reason: decision.ReasonGoalReached,
		},
		{
			name: "ahead of schedule after the board", opts: same(goal(1000)), counts: reached(200), after: true, // 188 expected, slack 10
			dur: 60, picks: 2, reason: decision.ReasonPacing,
		},
		{
			name: "one advertiser per pod",
			opts: func(i int) []func(*campaign.Campaign) {
				if blocked(i) {
					return []func(*campaign.Campaign){advertiser("acme")}
				}
				return nil
			},
			dur: 330, picks: 11, inPod: 1, reason: decision.ReasonAdvertiserInPod,
		},
		{
			name: "one campaign per competitive category",
			opts: func(i int) []func(*campaign.Campaign) {
				if blocked(i) {
					return []func(*campaign.Campaign){category("auto")}
				}
				return nil
			},
			dur: 330, picks: 11, inPod: 1, reason: decision.ReasonCategoryInPod,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := flatTier(100, tc.opts)
			c := decision.NewMemoryCounters()
			e := newEngine(t, c, cs...)
			e.Decide(request()) // the board at now
			for i := range cs {
				if tc.counts != nil && blocked(i) {
					record(t, c, tc.counts(cs[i].ID, i))
				}
			}
			if !tc.after {
				e = newEngine(t, c, cs...)
			}
			sessions := tc.sessions
			if sessions == 0 {
				sessions = 100
			}
			for s := range sessions {
				r := request(duration(tc.dur))
				if tc.sessions == 0 {
					sessionN(s)(r)
				}
				d := e.Decide(r)
				if len(d.Picks) != tc.picks {
					t.Fatalf("session %d: %d picks %+v, want %d", s, len(d.Picks), d.Picks, tc.picks)
				}
				inPod := 0
				for _, p := range d.Picks {
					if i, _ := strconv.Atoi(p.CampaignID[1:]); blocked(i) {
						inPod++
					}
				}
				if inPod > tc.inPod {
					t.Fatalf("session %d: picks %+v hold %d blocked campaigns, want at most %d", s, d.Picks, inPod, tc.inPod)
				}
				if tc.sitOut && len(d.Rejected) > 0 {
					t.Fatalf("session %d: rejected %+v: the board should walk them last", s, d.Rejected)
				}
				for _, rj := range d.Rejected {
					if i, _ := strconv.Atoi(rj.CampaignID[1:]); !blocked(i) || rj.Reason != tc.reason {
						t.Fatalf("session %d: %s rejected for %s", s, rj.CampaignID, rj.Reason)
					}
				}
			}
		})
	}
}

// viewerSaw: viewer1 saw the campaign once today, in session1.
func viewerSaw(id string, i int) []impressions {
	return []impressions{{campaign: id, n: 1, viewer: viewer1, session: session1}}
}

// TestSkipped: what a full pod never evaluated is counted, not listed;
// tiers and groups are never skipped while something may still fit.
func TestSkipped(t *testing.T) {
	for _, tc := range []struct {
		name      string
		campaigns []campaign.Campaign
		dur       float64
		picks     int
		skipped   func(d *decision.Decision) bool
	}{
		{
			name:      "one batch fills the pod",
			campaigns: flatTier(200, same(asap)),
			dur:       30, picks: 1,
			skipped: func(d *decision.Decision) bool { return d.Skipped >= 200-16 },
		},
		{
			name: "a short creative further down is still reached",
			campaigns: append(flatTier(50, same(asap, creatives(25))),
				camp("short", priority(1), creatives(5))),
			dur: 30, picks: 2,
			skipped: func(d *decision.Decision) bool { return d.Skipped > 0 },
		},
		{
			name:      "nothing fits: all evaluated",
			campaigns: flatTier(50, same(asap, creatives(40))),
			dur:       30, picks: 0,
			skipped: func(d *decision.Decision) bool { return d.Skipped == 0 && len(d.Rejected) == 50 },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEngine(t, nil, tc.campaigns...)
			for s := range 20 {
				d := e.Decide(request(duration(tc.dur), sessionN(s)))
				if len(d.Picks) != tc.picks || !tc.skipped(d) {
					t.Fatalf("session %d: %d picks, %d skipped, %d rejected", s, len(d.Picks), d.Skipped, len(d.Rejected))
				}
				if n := len(evaluated(d)); n+d.Skipped != len(tc.campaigns) {
					t.Fatalf("session %d: %d evaluated + %d skipped of %d", s, n, d.Skipped, len(tc.campaigns))
				}
				if tier := slices.DeleteFunc(slices.Clone(d.Eligible), func(id string) bool { return id == "short" }); !slices.IsSorted(tier) {
					t.Fatalf("eligible %q not in id order", d.Eligible)
				}
			}
		})
	}
}

// TestPacingBoardRefresh: the board orders by the counts it read; a
// request a second or more after it refreshes it in the background (the
// request itself walks the old one), and one far from it rebuilds it
// first. Caps never wait for the board (TestFlatCaps).
func TestPacingBoardRefresh(t *testing.T) {
	c := decision.NewMemoryCounters()
	record(t, c, []impressions{{campaign: "b", n: 100, session: session2}}) // 8.8% behind; a 18.8%
	e := newEngine(t, c, camp("a", goal(1000)), camp("b", goal(1000)))
	first := func(at time.Time) string {
		return e.Decide(request(func(r *decision.Request) { r.Now = at })).Picks[0].CampaignID
	}
	if got := first(now); got != "a" {
		t.Fatalf("first %s, want a", got)
	}
	record(t, c, []impressions{{campaign: "a", n: 150, session: session2}}) // a: 3.8% behind
	if got := first(now); got != "a" {
		t.Errorf("same time, same board: first %s, want a", got)
	}
	if got := first(now.Add(2 * time.Second)); got != "a" {
		t.Errorf("stale board, refresh started: first %s, want a", got)
	}
	deadline := time.Now().Add(5 * time.Second)
	for first(now.Add(2*time.Second)) != "b" {
		if time.Now().After(deadline) {
			t.Fatal("the background refresh never took b's lead into account")
		}
		time.Sleep(time.Millisecond)
	}
	record(t, c, []impressions{{campaign: "b", n: 82, session: session2}}) // b: 0.6% behind
	if got := first(now.Add(time.Hour)); got != "a" {
		t.Errorf("an hour later: first %s, want a (the board rebuilt first)", got)
	}
}

// TestPacingBoardErrors: a board whose counts cannot be read is counted
// and orders as if nothing were delivered; decisions still fail closed.
func TestPacingBoardErrors(t *testing.T) {
	e := newEngine(t, brokenCounters{decision.NewMemoryCounters()}, camp("g", goal(100)), camp("free", priority(1)))
	d := e.Decide(request())
	if len(d.Picks) != 1 || d.Picks[0].CampaignID != "free" {
		t.Errorf("picks %+v, want free", d.Picks)
	}
	if e.PacingBoardErrors() == 0 {
		t.Error("board errors not counted")
	}
}
