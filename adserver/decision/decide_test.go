package decision_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/decision"
)

// decideCase is one decision: campaigns, the impressions already counted,
// the request, and the expected pod and explanation.
type decideCase struct {
	name      string
	campaigns []campaign.Campaign
	counts    []impressions
	req       []func(*decision.Request)
	picks     []string // "campaign/creative", in pod order
	eligible  []string // nil: no campaign eligible
	rejected  []string // "campaign:reason", any order
	skipped   int
	filled    float64
}

var madridNight = `{"all":[{"city":{"in":["Madrid"]}},{"daypart":{"in":["night"]}}]}`

var decideCases = []decideCase{
	{
		name:      "priority first",
		campaigns: []campaign.Campaign{camp("a", priority(5)), camp("b", priority(10))},
		picks:     []string{"b/b-30"},
		eligible:  []string{"b"},
		skipped:   1,
		filled:    30,
	},
	{
		name:      "priority orders the pod",
		campaigns: []campaign.Campaign{camp("a", priority(5)), camp("b", priority(10)), camp("c", priority(7))},
		req:       []func(*decision.Request){duration(90)},
		picks:     []string{"b/b-30", "c/c-30", "a/a-30"},
		eligible:  []string{"b", "c", "a"},
		filled:    90,
	},
	{
		name:      "asap ahead of even at equal priority",
		campaigns: []campaign.Campaign{camp("a"), camp("b", asap), camp("c", priority(6))},
		req:       []func(*decision.Request){duration(60)},
		picks:     []string{"c/c-30", "b/b-30"},
		eligible:  []string{"c", "a", "b"},
		filled:    60,
	},
	{
		name:      "even: furthest behind schedule first",
		campaigns: []campaign.Campaign{camp("a", goal(1000)), camp("b", goal(1000))},
		counts:    []impressions{{campaign: "a", n: 150}, {campaign: "b", n: 20}},
		picks:     []string{"b/b-30"},
		eligible:  []string{"a", "b"},
		filled:    30,
	},
	{
		name: "even: behind is a fraction of the target",
		campaigns: []campaign.Campaign{
			camp("big", goal(100000)), // 767 impressions behind, 0.8% of its goal
			camp("small", goal(100)),  // 9 behind, 8.8%
		},
		counts:   []impressions{{campaign: "big", n: 18000}, {campaign: "small", n: 10}},
		picks:    []string{"small/small-30"},
		eligible: []string{"big", "small"},
		filled:   30,
	},
	{
		name:      "even: ahead of schedule sits out",
		campaigns: []campaign.Campaign{camp("a", goal(1000)), camp("b", goal(1000), priority(1))},
		counts:    []impressions{{campaign: "a", n: 200}}, // expected 188 + slack 10
		picks:     []string{"b/b-30"},
		eligible:  []string{"b"},
		rejected:  []string{"a:pacing"},
		filled:    30,
	},
	{
		name:      "even on daily cap: ahead of the day's schedule",
		campaigns: []campaign.Campaign{camp("a", dailyCap(100)), camp("b", dailyCap(100), priority(1))},
		counts:    []impressions{{campaign: "a", n: 51}, {campaign: "b", n: 49}}, // noon: 50 expected, slack 1
		picks:     []string{"b/b-30"},
		eligible:  []string{"b"},
		rejected:  []string{"a:pacing"},
		filled:    30,
	},
	{
		name:      "asap is never held back by pacing",
		campaigns: []campaign.Campaign{camp("a", goal(1000), asap)},
		counts:    []impressions{{campaign: "a", n: 900}},
		picks:     []string{"a/a-30"},
		eligible:  []string{"a"},
		filled:    30,
	},
	{
		name: "one advertiser per pod",
		campaigns: []campaign.Campaign{
			camp("a1", advertiser("acme"), priority(10)),
			camp("a2", advertiser("acme"), priority(9)),
			camp("b", priority(1)),
		},
		req:      []func(*decision.Request){duration(60)},
		picks:    []string{"a1/a1-30", "b/b-30"},
		eligible: []string{"a1", "a2", "b"},
		rejected: []string{"a2:advertiser_in_pod"},
		filled:   60,
	},
	{
		name: "one campaign per competitive category; no category never conflicts",
		campaigns: []campaign.Campaign{
			camp("ford", category("auto"), priority(10)),
			camp("fiat", category("auto"), priority(9)),
			camp("nike", priority(8)),
			camp("puma", priority(7)),
		},
		req:      []func(*decision.Request){duration(90)},
		picks:    []string{"ford/ford-30", "nike/nike-30", "puma/puma-30"},
		eligible: []string{"ford", "fiat", "nike", "puma"},
		rejected: []string{"fiat:category_in_pod"},
		filled:   90,
	},
	{
		name:      "goal reached",
		campaigns: []campaign.Campaign{camp("a", goal(5), asap)},
		counts:    []impressions{{campaign: "a", n: 5, at: now.Add(-48 * time.Hour)}},
		rejected:  []string{"a:goal_reached"},
	},
	{
		name:      "daily cap counts today only",
		campaigns: []campaign.Campaign{camp("a", dailyCap(3), asap), camp("b", dailyCap(3), asap)},
		counts: []impressions{
			{campaign: "a", n: 3},
			{campaign: "b", n: 5, at: now.Add(-24 * time.Hour)},
			{campaign: "b", n: 2},
		},
		picks:    []string{"b/b-30"},
		eligible: []string{"b"},
		rejected: []string{"a:daily_cap"},
		filled:   30,
	},
	{
		name:      "frequency per viewer per day",
		campaigns: []campaign.Campaign{camp("a", freq(2, 0)), camp("b", freq(2, 0))},
		counts: []impressions{
			{campaign: "a", n: 2, viewer: viewer1},
			{campaign: "b", n: 1, viewer: viewer1},
			{campaign: "b", n: 3, viewer: viewer1, at: now.Add(-24 * time.Hour)},
		},
		picks:    []string{"b/b-30"},
		eligible: []string{"b"},
		rejected: []string{"a:frequency_day"},
		filled:   30,
	},
	{
		name:      "anonymous viewer: no per-day cap",
		campaigns: []campaign.Campaign{camp("a", freq(2, 0))},
		counts:    []impressions{{campaign: "a", n: 5, viewer: [16]byte{}}},
		req:       []func(*decision.Request){anonymous},
		picks:     []string{"a/a-30"},
		eligible:  []string{"a"},
		filled:    30,
	},
	{
		name:      "frequency per session, across midnight",
		campaigns: []campaign.Campaign{camp("a", freq(0, 2)), camp("b", freq(0, 2))},
		counts: []impressions{
			{campaign: "a", n: 1, session: session1, at: now.Add(-13 * time.Hour)}, // yesterday
			{campaign: "a", n: 1, session: session1},
			{campaign: "b", n: 1, session: session1},
			{campaign: "b", n: 4, session: session2},
		},
		picks:    []string{"b/b-30"},
		eligible: []string{"b"},
		rejected: []string{"a:frequency_session"},
		filled:   30,
	},
	{
		name: "flight: before start, at end (exclusive)",
		campaigns: []campaign.Campaign{
			camp("early", flight(now.Add(time.Second), flightEnd)),
			camp("over", flight(flightStart, now)),
			camp("on", flight(now, now.Add(time.Second))),
		},
		picks:    []string{"on/on-30"},
		eligible: []string{"on"},
		rejected: []string{"early:flight", "over:flight"},
		filled:   30,
	},
	{
		name:      "paused",
		campaigns: []campaign.Campaign{camp("a", paused)},
		rejected:  []string{"a:paused"},
	},
	{
		name: "targeting: offered by the index, refused by the rule",
		campaigns: []campaign.Campaign{
			camp("night", rule(madridNight)),
			camp("runners", rule(`{"interests":{"any":["running"]}}`)),
			camp("golfers", rule(`{"interests":{"any":["golf"]}}`)),
		},
		picks:    []string{"runners/runners-30"},
		eligible: []string{"runners"},
		rejected: []string{"golfers:targeting", "night:targeting"},
		filled:   30,
	},
	{
		name: "targeting: excluded by the index, not listed",
		campaigns: []campaign.Campaign{
			camp("bcn", rule(`{"city":{"in":["Barcelona"]}}`)),
			camp("mobile", rule(`{"all":[{"device":{"in":["mobile"]}},{"daypart":{"in":["afternoon"]}}]}`)),
			camp("mad", rule(`{"city":{"in":["MADRID"]}}`)),
		},
		picks:    []string{"mad/mad-30"},
		eligible: []string{"mad"},
		filled:   30,
	},
	{
		name:      "no context: only untargeted campaigns",
		campaigns: []campaign.Campaign{camp("mad", rule(`{"city":{"in":["Madrid"]}}`)), camp("any", rule(`{"city":{"not_in":["Madrid"]}}`)), camp("all")},
		req:       []func(*decision.Request){func(r *decision.Request) { r.Context = nil }},
		picks:     []string{"all/all-30"},
		eligible:  []string{"all", "any"},
		filled:    30,
		rejected:  nil,
	},
	{
		name: "too long: no creative fits the break, or none has a duration",
		campaigns: []campaign.Campaign{
			camp("long", creatives(60)),
			camp("unprobed", creatives(0)),
			camp("fits", creatives(60, 20)),
		},
		picks:    []string{"fits/fits-20"},
		eligible: []string{"fits"},
		rejected: []string{"long:too_long", "unprobed:too_long"},
		filled:   20,
	},
	{
		name: "fill: greedy in rank order, passing over what no longer fits",
		campaigns: []campaign.Campaign{
			camp("a", priority(10), creatives(30)),
			camp("b", priority(9), creatives(30), asap),
			camp("c", priority(9), creatives(10)),
			camp("d", priority(8), creatives(30)),
			camp("e", priority(7), creatives(5)),
		},
		req:      []func(*decision.Request){duration(40)},
		picks:    []string{"a/a-30", "c/c-10"},
		eligible: []string{"a", "c"},
		skipped:  3, // b (asap: its own group) cannot fit the 10 s left; then the pod is full: d and e cannot change it
		filled:   40,
	},
	{
		name: "fill: a lower tier fills what is left",
		campaigns: []campaign.Campaign{
			camp("a", priority(10), creatives(30)),
			camp("b", priority(9), creatives(30)),
			camp("c", priority(8), creatives(10)),
			camp("d", priority(7), creatives(5)),
		},
		req:      []func(*decision.Request){duration(45)},
		picks:    []string{"a/a-30", "c/c-10", "d/d-5"},
		eligible: []string{"a", "c", "d"},
		skipped:  1, // b cannot fit the 15 s left after a: passed over unevaluated
		filled:   45,
	},
	{
		name: "fill: the longest creative that fits",
		campaigns: []campaign.Campaign{
			camp("a", priority(10), creatives(15, 30, 20)),
			camp("b", priority(9), creatives(10, 5)),
		},
		req:      []func(*decision.Request){duration(35)},
		picks:    []string{"a/a-30", "b/b-5"},
		eligible: []string{"a", "b"},
		filled:   35,
	},
	{
		name: "fill: float lengths add up within a millisecond",
		campaigns: []campaign.Campaign{
			camp("a", priority(10), creatives(10.01)),
			camp("b", priority(9), creatives(9.99)),
			camp("c", priority(8), creatives(10.0005)),
		},
		picks:    []string{"a/a-10.01", "b/b-9.99", "c/c-10.0005"},
		eligible: []string{"a", "b", "c"},
		filled:   30.0005,
	},
	{
		name:      "zero duration break",
		campaigns: []campaign.Campaign{camp("a")},
		req:       []func(*decision.Request){duration(0)},
		rejected:  []string{"a:too_long"},
	},
	{
		name:      "nothing to decide",
		campaigns: nil,
	},
}

