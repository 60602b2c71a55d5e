package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control/store"
	"github.com/adstitch/adstitch/adserver/geo/geotest"
	"github.com/adstitch/adstitch/configs"
)

// demoGeo writes a small city database for the demo (a real deployment
// points geoip at a GeoIP2/GeoLite2 or DB-IP City file): local viewers are
// in Madrid, 198.51.100.0/24 in Barcelona, 192.0.2.0/24 in New York.
func demoGeo(cfg *configs.Config) (string, error) {
	path := filepath.Join(cfg.DataDir, "demo-geo.mmdb")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	entries := []geotest.Entry{
		{Network: "127.0.0.0/8", Country: "ES", Region: "Madrid", City: "Madrid", TimeZone: "Europe/Madrid"},
		{Network: "198.51.100.0/24", Country: "ES", Region: "Catalonia", City: "Barcelona", TimeZone: "Europe/Madrid"},
		{Network: "192.0.2.0/24", Country: "US", Region: "New York", City: "New York", TimeZone: "America/New_York"},
	}
	return path, geotest.WriteCityDB(path, entries, geotest.SchemaGeoIP2City)
}

// seedDemoCampaigns gives a fresh demo two advertisers and three campaigns
// targeted by city, daypart and interest, so two demo viewers visibly get
// different pods, and a marketer key for one advertiser.
func seedDemoCampaigns(ctx context.Context, cfg *configs.Config, ctl *controlPlane, keys *demoKeys) error {
	advs, _, err := ctl.store.ListAdvertisers(ctx, store.Page{Limit: 1})
	if err != nil || len(advs) > 0 {
		return err // seeded before, or real data: leave it alone
	}
	acme, err := ctl.store.CreateAdvertiser(ctx, campaign.Advertiser{Name: "Acme Running"})
	if err != nil {
		return err
	}
	cafe, err := ctl.store.CreateAdvertiser(ctx, campaign.Advertiser{Name: "Café Central"})
	if err != nil {
		return err
	}
	start, end := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	ad := func(name string, secs float64) campaign.Creative {
		return campaign.Creative{Name: name, HLS: cfg.ResolvedURL("/origin/ads/" + name + "/master.m3u8"), Duration: secs}
	}
	rule := func(s string) json.RawMessage { return json.RawMessage(s) }
	for _, c := range []campaign.Campaign{
		{AdvertiserID: acme.ID, Name: "Madrid runners", Priority: 8, Category: "sportswear",
			Targeting: rule(`{"all":[{"city":{"in":["Madrid"]}},{"interests":{"any":["running","sports"]}}]}`),
			Creatives: []campaign.Creative{ad("house-15s", 15)}},
		{AdvertiserID: acme.ID, Name: "Barcelona days", Priority: 6, Category: "sportswear",
			Targeting: rule(`{"all":[{"city":{"in":["Barcelona"]}},{"daypart":{"in":["morning","afternoon","evening"]}}]}`),
			Creatives: []campaign.Creative{ad("house-20s", 20)}},
		{AdvertiserID: cafe.ID, Name: "Coffee lovers", Priority: 5, Category: "food",
			Targeting: rule(`{"interests":{"any":["coffee","food"]}}`),
			Creatives: []campaign.Creative{ad("house-10s", 10)}},
	} {
		c.Start, c.End, c.Status, c.Pacing = start, end, campaign.StatusActive, campaign.PacingASAP
		if _, err := ctl.store.CreateCampaign(ctx, c); err != nil {
			return err
		}
	}
	if keys != nil {
		secret, _, err := ctl.store.CreateKey(ctx, campaign.RoleMarketer, acme.ID, "demo marketer (Acme Running)")
		if err != nil {
			return err
		}
		keys.Marketer = secret
		return keys.save(cfg.DataDir)
	}
	return nil
}
