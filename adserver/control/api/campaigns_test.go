package api

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// TestPaging120 pages through 120 campaigns of two advertisers.
func TestPaging120(t *testing.T) {
	ts := newTestServer(t)
	a, b := ts.advertiser("A"), ts.advertiser("B")
	marketerB := ts.marketerKey(b.ID)
	var all, ofB []string
	for i := range 120 {
		adv := a.ID
		if i%4 == 3 {
			adv = b.ID
		}
		c := ts.campaign(adminKey, campaignBody(adv, "name", quote(fmt.Sprintf("c%03d", i))))
		all = append(all, c.ID)
		if adv == b.ID {
			ofB = append(ofB, c.ID)
		}
	}
	walk := func(key, query string) (ids []string, pages []int) {
		cursor := ""
		for range 200 {
			q := query
			if cursor != "" {
				q += "&cursor=" + url.QueryEscape(cursor)
			}
			var page list[campaign.Campaign]
			ts.must(200, "GET", "/v1/campaigns?"+q, key, "").json(t, &page)
			pages = append(pages, len(page.Items))
			for _, c := range page.Items {
				ids = append(ids, c.ID)
			}
			if page.NextCursor == "" {
				return ids, pages
			}
			cursor = page.NextCursor
		}
		t.Fatal("paging does not end")
		return nil, nil
	}
	for _, tc := range []struct {
		key, query string
		want       []string
		pages      []int
	}{
		{adminKey, "", all, []int{50, 50, 20}},
		{analystKey, "limit=500", all, []int{120}},
		{adminKey, "limit=7", all, append(slices.Repeat([]int{7}, 17), 1)},
		{adminKey, "limit=60&advertiser_id=" + b.ID, ofB, []int{30}},
		{marketerB, "limit=25", ofB, []int{25, 5}},
	} {
		ids, pages := walk(tc.key, tc.query)
		if !reflect.DeepEqual(ids, tc.want) || !reflect.DeepEqual(pages, tc.pages) {
			t.Errorf("%s: pages %v (%d items), want %v (%d)", tc.query, pages, len(ids), tc.pages, len(tc.want))
		}
	}
	for _, q := range []string{"limit=0", "limit=501", "limit=-1", "limit=ten", "cursor=zzz", "cursor=AAAAAAAAAAA"} {
		for _, path := range []string{"/v1/campaigns?", "/v1/advertisers?"} {
			e := ts.do("GET", path+q, adminKey, "").err(t)
			if e.Code != "invalid_query" || (e.Field != "limit" && e.Field != "cursor") {
				t.Errorf("%s%s: %+v", path, q, e)
			}
		}
	}
}