func duration(d float64) func(*decision.Request) {
	return func(r *decision.Request) { r.Duration = d }
}

func anonymous(r *decision.Request) { r.Viewer = [16]byte{} }

func TestDecide(t *testing.T) {
	for _, tc := range decideCases {
		t.Run(tc.name, func(t *testing.T) {
			c := decision.NewMemoryCounters()
			record(t, c, tc.counts)
			e := newEngine(t, c, tc.campaigns...)
			checkDecision(t, e.Decide(request(tc.req...)), &tc)
		})
	}
}

func checkDecision(t *testing.T, d *decision.Decision, tc *decideCase) {
	t.Helper()
	if d.Version != 1 {
		t.Errorf("version %d, want 1", d.Version)
	}
	var picks []string
	for _, p := range d.Picks {
		picks = append(picks, p.CampaignID+"/"+p.CreativeID)
	}
	if !slices.Equal(picks, tc.picks) {
		t.Errorf("picks %q, want %q", picks, tc.picks)
	}
	if !slices.Equal(d.Eligible, tc.eligible) {
		t.Errorf("eligible %q, want %q", d.Eligible, tc.eligible)
	}
	var rejected []string
	for _, r := range d.Rejected {
		rejected = append(rejected, r.CampaignID+":"+r.Reason)
	}
	slices.Sort(rejected)
	if !slices.Equal(rejected, tc.rejected) {
		t.Errorf("rejected %q, want %q", rejected, tc.rejected)
	}
	if d.Skipped != tc.skipped {
		t.Errorf("skipped %d, want %d", d.Skipped, tc.skipped)
	}
	if d.Filled < tc.filled-1e-9 || d.Filled > tc.filled+1e-9 {
		t.Errorf("filled %v, want %v", d.Filled, tc.filled)
	}
}

