package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control"
)

var ctx = context.Background()

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "control.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustAdvertiser(t *testing.T, s *Store, name string) campaign.Advertiser {
	t.Helper()
	a, err := s.CreateAdvertiser(ctx, campaign.Advertiser{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func newCampaign(advertiserID, name string, creatives ...string) campaign.Campaign {
	c := campaign.Campaign{
		AdvertiserID: advertiserID,
		Name:         name,
		Start:        time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		End:          time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		Targeting:    json.RawMessage(`{"all": [{"city": {"in": ["Madrid"]}}]}`),
		Category:     "shoes",
	}
	for _, cr := range creatives {
		c.Creatives = append(c.Creatives, campaign.Creative{Name: cr, HLS: "http://127.0.0.1:9000/ads/" + cr + "/master.m3u8"})
	}
	control.ApplyDefaults(&c)
	return c
}

func mustCampaign(t *testing.T, s *Store, c campaign.Campaign) campaign.Campaign {
	t.Helper()
	out, err := s.CreateCampaign(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func wantErr(t *testing.T, err, sentinel error, msg string) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("got %v, want %v", err, sentinel)
	}
	if msg == "" {
		return
	}
	var fe *control.FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("%v carries no *control.FieldError", err)
	}
	if fe.Error() != msg {
		t.Fatalf("got %q, want %q", fe.Error(), msg)
	}
}

func TestAdvertisers(t *testing.T) {
	s := openTest(t)
	a := mustAdvertiser(t, s, "Acme Running")
	if !strings.HasPrefix(a.ID, "adv_") || len(a.ID) != 16 || a.CreatedAt.IsZero() {
		t.Fatalf("created %+v", a)
	}
	got, err := s.GetAdvertiser(ctx, a.ID)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Fatalf("get: %+v, %v; want %+v", got, err, a)
	}
	up, err := s.UpdateAdvertiser(ctx, campaign.Advertiser{ID: a.ID, Name: "Acme Sports"})
	if err != nil || up.Name != "Acme Sports" || !up.CreatedAt.Equal(a.CreatedAt) {
		t.Fatalf("update: %+v, %v", up, err)
	}
	_, err = s.UpdateAdvertiser(ctx, campaign.Advertiser{ID: a.ID, Name: ""})
	wantErr(t, err, ErrInvalid, "name: required")
	_, err = s.UpdateAdvertiser(ctx, campaign.Advertiser{ID: "adv_missing", Name: "x"})
	wantErr(t, err, ErrNotFound, "")
	_, err = s.CreateAdvertiser(ctx, campaign.Advertiser{})
	wantErr(t, err, ErrInvalid, "name: required")
	_, err = s.GetAdvertiser(ctx, "adv_missing")
	wantErr(t, err, ErrNotFound, "")

	c := mustCampaign(t, s, newCampaign(a.ID, "c1", "a"))
	wantErr(t, s.DeleteAdvertiser(ctx, a.ID), ErrConflict, "")
	if err := s.DeleteCampaign(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAdvertiser(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.GetAdvertiser(ctx, a.ID)
	wantErr(t, err, ErrNotFound, "")
	wantErr(t, s.DeleteAdvertiser(ctx, a.ID), ErrNotFound, "")
}

func TestCampaignRoundTrip(t *testing.T) {
	s := openTest(t)
	a := mustAdvertiser(t, s, "Acme")
	in := newCampaign(a.ID, "Madrid all day", "a", "b")
	in.ImpressionGoal, in.DailyCap, in.Pacing = 1000, 100, campaign.PacingASAP
	in.FrequencyCap = campaign.FrequencyCap{PerDay: 3, PerSession: 1}
	in.Creatives = append(in.Creatives, campaign.Creative{Name: "tpl", SpotID: "spot1", Template: json.RawMessage(`{ "text": "hi" }`), Duration: 15})
	c := mustCampaign(t, s, in)
	if !strings.HasPrefix(c.ID, "cmp_") || c.Version != 1 || len(c.Creatives) != 3 {
		t.Fatalf("created %+v", c)
	}
	for i, cr := range c.Creatives {
		if !strings.HasPrefix(cr.ID, "crv_") || cr.CampaignID != c.ID || cr.Name != in.Creatives[i].Name {
			t.Fatalf("creative %d: %+v", i, cr)
		}
	}
	if string(c.Targeting) != `{"all":[{"city":{"in":["Madrid"]}}]}` || string(c.Creatives[2].Template) != `{"text":"hi"}` {
		t.Fatalf("JSON not compacted: %s %s", c.Targeting, c.Creatives[2].Template)
	}
	got, err := s.GetCampaign(ctx, c.ID)
	if err != nil || !reflect.DeepEqual(got, c) {
		t.Fatalf("get:\n%+v, %v\nwant\n%+v", got, err, c)
	}
	crs, err := s.ListCreatives(ctx, c.ID)
	if err != nil || !reflect.DeepEqual(crs, c.Creatives) {
		t.Fatalf("list creatives: %+v, %v", crs, err)
	}
	cr, err := s.GetCreative(ctx, c.Creatives[1].ID)
	if err != nil || !reflect.DeepEqual(cr, c.Creatives[1]) {
		t.Fatalf("get creative: %+v, %v", cr, err)
	}
	_, err = s.GetCampaign(ctx, "cmp_missing")
	wantErr(t, err, ErrNotFound, "")
	_, err = s.ListCreatives(ctx, "cmp_missing")
	wantErr(t, err, ErrNotFound, "")
	_, err = s.GetCreative(ctx, "crv_missing")
	wantErr(t, err, ErrNotFound, "")

	if err := s.DeleteCampaign(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.GetCreative(ctx, c.Creatives[0].ID)
	wantErr(t, err, ErrNotFound, "")
	wantErr(t, s.DeleteCampaign(ctx, c.ID), ErrNotFound, "")
}

func TestCreateCampaignInvalid(t *testing.T) {
	s := openTest(t)
	a := mustAdvertiser(t, s, "Acme")
	cases := []struct {
		name string
		edit func(c *campaign.Campaign)
		want string
	}{
		{"unknown advertiser", func(c *campaign.Campaign) { c.AdvertiserID = "adv_nope" }, `advertiser_id: no advertiser "adv_nope"`},
		{"flight", func(c *campaign.Campaign) { c.End = c.Start.Add(-time.Hour) }, "end: must be after start"},
		{"second creative bad", func(c *campaign.Campaign) { c.Creatives[1].HLS = "" }, "creatives[1]: set exactly one of hls or spot_id"},
		{"creative id on create", func(c *campaign.Campaign) { c.Creatives[1].ID = "crv_other" }, `creatives[1].id: not a creative of this campaign: "crv_other"`},
		{"targeting", func(c *campaign.Campaign) { c.Targeting = json.RawMessage(`{"city":{"eq":"x"}}`) }, `targeting.city: unknown operator "eq"`},
	}
	v0, _ := s.Version(ctx)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newCampaign(a.ID, "c", "a", "b")
			tc.edit(&c)
			_, err := s.CreateCampaign(ctx, c)
			wantErr(t, err, ErrInvalid, tc.want)
		})
	}
	// Nothing half-written: no campaign, no creative, no version bump.
	list, _, err := s.ListCampaigns(ctx, "", Page{})
	if err != nil || len(list) != 0 {
		t.Fatalf("campaigns after failed creates: %v, %v", list, err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM creatives`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d creatives after failed creates (%v)", n, err)
	}
	if v, _ := s.Version(ctx); v != v0 {
		t.Fatalf("version %d after failed writes, want %d", v, v0)
	}
}

func TestUpdateCampaign(t *testing.T) {
	s := openTest(t)
	a := mustAdvertiser(t, s, "Acme")
	other := mustAdvertiser(t, s, "Other")
	c := mustCampaign(t, s, newCampaign(a.ID, "c", "a", "b", "c"))

	// Keep b (moved first, renamed), drop a and c, add d.
	up := c
	up.AdvertiserID = ""
	up.Name, up.Priority = "renamed", 9
	up.Creatives = []campaign.Creative{
		{ID: c.Creatives[1].ID, Name: "b2", HLS: c.Creatives[1].HLS},
		{Name: "d", HLS: "https://cdn.example/d.m3u8"},
	}
	got, err := s.UpdateCampaign(ctx, up)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 || got.Name != "renamed" || got.Priority != 9 || got.AdvertiserID != a.ID ||
		!got.CreatedAt.Equal(c.CreatedAt) || got.UpdatedAt.Before(c.UpdatedAt) {
		t.Fatalf("updated %+v", got)
	}
	if len(got.Creatives) != 2 || got.Creatives[0].ID != c.Creatives[1].ID || got.Creatives[0].Name != "b2" ||
		got.Creatives[1].ID == "" || got.Creatives[1].CampaignID != c.ID {
		t.Fatalf("creatives %+v", got.Creatives)
	}
	read, err := s.GetCampaign(ctx, c.ID)
	if err != nil || !reflect.DeepEqual(read, got) {
		t.Fatalf("read back:\n%+v\nwant\n%+v (%v)", read, got, err)
	}
	for _, gone := range []string{c.Creatives[0].ID, c.Creatives[2].ID} {
		_, err := s.GetCreative(ctx, gone)
		wantErr(t, err, ErrNotFound, "")
	}

	cases := []struct {
		name     string
		edit     func(c *campaign.Campaign)
		sentinel error
		want     string
	}{
		{"missing", func(c *campaign.Campaign) { c.ID = "cmp_missing" }, ErrNotFound, ""},
		{"other advertiser", func(c *campaign.Campaign) { c.AdvertiserID = other.ID }, ErrInvalid,
			"advertiser_id: cannot change; create a campaign for the other advertiser"},
		{"stale version", func(c *campaign.Campaign) { c.Version = 1 }, ErrConflict, ""},
		{"invalid", func(c *campaign.Campaign) { c.Pacing = "fast" }, ErrInvalid, "pacing: must be even or asap"},
		{"foreign creative id after a valid one", func(c *campaign.Campaign) {
			c.Creatives = append(c.Creatives, campaign.Creative{ID: "crv_foreign", Name: "x", HLS: "http://h/x.m3u8"})
		}, ErrInvalid, `creatives[3].id: not a creative of this campaign: "crv_foreign"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v0, _ := s.Version(ctx)
			in := got
			in.Creatives = append([]campaign.Creative{{Name: "new", HLS: "http://h/new.m3u8"}}, got.Creatives...)
			in.Creatives[1].Name = "changed"
			tc.edit(&in)
			_, err := s.UpdateCampaign(ctx, in)
			wantErr(t, err, tc.sentinel, tc.want)
			// Nothing half-written: the campaign and its creatives are as before.
			read, err := s.GetCampaign(ctx, c.ID)
			if err != nil || !reflect.DeepEqual(read, got) {
				t.Fatalf("after failed update:\n%+v\nwant\n%+v (%v)", read, got, err)
			}
			if v, _ := s.Version(ctx); v != v0 {
				t.Fatalf("version %d after a failed update, want %d", v, v0)
			}
		})
	}
}