func TestUpdateCampaign(t *testing.T) {
	ts := newTestServer(t)
	adv, other := ts.advertiser("A"), ts.advertiser("B")
	marketer := ts.marketerKey(adv.ID)
	c := ts.campaign(adminKey, campaignBody(adv.ID, "creatives",
		`[{"name":"a","hls":"http://h/a.m3u8"},{"name":"b","hls":"http://h/b.m3u8"},{"name":"c","hls":"http://h/c.m3u8"}]`))

	// What GET returns can be PUT back unchanged: only the version moves.
	got := ts.must(200, "GET", "/v1/campaigns/"+c.ID, marketer, "")
	var same campaign.Campaign
	ts.must(200, "PUT", "/v1/campaigns/"+c.ID, marketer, string(got.body)).json(t, &same)
	if same.Version != 2 || !reflect.DeepEqual(same.Creatives, c.Creatives) {
		t.Fatalf("PUT of the GET body: %+v", same)
	}

	// Keep b (renamed, now first), add d, drop a and c; no advertiser_id: kept.
	body := campaignBody("", "advertiser_id", "", "name", `"renamed"`, "creatives",
		`[{"id":"`+c.Creatives[1].ID+`","name":"b2","hls":"http://h/b.m3u8"},{"name":"d","hls":"http://h/d.m3u8"}]`)
	var up campaign.Campaign
	ts.must(200, "PUT", "/v1/campaigns/"+c.ID, marketer, body).json(t, &up)
	if up.Name != "renamed" || up.AdvertiserID != adv.ID || up.Version != 3 || len(up.Creatives) != 2 ||
		up.Creatives[0].ID != c.Creatives[1].ID || up.Creatives[0].Name != "b2" || up.Creatives[1].ID == "" {
		t.Fatalf("updated: %+v", up)
	}
	var crs list[campaign.Creative]
	ts.must(200, "GET", "/v1/campaigns/"+c.ID+"/creatives", marketer, "").json(t, &crs)
	if !reflect.DeepEqual(crs.Items, up.Creatives) {
		t.Fatalf("creatives %+v, want %+v", crs.Items, up.Creatives)
	}
	for _, gone := range []string{c.Creatives[0].ID, c.Creatives[2].ID} {
		ts.must(404, "GET", "/v1/creatives/"+gone, adminKey, "")
	}

	cases := []struct {
		name, key, body string
		status          int
		msg             string
	}{
		{"stale version", adminKey, campaignBody(adv.ID, "version", "2"), 409,
			fmt.Sprintf("campaign %q is at version 3, the update was based on 2", c.ID)},
		{"id mismatch", adminKey, campaignBody(adv.ID, "id", `"cmp_other"`), 422, "id: must match the URL"},
		{"move to another advertiser", adminKey, campaignBody(other.ID), 422,
			"advertiser_id: cannot change; create a campaign for the other advertiser"},
		{"marketer moves it away", marketer, campaignBody(other.ID), 403,
			"advertiser_id: a marketer key acts for its own advertiser only"},
		{"invalid flight", adminKey, campaignBody(adv.ID, "end", `"2020-01-01T00:00:00Z"`), 422, "end: must be after start"},
		// A new creative (index 0) is written before the foreign id (index 2)
		// is found: the transaction must undo it.
		{"foreign creative id", adminKey, campaignBody(adv.ID, "creatives",
			`[{"name":"new","hls":"http://h/n.m3u8"},{"id":"`+up.Creatives[0].ID+`","name":"b","hls":"http://h/b.m3u8"},{"id":"crv_foreign","name":"x","hls":"http://h/x.m3u8"}]`),
			422, `creatives[2].id: not a creative of this campaign: "crv_foreign"`},
		{"missing campaign", adminKey, campaignBody(adv.ID), 404, `no campaign "cmp_missing"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := ts.version()
			id := c.ID
			if tc.status == 404 {
				id = "cmp_missing"
			}
			a := ts.do("PUT", "/v1/campaigns/"+id, tc.key, tc.body)
			if e := a.err(t); a.status != tc.status || e.Error != tc.msg {
				t.Fatalf("%d %+v, want %d %q", a.status, e, tc.status, tc.msg)
			}
			var now campaign.Campaign
			ts.must(200, "GET", "/v1/campaigns/"+c.ID, adminKey, "").json(t, &now)
			if !reflect.DeepEqual(now, up) || ts.version() != before {
				t.Fatalf("a refused update changed the campaign:\n%+v\nwant\n%+v", now, up)
			}
		})
	}
}

func TestDeleteAdvertiserWithCampaigns(t *testing.T) {
	ts := newTestServer(t)
	adv := ts.advertiser("A")
	c := ts.campaign(adminKey, campaignBody(adv.ID))
	e := ts.do("DELETE", "/v1/advertisers/"+adv.ID, adminKey, "").err(t)
	if e.Code != "conflict" || e.Error != fmt.Sprintf("advertiser %q has 1 campaign(s); delete them first", adv.ID) {
		t.Fatalf("%+v", e)
	}
	ts.must(204, "DELETE", "/v1/campaigns/"+c.ID, adminKey, "")
	ts.must(404, "GET", "/v1/creatives/"+c.Creatives[0].ID, adminKey, "")
	ts.must(204, "DELETE", "/v1/advertisers/"+adv.ID, adminKey, "")
	ts.must(404, "GET", "/v1/advertisers/"+adv.ID, adminKey, "")
}

func TestRouting(t *testing.T) {
	ts := newTestServer(t)
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"PATCH", "/v1/campaigns/cmp_x", 405, "GET, PUT, DELETE"},
		{"DELETE", "/v1/campaigns", 405, "POST, GET"},
		{"POST", "/v1/snapshot", 405, "GET"},
		{"GET", "/v1/sessions", 418, ""},                // not the API's: left to the server
		{"GET", "/v1/campaigns/", 418, ""},              // empty id
		{"GET", "/v1/campaigns/x/creatives/y", 418, ""}, // no such route
		{"GET", "/v1/campaignsx", 418, ""},
	} {
		a := ts.do(tc.method, tc.path, adminKey, "")
		if a.status != tc.status || a.header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d Allow %q, want %d %q", tc.method, tc.path, a.status, a.header.Get("Allow"), tc.status, tc.allow)
		}
		if tc.status == 405 && a.err(t).Code != "method_not_allowed" {
			t.Errorf("%s %s: %s", tc.method, tc.path, a.body)
		}
	}
	for _, tc := range []struct{ pattern, path, id string }{
		{"/v1/campaigns/{id}", "/v1/campaigns/cmp_1", "cmp_1"},
		{"/v1/campaigns/{id}/creatives", "/v1/campaigns/cmp_1/creatives", "cmp_1"},
		{"/v1/campaigns", "/v1/campaigns", ""},
	} {
		if id, ok := matchPath(tc.pattern, tc.path); !ok || id != tc.id {
			t.Errorf("matchPath(%q, %q) = %q, %v", tc.pattern, tc.path, id, ok)
		}
	}
	if _, ok := matchPath("/v1/campaigns/{id}", "/v1/campaigns/a/b"); ok {
		t.Error("{id} matched two segments")
	}
	if !strings.HasPrefix(string(ts.do("GET", "/v1/openapi.json", "", "").body), "{") {
		t.Error("openapi.json is not served")
	}
}