// TestDecidePickFields: a pick carries what the caller needs to play and
// count it.
func TestDecidePickFields(t *testing.T) {
	e := newEngine(t, nil, camp("a", advertiser("acme"), priority(42), creatives(12.5)))
	d := e.Decide(request())
	want := []decision.Pick{{CampaignID: "a", AdvertiserID: "acme", CreativeID: "a-12.5", Duration: 12.5, Priority: 42}}
	if !slices.Equal(d.Picks, want) {
		t.Errorf("picks %+v, want %+v", d.Picks, want)
	}
}

func TestDecideWithoutSnapshot(t *testing.T) {
	d := decision.NewEngine(nil).Decide(request())
	if d.Version != 0 || len(d.Picks)+len(d.Eligible)+len(d.Rejected) != 0 || d.Filled != 0 {
		t.Errorf("got %+v, want an empty decision", d)
	}
}

// TestDecideInto: the reusing variant decides exactly as Decide does.
func TestDecideInto(t *testing.T) {
	var d decision.Decision
	for _, tc := range decideCases {
		c := decision.NewMemoryCounters()
		record(t, c, tc.counts)
		e := newEngine(t, c, tc.campaigns...)
		e.DecideInto(&d, request(tc.req...))
		t.Run(tc.name, func(t *testing.T) { checkDecision(t, &d, &tc) })
	}
}

