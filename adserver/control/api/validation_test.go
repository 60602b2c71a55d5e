package api

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// badCampaign is one refused POST /v1/campaigns body. The table also
// seeds FuzzDecodeCampaign.
type badCampaign struct {
	name   string
	body   string // {ADV} is the advertiser's id
	status int
	code   string
	field  string
	msg    string // the whole error message, or its prefix when prefix is set
	prefix bool
}

func badCampaigns() []badCampaign {
	base := campaignBody("{ADV}")
	edit := func(edits ...string) string { return campaignBody("{ADV}", edits...) }
	return []badCampaign{
		// Not JSON, not one object.
		{"empty body", "", 400, "invalid_json", "", "empty body; expected a JSON object", false},
		{"truncated", `{"name":`, 400, "invalid_json", "", "invalid JSON at byte 8: unexpected end of input", false},
		{"trailing comma", `{"name":"x",}`, 400, "invalid_json", "",
			"invalid JSON at byte 13: invalid character '}' looking for beginning of object key string", false},
		{"bad literal", `{"name":nope}`, 400, "invalid_json", "", "invalid JSON at byte 10: invalid character 'o' in literal null (expecting 'u')", false},
		{"two objects", base + ` {}`, 400, "invalid_json", "", "invalid JSON at byte ", true},
		{"array", `[` + base + `]`, 400, "invalid_json", "", "expected a JSON object, got an array", false},
		{"null", `null`, 400, "invalid_json", "", "expected a JSON object, got null", false},
		// Unknown fields, wrong types: named by path.
		{"unknown field", edit("budget", "100"), 400, "unknown_field", "budget", "budget: unknown field", false},
		{"field with other case", edit("Name", `"x"`), 400, "unknown_field", "Name", "Name: unknown field", false},
		{"unknown creative field", edit("creatives", `[{"name":"a","hsl":"http://h/a.m3u8"}]`), 400, "unknown_field",
			"creatives[0].hsl", "creatives[0].hsl: unknown field", false},
		{"unknown frequency cap field", edit("frequency_cap", `{"per_week":1}`), 400, "unknown_field",
			"frequency_cap.per_week", "frequency_cap.per_week: unknown field", false},
		{"priority as string", edit("priority", `"5"`), 400, "invalid_type", "priority", "priority: must be an integer, got a string", false},
		{"fractional priority", edit("priority", `1.5`), 400, "invalid_type", "priority", "priority: must be an integer of at most 64 bits, got 1.5", false},
		{"huge goal", edit("impression_goal", `1e30`), 400, "invalid_type", "impression_goal", "impression_goal: must be an integer of at most 64 bits, got 1e30", false},
		{"creatives not array", edit("creatives", `{"name":"a"}`), 400, "invalid_type", "creatives", "creatives: must be an array, got an object", false},
		{"creative not object", edit("creatives", `["a"]`), 400, "invalid_type", "creatives[0]", "creatives[0]: must be an object, got a string", false},
		{"creative name number", edit("creatives", `[{"name":"a","hls":"http://h/a.m3u8"},{"name":2}]`), 400, "invalid_type",
			"creatives[1].name", "creatives[1].name: must be a string, got a number", false},
		{"start number", edit("start", `20260101`), 400, "invalid_type", "start", "start: must be a string, got a number", false},
		// Refused values: 422 naming the field.
		{"end before start", edit("end", `"2025-01-01T00:00:00Z"`), 422, "invalid", "end", "end: must be after start", false},
		{"no start", edit("start", ""), 422, "invalid", "start", "start: required", false},
		{"start not a time", edit("start", `"2026-01-01"`), 422, "invalid", "start",
			"start: must be an RFC 3339 time such as 2026-01-01T00:00:00Z", false},
		{"no name", edit("name", ""), 422, "invalid", "name", "name: required", false},
		{"no advertiser", edit("advertiser_id", ""), 422, "invalid", "advertiser_id", "advertiser_id: required", false},
		{"unknown advertiser", campaignBody("adv_nope"), 422, "invalid", "advertiser_id", `advertiser_id: no advertiser "adv_nope"`, false},
		{"id on create", edit("id", `"cmp_mine"`), 422, "invalid", "id", "id: assigned by the server; leave it out", false},
		{"priority 0", edit("priority", "0"), 422, "invalid", "priority", "priority: must be 1..100", false},
		{"priority 101", edit("priority", "101"), 422, "invalid", "priority", "priority: must be 1..100", false},
		{"pacing", edit("pacing", `"fast"`), 422, "invalid", "pacing", "pacing: must be even or asap", false},
		{"status", edit("status", `"running"`), 422, "invalid", "status", "status: must be active or paused", false},
		{"empty status", edit("status", `""`), 422, "invalid", "status", "status: must be active or paused", false},
		{"negative cap", edit("frequency_cap", `{"per_day":-1}`), 422, "invalid", "frequency_cap.per_day",
			"frequency_cap.per_day: must be 0 (none) or more", false},
		{"unknown operator", edit("targeting", `{"all":[{"daypart":{"in":["morning"]}},{"city":{"eq":"Madrid"}}]}`), 422, "invalid",
			"targeting.all[1].city", `targeting.all[1].city: unknown operator "eq"`, false},
		{"never matches", edit("targeting", `{"all":[{"city":{"in":["Madrid"]}},{"not":{"city":{"in":["Madrid"]}}}]}`), 422, "invalid",
			"targeting", "targeting: rule can never match: ", true},
		{"targeting not a rule", edit("targeting", `[1]`), 422, "invalid", "targeting", "targeting: ", true},
		{"hls and spot", edit("creatives", `[{"name":"a","hls":"http://h/a.m3u8","spot_id":"s1"}]`), 422, "invalid",
			"creatives[0]", "creatives[0]: set exactly one of hls or spot_id", false},
		{"neither hls nor spot", edit("creatives", `[{"name":"a","hls":"http://h/a.m3u8"},{"name":"b"}]`), 422, "invalid",
			"creatives[1]", "creatives[1]: set exactly one of hls or spot_id", false},
		{"relative hls", edit("creatives", `[{"name":"a","hls":"ads/a.m3u8"}]`), 422, "invalid",
			"creatives[0].hls", "creatives[0].hls: must be an absolute http or https URL", false},
		{"no creatives", edit("creatives", `[]`), 422, "invalid", "creatives", "creatives: an active campaign needs at least one creative", false},
		{"creative id on create", edit("creatives", `[{"id":"crv_x","name":"a","hls":"http://h/a.m3u8"}]`), 422, "invalid",
			"creatives[0].id", `creatives[0].id: not a creative of this campaign: "crv_x"`, false},
		// Rejected by the server's creative check (ValidateCreative).
		{"creative the server rejects", edit("creatives",
			`[{"name":"a","hls":"http://h/a.m3u8"},{"name":"b","hls":"http://h/missing.m3u8"},{"name":"c","hls":"http://h/c.m3u8"}]`),
			422, "invalid", "creatives[1]", "creatives[1]: fetch http://h/missing.m3u8: 404 Not Found", false},
		{"spot the server does not know", edit("creatives", `[{"name":"a","spot_id":"nope"}]`), 422, "invalid",
			"creatives[0].spot_id", `creatives[0].spot_id: no spot "nope" of this advertiser`, false},
		{"too large", `{"name":"` + strings.Repeat("x", 1<<20) + `"}`, 413, "too_large", "", "body larger than 1 MiB", false},
	}
}

