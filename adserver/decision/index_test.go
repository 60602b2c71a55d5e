package decision_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/decision"
	"github.com/adstitch/adstitch/adserver/targeting"
)

// indexCase is one rule against one viewer. The index may leave a
// campaign out only when its rule cannot match; Match is the oracle.
type indexCase struct {
	name   string
	rule   string
	ctx    indexContext
	listed bool // offered by the index (eligible or rejected)
	match  bool
}

// indexContext is the context fields as the fuzzer varies them.
type indexContext struct {
	city, region, country, device, stream, genre, daypart string
	hour                                                  int
	interests                                             string // comma separated
}

func (c indexContext) context() *campaign.Context {
	ctx := &campaign.Context{
		LocalHour: c.hour, Weekday: time.Tuesday, Daypart: c.daypart,
		Country: c.country, Region: c.region, City: c.city,
		Device: c.device, Stream: c.stream, Genre: c.genre,
	}
	if c.interests != "" {
		ctx.Interests = strings.Split(c.interests, ",")
	}
	return ctx
}

var madridTV = indexContext{city: "Madrid", region: "Madrid", country: "ES", device: "tv", stream: "news", genre: "news", daypart: "afternoon", hour: 13, interests: "running,football"}

func with(c indexContext, f func(*indexContext)) indexContext {
	f(&c)
	return c
}

var indexCases = []indexCase{
	{"no rule", `null`, madridTV, true, true},
	{"city in", `{"city":{"in":["Madrid","Sevilla"]}}`, madridTV, true, true},
	{"city in, other case", `{"city":{"in":["MADRID"]}}`, with(madridTV, func(c *indexContext) { c.city = "mAdRiD" }), true, true},
	{"city in, unicode case", `{"city":{"in":["istanbul"]}}`, with(madridTV, func(c *indexContext) { c.city = "İSTANBUL" }), true, true},
	{"city in, other city", `{"city":{"in":["Barcelona"]}}`, madridTV, false, false},
	{"city in, no city known", `{"city":{"in":["Madrid"]}}`, with(madridTV, func(c *indexContext) { c.city = "" }), false, false},
	{"city not_in: not indexed", `{"city":{"not_in":["Madrid"]}}`, madridTV, true, false},
	{"any of cities: not indexed", `{"any":[{"city":{"in":["Sevilla"]}},{"city":{"in":["Madrid"]}}]}`, madridTV, true, true},
	{"not: not indexed", `{"not":{"device":{"in":["tv"]}}}`, madridTV, true, false},
	{"city and daypart", `{"all":[{"city":{"in":["Madrid"]}},{"daypart":{"in":["afternoon","evening"]}}]}`, madridTV, true, true},
	{"city and the wrong daypart", `{"all":[{"city":{"in":["Madrid"]}},{"daypart":{"in":["night"]}}]}`, madridTV, true, false},
	{"nested alls intersect", `{"all":[{"city":{"in":["Madrid","Bilbao"]}},{"all":[{"city":{"in":["Bilbao","Sevilla"]}}]}]}`, with(madridTV, func(c *indexContext) { c.city = "Bilbao" }), true, true},
	{"nested alls intersect, outside", `{"all":[{"city":{"in":["Madrid","Bilbao"]}},{"all":[{"city":{"in":["Bilbao","Sevilla"]}}]}]}`, madridTV, false, false},
	{"region, country, stream, genre", `{"all":[{"region":{"in":["madrid"]}},{"country":{"in":["es"]}},{"stream":{"in":["NEWS"]}},{"genre":{"in":["news"]}}]}`, madridTV, true, true},
	{"device in, upper-case context", `{"device":{"in":["tv","mobile"]}}`, with(madridTV, func(c *indexContext) { c.device = "TV" }), true, true},
	{"device in, other device", `{"device":{"in":["mobile"]}}`, madridTV, false, false},
	{"city and interests", `{"all":[{"city":{"in":["Madrid"]}},{"interests":{"any":["golf"]}}]}`, madridTV, true, false},
	{"interests only", `{"interests":{"all":["running","football"]}}`, madridTV, true, true},
	{"hours and days", `{"all":[{"local_hour":{"between":[12,14]}},{"day_of_week":{"in":["tue"]}}]}`, madridTV, true, true},
	{"daypart and hour disagree", `{"all":[{"daypart":{"in":["afternoon"]}},{"local_hour":{"in":[20]}}]}`, madridTV, true, false},
	{"city in with an indexed any beside it", `{"all":[{"city":{"in":["Madrid"]}},{"any":[{"device":{"in":["mobile"]}},{"genre":{"in":["news"]}}]}]}`, madridTV, true, true},
}

func TestIndex(t *testing.T) {
	for _, tc := range indexCases {
		t.Run(tc.name, func(t *testing.T) {
			listed, eligible, ok := decideRule(t, tc.rule, tc.ctx)
			if !ok {
				t.Fatal("rule does not compile")
			}
			if listed != tc.listed || eligible != tc.match {
				t.Errorf("listed %v eligible %v, want %v %v", listed, eligible, tc.listed, tc.match)
			}
		})
	}
}

// decideRule decides for one campaign with rule among others that the
// index lists in other ways, and says whether the campaign was listed in
// the explanation and eligible. It fails the test when the decision
// disagrees with Match.
func decideRule(t *testing.T, js string, ctx indexContext) (listed, eligible, ok bool) {
	r, err := targeting.Parse(json.RawMessage(js))
	if err != nil {
		return false, false, false
	}
	s, err := decision.Compile(1, []campaign.Campaign{
		camp("subject", func(c *campaign.Campaign) { c.Targeting = json.RawMessage(js) }),
		camp("mad", priority(9), rule(`{"city":{"in":["Madrid"]}}`)),
		camp("open", priority(1), rule(`{"interests":{"none":["x"]}}`)),
	})
	if err != nil {
		t.Fatalf("compile %s: %v", js, err)
	}
	e := decision.NewEngine(nil)
	e.Update(s)
	c := ctx.context()
	d := e.Decide(&decision.Request{Session: session1, BreakID: "b", Duration: 90, Context: c, Now: now})
	eligible = slices.Contains(d.Eligible, "subject")
	for _, rj := range d.Rejected {
		if rj.CampaignID == "subject" {
			listed = true
			if rj.Reason != decision.ReasonTargeting {
				t.Errorf("subject rejected for %s", rj.Reason)
			}
		}
	}
	listed = listed || eligible
	if match := r.Match(c); eligible != match {
		t.Errorf("rule %s, context %+v: eligible %v, Match %v", js, *c, eligible, match)
	}
	return listed, eligible, true
}

// FuzzIndex: whatever the rule and the context, the index and its
// constraint checks agree with Match (a campaign is eligible exactly when
// its rule matches) and never panic.
func FuzzIndex(f *testing.F) {
	for _, tc := range indexCases {
		c := tc.ctx
		f.Add(tc.rule, c.city, c.region, c.country, c.device, c.stream, c.genre, c.daypart, c.hour, c.interests)
	}
	f.Fuzz(func(t *testing.T, rule, city, region, country, device, stream, genre, daypart string, hour int, interests string) {
		decideRule(t, rule, indexContext{city, region, country, device, stream, genre, daypart, hour, interests})
	})
}
