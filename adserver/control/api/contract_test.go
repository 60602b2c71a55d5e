package api

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// TestContract runs the contract examples exactly.
func TestContract(t *testing.T) {
	ts := newTestServer(t)
	a := ts.must(201, "POST", "/v1/advertisers", adminKey, `{"name":"Acme Running"}`)
	var adv campaign.Advertiser
	a.json(t, &adv)
	if !strings.HasPrefix(adv.ID, "adv_") || adv.Name != "Acme Running" || adv.CreatedAt.IsZero() {
		t.Fatalf("advertiser %s", a.body)
	}
	if got := a.header.Get("Location"); got != "/v1/advertisers/"+adv.ID {
		t.Errorf("Location %q", got)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}

	body := `{"advertiser_id":"` + adv.ID + `","name":"Madrid all day","start":"2026-01-01T00:00:00Z","end":"2027-01-01T00:00:00Z","priority":5,
  "targeting":{"all":[{"city":{"in":["Madrid"]}},{"daypart":{"in":["morning","afternoon","evening","night"]}}]},
  "creatives":[{"name":"spot-a","hls":"http://127.0.0.1:9000/ads/a/master.m3u8"}]}`
	a = ts.must(201, "POST", "/v1/campaigns", adminKey, body)
	var c campaign.Campaign
	a.json(t, &c)
	if !strings.HasPrefix(c.ID, "cmp_") || len(c.Creatives) != 1 || !strings.HasPrefix(c.Creatives[0].ID, "crv_") {
		t.Fatalf("campaign %s", a.body)
	}
	if got := a.header.Get("Location"); got != "/v1/campaigns/"+c.ID {
		t.Errorf("Location %q", got)
	}
	want := campaign.Campaign{
		ID: c.ID, AdvertiserID: adv.ID, Name: "Madrid all day", Status: "active",
		Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		Priority: 5, Pacing: "even",
		Targeting: []byte(`{"all":[{"city":{"in":["Madrid"]}},{"daypart":{"in":["morning","afternoon","evening","night"]}}]}`),
		Creatives: []campaign.Creative{{ID: c.Creatives[0].ID, CampaignID: c.ID, Name: "spot-a", HLS: "http://127.0.0.1:9000/ads/a/master.m3u8"}},
		Version:   1, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("campaign\n%+v\nwant\n%+v", c, want)
	}
	if ts.calls.Load() != 1 {
		t.Errorf("ValidateCreative called %d times, want 1", ts.calls.Load())
	}
	var got campaign.Campaign
	ts.must(200, "GET", "/v1/campaigns/"+c.ID, adminKey, "").json(t, &got)
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("GET gives\n%+v\nPOST gave\n%+v", got, c)
	}
}

// TestDefaults: absent status, priority and pacing get their defaults;
// present ones are kept.
func TestDefaults(t *testing.T) {
	ts := newTestServer(t)
	adv := ts.advertiser("A")
	c := ts.campaign(adminKey, campaignBody(adv.ID, "priority", ""))
	if c.Status != "active" || c.Priority != 5 || c.Pacing != "even" {
		t.Fatalf("defaults: %s %d %s", c.Status, c.Priority, c.Pacing)
	}
	c = ts.campaign(adminKey, campaignBody(adv.ID, "status", `"paused"`, "priority", "80", "pacing", `"asap"`,
		"frequency_cap", `{"per_day":3,"per_session":1}`, "impression_goal", "100000", "daily_cap", "5000",
		"category", `"shoes"`, "targeting", "null"))
	if c.Status != "paused" || c.Priority != 80 || c.Pacing != "asap" || c.FrequencyCap.PerDay != 3 ||
		c.FrequencyCap.PerSession != 1 || c.ImpressionGoal != 100000 || c.DailyCap != 5000 || c.Category != "shoes" ||
		c.Targeting != nil {
		t.Fatalf("set fields: %+v", c)
	}
}
