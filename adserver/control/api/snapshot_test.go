package api

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
)

func TestSnapshot(t *testing.T) {
	ts := newTestServer(t)
	adv := ts.advertiser("A")
	running := ts.campaign(adminKey, campaignBody(adv.ID))
	ts.campaign(adminKey, campaignBody(adv.ID, "status", `"paused"`))
	ts.campaign(adminKey, campaignBody(adv.ID, "start", `"2025-01-01T00:00:00Z"`, "end", `"2026-01-01T00:00:00Z"`)) // over at testNow
	future := ts.campaign(adminKey, campaignBody(adv.ID, "start", `"2026-09-01T00:00:00Z"`))

	a := ts.must(200, "GET", "/v1/snapshot", serviceKey, "")
	etag := a.header.Get("ETag")
	if etag != strconv.Quote(strconv.FormatInt(ts.version(), 10)) {
		t.Fatalf("ETag %q, store version %d", etag, ts.version())
	}
	var snap Snapshot
	a.json(t, &snap)
	if ETag(snap.Version) != etag || len(snap.Campaigns) != 2 ||
		snap.Campaigns[0].ID != running.ID || snap.Campaigns[1].ID != future.ID ||
		len(snap.Campaigns[0].Creatives) != 1 || string(snap.Campaigns[0].Targeting) != string(running.Targeting) {
		t.Fatalf("snapshot %s", a.body)
	}

	for _, tc := range []struct {
		inm    string
		status int
	}{
		{etag, 304},
		{"W/" + etag, 304},
		{`"1", ` + etag, 304},
		{"*", 304},
		{`"1"`, 200},
		{"", 200},
	} {
		a := ts.do("GET", "/v1/snapshot", adminKey, "", "If-None-Match", tc.inm)
		if a.status != tc.status || a.header.Get("ETag") != etag {
			t.Errorf("If-None-Match %q: %d ETag %q, want %d %q", tc.inm, a.status, a.header.Get("ETag"), tc.status, etag)
		}
		if tc.status == 304 && len(a.body) != 0 {
			t.Errorf("304 with a body: %s", a.body)
		}
	}

	// A change, any change, gives a new version: the old ETag gets 200.
	ts.must(200, "PUT", "/v1/advertisers/"+adv.ID, adminKey, `{"name":"A2"}`)
	a = ts.do("GET", "/v1/snapshot", serviceKey, "", "If-None-Match", etag)
	if a.status != 200 || a.header.Get("ETag") == etag {
		t.Fatalf("after a change: %d ETag %q", a.status, a.header.Get("ETag"))
	}
	ts.must(204, "DELETE", "/v1/campaigns/"+running.ID, adminKey, "")
	a = ts.must(200, "GET", "/v1/snapshot", serviceKey, "")
	a.json(t, &snap)
	if len(snap.Campaigns) != 1 || snap.Campaigns[0].ID != future.ID {
		t.Fatalf("after delete: %s", a.body)
	}
	if ts.do("GET", "/v1/snapshot", serviceKey, "", "If-None-Match", a.header.Get("ETag")).status != 304 {
		t.Fatal("the new ETag does not give 304")
	}
}

// TestSnapshotDecodes: the body decodes into the model, for instances
// that pull it.
func TestSnapshotDecodes(t *testing.T) {
	ts := newTestServer(t)
	adv := ts.advertiser("A")
	c := ts.campaign(adminKey, campaignBody(adv.ID, "frequency_cap", `{"per_day":2}`, "category", `"shoes"`))
	var snap struct {
		Version   int64
		Campaigns []campaign.Campaign
	}
	if err := json.Unmarshal(ts.must(200, "GET", "/v1/snapshot", adminKey, "").body, &snap); err != nil {
		t.Fatal(err)
	}
	got := snap.Campaigns[0]
	if got.FrequencyCap.PerDay != 2 || got.Category != "shoes" || !got.Start.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) ||
		got.Creatives[0].ID != c.Creatives[0].ID {
		t.Fatalf("%+v", got)
	}
}
