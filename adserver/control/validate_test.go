package control

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// validCampaign is the contract example, defaults applied.
func validCampaign() campaign.Campaign {
	return campaign.Campaign{
		AdvertiserID: "adv_x",
		Name:         "Madrid all day",
		Status:       campaign.StatusActive,
		Start:        time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		End:          time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		Priority:     5,
		Pacing:       campaign.PacingEven,
		Targeting:    json.RawMessage(`{"all":[{"city":{"in":["Madrid"]}},{"daypart":{"in":["morning","afternoon","evening","night"]}}]}`),
		Creatives:    []campaign.Creative{{Name: "spot-a", HLS: "http://127.0.0.1:9000/ads/a/master.m3u8"}},
	}
}

func TestValidateCampaign(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(c *campaign.Campaign)
		want   string // full message; "" = valid
		prefix bool   // want is a prefix of the message
	}{
		{"contract example", func(c *campaign.Campaign) {}, "", false},
		{"no targeting", func(c *campaign.Campaign) { c.Targeting = nil }, "", false},
		{"null targeting", func(c *campaign.Campaign) { c.Targeting = json.RawMessage(" null ") }, "", false},
		{"paused without creatives", func(c *campaign.Campaign) { c.Status, c.Creatives = campaign.StatusPaused, nil }, "", false},
		{"spot creative with template", func(c *campaign.Campaign) {
			c.Creatives[0] = campaign.Creative{Name: "s", SpotID: "spot1", Template: json.RawMessage(`{"text":"hi"}`)}
		}, "", false},
		{"no advertiser", func(c *campaign.Campaign) { c.AdvertiserID = "" }, "advertiser_id: required", false},
		{"no name", func(c *campaign.Campaign) { c.Name = "  " }, "name: required", false},
		{"long name", func(c *campaign.Campaign) { c.Name = strings.Repeat("n", 201) }, "name: must be at most 200 bytes", false},
		{"bad status", func(c *campaign.Campaign) { c.Status = "running" }, "status: must be active or paused", false},
		{"no start", func(c *campaign.Campaign) { c.Start = time.Time{} }, "start: required", false},
		{"no end", func(c *campaign.Campaign) { c.End = time.Time{} }, "end: required", false},
		{"start before 1970", func(c *campaign.Campaign) { c.Start = time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC) }, "start: must be between 1970 and 2261", false},
		{"end after 2261", func(c *campaign.Campaign) { c.End = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) }, "end: must be between 1970 and 2261", false},
		{"end before start", func(c *campaign.Campaign) { c.Start, c.End = c.End, c.Start }, "end: must be after start", false},
		{"end equals start", func(c *campaign.Campaign) { c.End = c.Start }, "end: must be after start", false},
		{"priority 0", func(c *campaign.Campaign) { c.Priority = 0 }, "priority: must be 1..100", false},
		{"priority 101", func(c *campaign.Campaign) { c.Priority = 101 }, "priority: must be 1..100", false},
		{"negative goal", func(c *campaign.Campaign) { c.ImpressionGoal = -1 }, "impression_goal: must be 0 (none) or more", false},
		{"negative daily cap", func(c *campaign.Campaign) { c.DailyCap = -1 }, "daily_cap: must be 0 (none) or more", false},
		{"bad pacing", func(c *campaign.Campaign) { c.Pacing = "fast" }, "pacing: must be even or asap", false},
		{"negative per day", func(c *campaign.Campaign) { c.FrequencyCap.PerDay = -2 }, "frequency_cap.per_day: must be 0 (none) or more", false},
		{"negative per session", func(c *campaign.Campaign) { c.FrequencyCap.PerSession = -2 }, "frequency_cap.per_session: must be 0 (none) or more", false},
		{"long category", func(c *campaign.Campaign) { c.Category = strings.Repeat("c", 101) }, "category: must be at most 100 bytes", false},
		{"unknown operator", func(c *campaign.Campaign) {
			c.Targeting = json.RawMessage(`{"all":[{"daypart":{"in":["morning"]}},{"city":{"eq":"Madrid"}}]}`)
		}, `targeting.all[1].city: unknown operator "eq"`, false},
		{"never matches", func(c *campaign.Campaign) {
			c.Targeting = json.RawMessage(`{"all":[{"city":{"in":["Madrid"]}},{"city":{"not_in":["Madrid"]}}]}`)
		}, "targeting: rule can never match: ", true},
		{"active without creatives", func(c *campaign.Campaign) { c.Creatives = nil }, "creatives: an active campaign needs at least one creative", false},
		{"too many creatives", func(c *campaign.Campaign) {
			c.Creatives = make([]campaign.Creative, 51)
		}, "creatives: at most 50 per campaign", false},
		{"both hls and spot", func(c *campaign.Campaign) { c.Creatives[0].SpotID = "spot1" }, "creatives[0]: set exactly one of hls or spot_id", false},
		{"neither hls nor spot", func(c *campaign.Campaign) {
			c.Creatives = append(c.Creatives, campaign.Creative{Name: "b"})
		}, "creatives[1]: set exactly one of hls or spot_id", false},
		{"creative without name", func(c *campaign.Campaign) { c.Creatives[0].Name = "" }, "creatives[0].name: required", false},
		{"relative hls", func(c *campaign.Campaign) { c.Creatives[0].HLS = "/ads/a.m3u8" }, "creatives[0].hls: must be an absolute http or https URL", false},
		{"ftp hls", func(c *campaign.Campaign) { c.Creatives[0].HLS = "ftp://h/a.m3u8" }, "creatives[0].hls: must be an absolute http or https URL", false},
		{"template with hls", func(c *campaign.Campaign) { c.Creatives[0].Template = json.RawMessage(`{}`) }, "creatives[0].template: only allowed with spot_id", false},
		{"template not object", func(c *campaign.Campaign) {
			c.Creatives[0] = campaign.Creative{Name: "s", SpotID: "spot1", Template: json.RawMessage(`[1]`)}
		}, "creatives[0].template: must be a JSON object", false},
		{"negative duration", func(c *campaign.Campaign) { c.Creatives[0].Duration = -1 }, "creatives[0].duration: must be 0 (unknown) or more seconds", false},
		{"duplicate creative id", func(c *campaign.Campaign) {
			c.Creatives = append(c.Creatives, c.Creatives[0])
			c.Creatives[0].ID, c.Creatives[1].ID = "crv_a", "crv_a"
		}, `creatives[1].id: duplicate creative id "crv_a"`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := validCampaign()
			tc.edit(&c)
			err := ValidateCampaign(&c)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("got %v, want valid", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("valid, want %q", tc.want)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("%T is not a *FieldError", err)
			}
			if got := err.Error(); got != tc.want && !(tc.prefix && strings.HasPrefix(got, tc.want)) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestApplyDefaults(t *testing.T) {
	var c campaign.Campaign
	ApplyDefaults(&c)
	if c.Status != campaign.StatusActive || c.Priority != DefaultPriority || c.Pacing != campaign.PacingEven {
		t.Fatalf("defaults: %+v", c)
	}
	c = campaign.Campaign{Status: campaign.StatusPaused, Priority: 9, Pacing: campaign.PacingASAP}
	ApplyDefaults(&c)
	if c.Status != campaign.StatusPaused || c.Priority != 9 || c.Pacing != campaign.PacingASAP {
		t.Fatalf("defaults overwrote set fields: %+v", c)
	}
}

func TestValidateAdvertiser(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Acme Running", ""},
		{"", "name: required"},
		{" \t", "name: required"},
		{strings.Repeat("a", 201), "name: must be at most 200 bytes"},
	} {
		err := ValidateAdvertiser(&campaign.Advertiser{Name: tc.name})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("name %q: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
