package api

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control/store"
)

// fixture is two advertisers with one campaign each, an advertiser
// without campaigns, a marketer key of advertiser A and a stored admin
// key, in a closed store file that each test copies (copyDB).
type fixture struct {
	path               string
	a, b, empty        campaign.Advertiser
	campA, campB       campaign.Campaign
	spotA, spotB       campaign.Spot
	imageA, imageB     campaign.Image
	marketerA, stAdmin string
}

func buildFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{path: filepath.Join(t.TempDir(), "fixture.db")}
	st, err := store.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, adv := range []*campaign.Advertiser{&f.a, &f.b, &f.empty} {
		*adv, err = st.CreateAdvertiser(ctx, campaign.Advertiser{Name: "advertiser"})
		must(err)
	}
	for _, c := range []struct {
		adv string
		out *campaign.Campaign
	}{{f.a.ID, &f.campA}, {f.b.ID, &f.campB}} {
		var in campaignInput
		must(json.Unmarshal([]byte(campaignBody(c.adv)), &in))
		cmp, e := in.campaign()
		if e != nil {
			t.Fatal(e)
		}
		*c.out, err = st.CreateCampaign(ctx, cmp)
		must(err)
	}
	for _, sp := range []struct {
		adv   string
		spot  *campaign.Spot
		image *campaign.Image
	}{{f.a.ID, &f.spotA, &f.imageA}, {f.b.ID, &f.spotB, &f.imageB}} {
		*sp.spot, err = st.CreateSpot(ctx, campaign.Spot{ID: store.NewSpotID(), AdvertiserID: sp.adv, Name: "spot.mp4",
			Size: 1, SHA256: "00", Duration: 15, Probe: json.RawMessage(`{}`)})
		must(err)
		*sp.image, err = st.CreateImage(ctx, campaign.Image{ID: store.NewImageID(), AdvertiserID: sp.adv, Name: "card.png",
			Size: 1, Format: "png", Width: 16, Height: 16})
		must(err)
	}
	f.marketerA, _, err = st.CreateKey(ctx, campaign.RoleMarketer, f.a.ID, "marketer A")
	must(err)
	f.stAdmin, _, err = st.CreateKey(ctx, campaign.RoleAdmin, "", "stored admin")
	must(err)
	return f
}

// server serves a private copy of the fixture.
func (f *fixture) server(t *testing.T) *testServer {
	return newTestServerAt(t, copyDB(t, f.path))
}

// expand replaces {A}, {B}, {E}, {cA}, {cB}, {crA}, {crB}, {sA}, {sB},
// {iA}, {iB} in s.
func (f *fixture) expand(s string) string {
	return strings.NewReplacer("{A}", f.a.ID, "{B}", f.b.ID, "{E}", f.empty.ID,
		"{cA}", f.campA.ID, "{cB}", f.campB.ID,
		"{crA}", f.campA.Creatives[0].ID, "{crB}", f.campB.Creatives[0].ID,
		"{sA}", f.spotA.ID, "{sB}", f.spotB.ID, "{iA}", f.imageA.ID, "{iB}", f.imageB.ID).Replace(s)
}