// checkCreative stands for the server's check: .../missing.m3u8 and spot
// "nope" do not exist, and durations are probed.
func checkCreative(_ context.Context, c *campaign.Creative) error {
	switch {
	case strings.HasSuffix(c.HLS, "/missing.m3u8"):
		return errors.New("fetch " + c.HLS + ": 404 Not Found")
	case c.SpotID == "nope":
		return errors.New(`no spot "nope"`)
	}
	c.Duration = 15
	return nil
}

func TestCampaignValidation(t *testing.T) {
	ts := newTestServer(t, func(o *Options) { o.ValidateCreative = checkCreative })
	adv := ts.advertiser("A")
	before := ts.version()
	for _, tc := range badCampaigns() {
		t.Run(tc.name, func(t *testing.T) {
			a := ts.do("POST", "/v1/campaigns", adminKey, strings.ReplaceAll(tc.body, "{ADV}", adv.ID))
			if a.status != tc.status {
				t.Fatalf("%d %s, want %d", a.status, a.body, tc.status)
			}
			e := a.err(t)
			if e.Code != tc.code || e.Field != tc.field ||
				!(e.Error == tc.msg || tc.prefix && strings.HasPrefix(e.Error, tc.msg)) {
				t.Fatalf("got %+v\nwant code %q field %q error %q", e, tc.code, tc.field, tc.msg)
			}
		})
	}
	// Nothing was written, not even the valid creatives of a refused campaign.
	if v := ts.version(); v != before {
		t.Fatalf("store version %d -> %d after refused requests", before, v)
	}
	if a := ts.must(200, "GET", "/v1/campaigns", adminKey, ""); string(a.body) != `{"items":[]}` {
		t.Fatalf("campaigns after refused requests: %s", a.body)
	}
	// The same check fills durations of accepted creatives.
	c := ts.campaign(adminKey, campaignBody(adv.ID))
	if c.Creatives[0].Duration != 15 {
		t.Fatalf("duration %v, want 15 from ValidateCreative", c.Creatives[0].Duration)
	}
}

func TestAdvertiserValidation(t *testing.T) {
	ts := newTestServer(t)
	adv := ts.advertiser("A")
	for _, tc := range []struct {
		method, path, body string
		status             int
		code, msg          string
	}{
		{"POST", "/v1/advertisers", `{}`, 422, "invalid", "name: required"},
		{"POST", "/v1/advertisers", `{"name":" "}`, 422, "invalid", "name: required"},
		{"POST", "/v1/advertisers", `{"name":"` + strings.Repeat("a", 201) + `"}`, 422, "invalid", "name: must be at most 200 bytes"},
		{"POST", "/v1/advertisers", `{"name":"x","owner":"y"}`, 400, "unknown_field", "owner: unknown field"},
		{"POST", "/v1/advertisers", `{"name":1}`, 400, "invalid_type", "name: must be a string, got a number"},
		{"POST", "/v1/advertisers", `{"id":"adv_mine","name":"x"}`, 422, "invalid", "id: assigned by the server; leave it out"},
		{"PUT", "/v1/advertisers/" + adv.ID, `{"id":"adv_other","name":"x"}`, 422, "invalid", "id: must match the URL"},
		{"PUT", "/v1/advertisers/" + adv.ID, `{"name":""}`, 422, "invalid", "name: required"},
	} {
		a := ts.do(tc.method, tc.path, adminKey, tc.body)
		e := a.err(t)
		if a.status != tc.status || e.Code != tc.code || e.Error != tc.msg {
			t.Errorf("%s %s %s: %d %+v, want %d %s %q", tc.method, tc.path, tc.body, a.status, e, tc.status, tc.code, tc.msg)
		}
	}
	// A GET body can be PUT back as it is.
	a := ts.must(200, "GET", "/v1/advertisers/"+adv.ID, adminKey, "")
	ts.must(200, "PUT", "/v1/advertisers/"+adv.ID, adminKey, string(a.body))
}