// TestDecideOddDurations: nonsense durations decide nothing, never panic.
func TestDecideOddDurations(t *testing.T) {
	e := newEngine(t, nil, camp("a"))
	for _, dur := range []float64{-30, nan(), inf(-1)} {
		d := e.Decide(request(duration(dur)))
		if len(d.Picks) != 0 || d.Filled != 0 {
			t.Errorf("duration %v: %+v", dur, d)
		}
	}
	d := e.Decide(request(duration(inf(1))))
	if len(d.Picks) != 1 || d.Filled != 30 {
		t.Errorf("duration +Inf: %+v", d)
	}
}

func TestCompileErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		cs   []campaign.Campaign
		err  string
	}{
		{"bad rule", []campaign.Campaign{camp("ok"), camp("x1", rule(`{"all":[{"city":{"eq":["Madrid"]}}]}`))},
			`campaign "x1": targeting.all[0].city: unknown operator "eq"`},
		{"duplicate id", []campaign.Campaign{camp("a"), camp("b"), camp("a")}, `campaign "a": invalid campaign: duplicate id`},
		{"empty id", []campaign.Campaign{camp("")}, `campaign "": invalid campaign: empty id`},
		{"status", []campaign.Campaign{camp("a", func(c *campaign.Campaign) { c.Status = "archived" })}, `campaign "a": invalid campaign: unknown status "archived"`},
		{"pacing", []campaign.Campaign{camp("a", func(c *campaign.Campaign) { c.Pacing = "fast" })}, `campaign "a": invalid campaign: unknown pacing "fast"`},
		{"flight", []campaign.Campaign{camp("a", flight(now, now))}, `campaign "a": invalid campaign: flight ends before it starts`},
		{"negative cap", []campaign.Campaign{camp("a", dailyCap(-1))}, `campaign "a": invalid campaign: negative goal or cap`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decision.Compile(1, tc.cs)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("err %v, want %q", err, tc.err)
			}
		})
	}
}

// TestCompileDefaults: zero priority, status and pacing mean 5, active and
// even; zero flight bounds are open.
func TestCompileDefaults(t *testing.T) {
	c := camp("a", goal(1000), func(c *campaign.Campaign) {
		c.Priority, c.Status, c.Pacing = 0, "", ""
		c.Start, c.End = time.Time{}, time.Time{}
	})
	d := newEngine(t, nil, c, camp("b", priority(4), asap)).Decide(request())
	if len(d.Picks) != 1 || d.Picks[0].CampaignID != "a" || d.Picks[0].Priority != 5 {
		t.Errorf("picks %+v, want a at priority 5", d.Picks)
	}
}
