package decision_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/decision"
)

// now is a Tuesday noon UTC, 68 days (18.6%) into the default flight.
var now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

var (
	flightStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	flightEnd   = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	viewer1     = [16]byte{1, 1}
	session1    = [16]byte{2, 1}
	session2    = [16]byte{2, 2}
)

// camp is an active, untargeted, even-paced campaign of its own advertiser
// (advertiser "adv-"+id) with one 30 s creative (id+"-30"), priority 5.
func camp(id string, opts ...func(*campaign.Campaign)) campaign.Campaign {
	c := campaign.Campaign{
		ID:           id,
		AdvertiserID: "adv-" + id,
		Name:         id,
		Status:       campaign.StatusActive,
		Start:        flightStart,
		End:          flightEnd,
		Priority:     5,
		Pacing:       campaign.PacingEven,
		Creatives:    []campaign.Creative{{ID: id + "-30", Duration: 30}},
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

func priority(p int) func(*campaign.Campaign) {
	return func(c *campaign.Campaign) { c.Priority = p }
}

func advertiser(a string) func(*campaign.Campaign) {
	return func(c *campaign.Campaign) { c.AdvertiserID = a }
}

func category(cat string) func(*campaign.Campaign) {
	return func(c *campaign.Campaign) { c.Category = cat }
}

func asap(c *campaign.Campaign) { c.Pacing = campaign.PacingASAP }

func paused(c *campaign.Campaign) { c.Status = campaign.StatusPaused }

func goal(n int64) func(*campaign.Campaign) {
	return func(c *campaign.Campaign) { c.ImpressionGoal = n }
}

func dailyCap(n int64) func(*campaign.Campaign) {
	return func(c *campaign.Campaign) { c.DailyCap = n }
}

func freq(perDay, perSession int) func(*campaign.Campaign) {
	return func(c *campaign.Campaign) {
		c.FrequencyCap = campaign.FrequencyCap{PerDay: perDay, PerSession: perSession}
	}
}

func flight(start, end time.Time) func(*campaign.Campaign) {
	return func(c *campaign.Campaign) { c.Start, c.End = start, end }
}

func rule(js string) func(*campaign.Campaign) {
	return func(c *campaign.Campaign) { c.Targeting = json.RawMessage(js) }
}

// creatives replaces the creatives: id suffix -> seconds.
func creatives(durs ...float64) func(*campaign.Campaign) {
	return func(c *campaign.Campaign) {
		c.Creatives = nil
		for _, d := range durs {
			c.Creatives = append(c.Creatives, campaign.Creative{ID: c.ID + "-" + ftoa(d), Duration: d})
		}
	}
}

func ftoa(d float64) string {
	b, _ := json.Marshal(d)
	return string(b)
}

// madrid is a weekday-noon viewer in Madrid watching news on a TV.
func madrid() *campaign.Context {
	return &campaign.Context{
		LocalHour: 13, Weekday: time.Tuesday, Daypart: "afternoon",
		Country: "ES", Region: "Madrid", City: "Madrid",
		Interests: []string{"running", "football"},
		Device:    "tv", Stream: "news", Genre: "news",
	}
}

// impressions records n impressions, each in its own session unless the
// session is given.
type impressions struct {
	campaign string
	n        int
	viewer   [16]byte
	session  [16]byte
	at       time.Time
}

func record(t testing.TB, c decision.Counters, imps []impressions) {
	t.Helper()
	for _, im := range imps {
		at := im.at
		if at.IsZero() {
			at = now.Add(-time.Hour)
		}
		for i := range im.n {
			s := im.session
			if s == [16]byte{} {
				s = [16]byte{9, byte(i), byte(i >> 8), byte(i >> 16)}
			}
			if err := c.RecordImpression(im.campaign, im.viewer, s, at); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func mustCompile(t testing.TB, version int64, cs []campaign.Campaign) *decision.Snapshot {
	t.Helper()
	s, err := decision.Compile(version, cs)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newEngine(t testing.TB, c decision.Counters, cs ...campaign.Campaign) *decision.Engine {
	t.Helper()
	e := decision.NewEngine(c)
	e.Update(mustCompile(t, 1, cs))
	return e
}

// request is session1/viewer1 in break "b1" of 30 s, in Madrid, at now.
func request(mods ...func(*decision.Request)) *decision.Request {
	r := &decision.Request{Session: session1, Viewer: viewer1, BreakID: "b1", Duration: 30, Context: madrid(), Now: now}
	for _, m := range mods {
		m(r)
	}
	return r
}

func nan() float64 { return math.NaN() }

func inf(sign int) float64 { return math.Inf(sign) }