func TestListCampaignsPaging(t *testing.T) {
	s := openTest(t)
	a := mustAdvertiser(t, s, "A")
	b := mustAdvertiser(t, s, "B")
	var ids, idsA []string
	for i := range 120 {
		adv := a.ID
		if i%3 == 2 {
			adv = b.ID
		}
		c := mustCampaign(t, s, newCampaign(adv, fmt.Sprintf("c%03d", i), "x"))
		ids = append(ids, c.ID)
		if adv == a.ID {
			idsA = append(idsA, c.ID)
		}
	}
	walk := func(advertiserID string, limit int) (got []string, pages []int) {
		cursor := ""
		for {
			list, next, err := s.ListCampaigns(ctx, advertiserID, Page{Limit: limit, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			pages = append(pages, len(list))
			for _, c := range list {
				if len(c.Creatives) != 1 {
					t.Fatalf("%s has %d creatives", c.ID, len(c.Creatives))
				}
				got = append(got, c.ID)
			}
			if next == "" {
				return got, pages
			}
			cursor = next
		}
	}
	for _, tc := range []struct {
		advertiser string
		limit      int
		want       []string
		pages      []int
	}{
		{"", 0, ids, []int{50, 50, 20}},
		{"", 500, ids, []int{120}},
		{"", 40, ids, []int{40, 40, 40}},
		{a.ID, 50, idsA, []int{50, 30}},
		{"adv_missing", 10, nil, []int{0}},
	} {
		got, pages := walk(tc.advertiser, tc.limit)
		if !reflect.DeepEqual(got, tc.want) || !reflect.DeepEqual(pages, tc.pages) {
			t.Errorf("advertiser %q limit %d: pages %v (%d items), want %v (%d)", tc.advertiser, tc.limit, pages, len(got), tc.pages, len(tc.want))
		}
	}
	advs, next, err := s.ListAdvertisers(ctx, Page{Limit: 1})
	if err != nil || len(advs) != 1 || advs[0].ID != a.ID || next == "" {
		t.Fatalf("advertisers page 1: %v %q %v", advs, next, err)
	}
	advs, next, err = s.ListAdvertisers(ctx, Page{Limit: 1, Cursor: next})
	if err != nil || len(advs) != 1 || advs[0].ID != b.ID || next != "" {
		t.Fatalf("advertisers page 2: %v %q %v", advs, next, err)
	}
	for _, p := range []Page{{Limit: -1}, {Limit: 501}} {
		_, _, err := s.ListCampaigns(ctx, "", p)
		wantErr(t, err, ErrInvalid, "limit: must be 1..500")
	}
	for _, cur := range []string{"nope!", "AAAAAAAAAAA", encodeCursor(5)[:5]} {
		_, _, err := s.ListAdvertisers(ctx, Page{Cursor: cur})
		wantErr(t, err, ErrInvalid, "cursor: malformed; pass next_cursor of the previous page")
	}
}

func TestActiveCampaignsAndVersion(t *testing.T) {
	s := openTest(t)
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	v0, err := s.Version(ctx)
	if err != nil || v0 != 0 {
		t.Fatalf("fresh version %d, %v", v0, err)
	}
	a := mustAdvertiser(t, s, "A")
	running := mustCampaign(t, s, newCampaign(a.ID, "running", "x", "y"))
	paused := newCampaign(a.ID, "paused", "x")
	paused.Status = campaign.StatusPaused
	mustCampaign(t, s, paused)
	ended := newCampaign(a.ID, "ended", "x")
	ended.Start, ended.End = now.Add(-48*time.Hour), now
	mustCampaign(t, s, ended)
	future := newCampaign(a.ID, "future", "z")
	future.Start, future.End = now.Add(24*time.Hour), now.Add(48*time.Hour)
	future = mustCampaign(t, s, future)

	cs, v, err := s.ActiveCampaigns(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if v != 5 {
		t.Fatalf("version %d after 5 writes", v)
	}
	if len(cs) != 2 || !reflect.DeepEqual(cs[0], running) || !reflect.DeepEqual(cs[1], future) {
		t.Fatalf("active: %+v", cs)
	}
	if _, err := s.UpdateAdvertiser(ctx, campaign.Advertiser{ID: a.ID, Name: "A2"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CreateKey(ctx, campaign.RoleService, "", "edge"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCampaign(ctx, future.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Version(ctx); v != 8 {
		t.Fatalf("version %d after 8 writes", v)
	}
}

func TestKeys(t *testing.T) {
	s := openTest(t)
	a := mustAdvertiser(t, s, "A")
	secret, k, err := s.CreateKey(ctx, campaign.RoleMarketer, a.ID, "acme web")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, "ask_") || len(secret) != 4+43 || !strings.HasPrefix(k.ID, "key_") ||
		k.Role != campaign.RoleMarketer || k.AdvertiserID != a.ID {
		t.Fatalf("key %q %+v", secret, k)
	}
	got, err := s.Authenticate(ctx, secret)
	if err != nil || !reflect.DeepEqual(got, k) {
		t.Fatalf("authenticate: %+v %v, want %+v", got, err, k)
	}
	var stored int
	s.db.QueryRow(`SELECT count(*) FROM api_keys WHERE instr(CAST(secret_sha256 AS TEXT), ?) > 0 OR name = ?`, secret, secret).Scan(&stored)
	if stored != 0 {
		t.Fatal("the secret is stored")
	}
	for _, wrong := range []string{"", "ask_", secret[:len(secret)-1], secret + "x", strings.TrimPrefix(secret, "ask_")} {
		_, err := s.Authenticate(ctx, wrong)
		wantErr(t, err, ErrNotFound, "")
	}
	admin, _, err := s.CreateKey(ctx, campaign.RoleAdmin, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if admin == secret {
		t.Fatal("two keys, one secret")
	}
	for _, tc := range []struct{ role, adv, name, want string }{
		{"marketer", "", "", "advertiser_id: required for a marketer key"},
		{"marketer", "adv_missing", "", `advertiser_id: no advertiser "adv_missing"`},
		{"admin", a.ID, "", "advertiser_id: only marketer keys belong to an advertiser"},
		{"root", "", "", `role: must be admin, marketer, analyst or service, got "root"`},
		{"analyst", "", strings.Repeat("n", 201), "name: must be at most 200 bytes"},
	} {
		_, _, err := s.CreateKey(ctx, tc.role, tc.adv, tc.name)
		wantErr(t, err, ErrInvalid, tc.want)
	}
	keys, err := s.ListKeys(ctx)
	if err != nil || len(keys) != 2 || keys[0].ID != k.ID {
		t.Fatalf("list keys: %+v %v", keys, err)
	}
	// Deleting the advertiser revokes its marketer keys.
	if err := s.DeleteAdvertiser(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.Authenticate(ctx, secret)
	wantErr(t, err, ErrNotFound, "")
	if _, err := s.Authenticate(ctx, admin); err != nil {
		t.Fatal(err)
	}
	keys, _ = s.ListKeys(ctx)
	if err := s.DeleteKey(ctx, keys[0].ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.Authenticate(ctx, admin)
	wantErr(t, err, ErrNotFound, "")
	wantErr(t, s.DeleteKey(ctx, keys[0].ID), ErrNotFound, "")
}

func TestConcurrentWritesAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "control.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a := mustAdvertiser(t, s, "A")
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Go(func() {
			c, err := s.CreateCampaign(ctx, newCampaign(a.ID, fmt.Sprint("c", i), "x"))
			if err == nil {
				_, _, err = s.ActiveCampaigns(ctx, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
			}
			if err == nil {
				c.Priority = 7
				_, err = s.UpdateCampaign(ctx, c)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = Open(path) // migrations already applied: skipped
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != 81 {
		t.Fatalf("version %d after 81 writes", v)
	}
	list, _, err := s.ListCampaigns(ctx, a.ID, Page{Limit: 500})
	if err != nil || len(list) != 40 {
		t.Fatalf("%d campaigns, %v", len(list), err)
	}
}

func TestOpenErrors(t *testing.T) {
	for _, path := range []string{"", "x.db?mode=ro", filepath.Join(t.TempDir(), "missing-dir", "x.db")} {
		if s, err := Open(path); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", path)
		}
	}
	s, err := Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustAdvertiser(t, s, "in memory")
}