// TestPermissions checks every route for every kind of caller. Each case
// gets a fresh copy of the fixture, so that writes do not leak between
// cases.
func TestPermissions(t *testing.T) {
	f := buildFixture(t)
	callers := []string{"none", "wrong", "admin", "stored admin", "analyst", "service", "marketer A"}
	campaignA := campaignBody("{A}")
	campaignB := campaignBody("{B}")
	campaignNoAdv := campaignBody("", "advertiser_id", "")
	cases := []struct {
		method, path, body string
		want               [7]int // per caller, in the order of callers
	}{
		{"GET", "/v1/openapi.json", "", [7]int{200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/v1/whoami", "", [7]int{401, 401, 200, 200, 200, 200, 200}},
		{"POST", "/v1/advertisers", `{"name":"N"}`, [7]int{401, 401, 201, 201, 403, 403, 403}},
		{"GET", "/v1/advertisers", "", [7]int{401, 401, 200, 200, 200, 403, 200}},
		{"GET", "/v1/advertisers/{A}", "", [7]int{401, 401, 200, 200, 200, 403, 200}},
		{"GET", "/v1/advertisers/{B}", "", [7]int{401, 401, 200, 200, 200, 403, 404}},
		{"GET", "/v1/advertisers/adv_missing", "", [7]int{401, 401, 404, 404, 404, 403, 404}},
		{"PUT", "/v1/advertisers/{A}", `{"name":"A2"}`, [7]int{401, 401, 200, 200, 403, 403, 200}},
		{"PUT", "/v1/advertisers/{B}", `{"name":"B2"}`, [7]int{401, 401, 200, 200, 403, 403, 404}},
		{"DELETE", "/v1/advertisers/{A}", "", [7]int{401, 401, 409, 409, 403, 403, 403}},
		{"DELETE", "/v1/advertisers/{E}", "", [7]int{401, 401, 204, 204, 403, 403, 403}},
		{"POST", "/v1/campaigns", campaignA, [7]int{401, 401, 201, 201, 403, 403, 201}},
		{"POST", "/v1/campaigns", campaignB, [7]int{401, 401, 201, 201, 403, 403, 403}},
		{"POST", "/v1/campaigns", campaignNoAdv, [7]int{401, 401, 422, 422, 403, 403, 201}},
		{"GET", "/v1/campaigns", "", [7]int{401, 401, 200, 200, 200, 403, 200}},
		{"GET", "/v1/campaigns?advertiser_id={B}", "", [7]int{401, 401, 200, 200, 200, 403, 200}},
		{"GET", "/v1/campaigns/{cA}", "", [7]int{401, 401, 200, 200, 200, 403, 200}},
		{"GET", "/v1/campaigns/{cB}", "", [7]int{401, 401, 200, 200, 200, 403, 404}},
		{"PUT", "/v1/campaigns/{cA}", campaignA, [7]int{401, 401, 200, 200, 403, 403, 200}},
		{"PUT", "/v1/campaigns/{cB}", campaignB, [7]int{401, 401, 200, 200, 403, 403, 404}},
		{"PUT", "/v1/campaigns/{cA}", campaignB, [7]int{401, 401, 422, 422, 403, 403, 403}},
		{"DELETE", "/v1/campaigns/{cA}", "", [7]int{401, 401, 204, 204, 403, 403, 204}},
		{"DELETE", "/v1/campaigns/{cB}", "", [7]int{401, 401, 204, 204, 403, 403, 404}},
		{"GET", "/v1/campaigns/{cA}/creatives", "", [7]int{401, 401, 200, 200, 200, 403, 200}},
		{"GET", "/v1/campaigns/{cB}/creatives", "", [7]int{401, 401, 200, 200, 200, 403, 404}},
		{"GET", "/v1/creatives/{crA}", "", [7]int{401, 401, 200, 200, 200, 403, 200}},
		{"GET", "/v1/creatives/{crB}", "", [7]int{401, 401, 200, 200, 200, 403, 404}},
		{"GET", "/v1/creatives/crv_missing", "", [7]int{401, 401, 404, 404, 404, 403, 404}},
		{"GET", "/v1/snapshot", "", [7]int{401, 401, 200, 200, 403, 200, 403}},
		// The fixture server has no uploads and no variants: allowed
		// callers get 503, the others are refused first.
		{"POST", "/v1/spots", "", [7]int{401, 401, 503, 503, 403, 403, 503}},
		{"GET", "/v1/spots", "", [7]int{401, 401, 200, 200, 200, 403, 200}},
		{"GET", "/v1/spots/{sA}", "", [7]int{401, 401, 200, 200, 200, 403, 200}},
		{"GET", "/v1/spots/{sB}", "", [7]int{401, 401, 200, 200, 200, 403, 404}},
		{"GET", "/v1/spots/spt_missing", "", [7]int{401, 401, 404, 404, 404, 403, 404}},
		{"POST", "/v1/images", "", [7]int{401, 401, 503, 503, 403, 403, 503}},
		{"GET", "/v1/images/{iA}", "", [7]int{401, 401, 200, 200, 200, 403, 200}},
		{"GET", "/v1/images/{iB}", "", [7]int{401, 401, 200, 200, 200, 403, 404}},
		{"GET", "/v1/variants?creative={crA}", "", [7]int{401, 401, 503, 503, 503, 403, 503}},
		{"GET", "/v1/variants/v_missing", "", [7]int{401, 401, 503, 503, 503, 403, 503}},
	}
	covered := map[Route]bool{}
	for n, tc := range cases {
		r, _, _ := match(tc.method, strings.Split(tc.path, "?")[0])
		if r == nil {
			t.Fatalf("%s %s is no route", tc.method, tc.path)
		}
		covered[r.Route] = true
		for i, who := range callers {
			t.Run(fmt.Sprintf("%02d %s %s as %s", n, tc.method, tc.path, who), func(t *testing.T) {
				t.Parallel()
				ts := f.server(t)
				key := map[string]string{"none": "", "wrong": "ask_wrong", "admin": adminKey, "stored admin": f.stAdmin,
					"analyst": analystKey, "service": serviceKey, "marketer A": f.marketerA}[who]
				before := ts.version()
				a := ts.do(tc.method, f.expand(tc.path), key, f.expand(tc.body))
				if a.status != tc.want[i] {
					t.Fatalf("%d %s, want %d", a.status, a.body, tc.want[i])
				}
				if a.status >= 400 {
					a.err(t)
					if v := ts.version(); v != before {
						t.Fatalf("refused request changed the store: version %d -> %d", before, v)
					}
				}
				if a.status == 401 && a.header.Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
			})
		}
	}
	for _, r := range routes {
		if !covered[r.Route] {
			t.Errorf("route %s %s has no permission case", r.Method, r.Path)
		}
	}
}

// TestMarketerSeesOnlyItsData: lists are scoped, and another advertiser's
// object answers exactly like a missing one.
func TestMarketerSeesOnlyItsData(t *testing.T) {
	f := buildFixture(t)
	ts := f.server(t)
	var advs list[campaign.Advertiser]
	ts.must(200, "GET", "/v1/advertisers", f.marketerA, "").json(t, &advs)
	if len(advs.Items) != 1 || advs.Items[0].ID != f.a.ID || advs.NextCursor != "" {
		t.Fatalf("marketer lists advertisers %+v", advs)
	}
	for _, path := range []string{"/v1/campaigns", "/v1/campaigns?advertiser_id=" + f.a.ID} {
		var cs list[campaign.Campaign]
		ts.must(200, "GET", path, f.marketerA, "").json(t, &cs)
		if len(cs.Items) != 1 || cs.Items[0].ID != f.campA.ID {
			t.Fatalf("%s: %+v", path, cs)
		}
	}
	for _, adv := range []string{f.b.ID, "adv_missing"} {
		a := ts.must(200, "GET", "/v1/campaigns?advertiser_id="+adv, f.marketerA, "")
		if string(a.body) != `{"items":[]}` {
			t.Fatalf("filter on %s: %s", adv, a.body)
		}
	}
	for _, tc := range []struct{ path, kind, other string }{
		{"/v1/campaigns/", "campaign", f.campB.ID},
		{"/v1/advertisers/", "advertiser", f.b.ID},
		{"/v1/creatives/", "creative", f.campB.Creatives[0].ID},
	} {
		other := ts.do("GET", tc.path+tc.other, f.marketerA, "").err(t)
		missing := ts.do("GET", tc.path+"x_missing", f.marketerA, "").err(t)
		if other.Code != missing.Code || strings.Replace(other.Error, tc.other, "x_missing", 1) != missing.Error {
			t.Errorf("another's %s %+v differs from a missing one %+v", tc.kind, other, missing)
		}
	}
	// A marketer creating for another advertiser is told so, by field.
	e := ts.do("POST", "/v1/campaigns", f.marketerA, campaignBody(f.b.ID)).err(t)
	if e.Field != "advertiser_id" || e.Code != "forbidden" {
		t.Errorf("create for B: %+v", e)
	}
}

func TestAuthorizationHeader(t *testing.T) {
	ts := newTestServer(t)
	for _, tc := range []struct {
		header string
		want   int
	}{
		{"Bearer " + adminKey, 200},
		{"bearer " + adminKey, 200},
		{"Bearer  " + adminKey + " ", 200},
		{"Basic " + adminKey, 401},
		{adminKey, 401},
		{"Bearer", 401},
		{"Bearer " + adminKey[:len(adminKey)-1], 401},
		{"Bearer ask_" + strings.Repeat("A", 43), 401},
	} {
		a := ts.do("GET", "/v1/advertisers", "", "", "Authorization", tc.header)
		if a.status != tc.want {
			t.Errorf("Authorization %q: %d %s, want %d", tc.header, a.status, a.body, tc.want)
		}
	}
}

func TestCaller(t *testing.T) {
	f := buildFixture(t)
	ts := f.server(t)
	for _, tc := range []struct{ key, role, adv string }{
		{adminKey, "admin", ""},
		{serviceKey, "service", ""},
		{f.marketerA, "marketer", f.a.ID},
		{f.stAdmin, "admin", ""},
		{"nope", "", ""},
		{"", "", ""},
	} {
		var ctx fasthttp.RequestCtx
		if tc.key != "" {
			ctx.Request.Header.Set("Authorization", "Bearer "+tc.key)
		}
		role, adv, ok := ts.api.Caller(&ctx)
		if role != tc.role || adv != tc.adv || ok != (tc.role != "") {
			t.Errorf("key %q: %q %q %v, want %q %q", tc.key, role, adv, ok, tc.role, tc.adv)
		}
	}
}
