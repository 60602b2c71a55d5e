package main

import (
	"context"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/decision"
	"github.com/adstitch/adstitch/configs"
)

// The demo seed gives two viewers with different contexts different pods,
// a marketer key that authenticates, and runs only once.
func TestSeedDemoCampaigns(t *testing.T) {
	dir := t.TempDir()
	cfg := configs.Default()
	cfg.DataDir = dir
	ctl, err := openControl(cfg, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ctl.close()
	keys := &demoKeys{Admin: "a", Analyst: "b", Service: "c"}
	ctx := context.Background()
	if err := seedDemoCampaigns(ctx, cfg, ctl, keys); err != nil {
		t.Fatal(err)
	}
	if k, err := ctl.store.Authenticate(ctx, keys.Marketer); err != nil || k.Role != campaign.RoleMarketer {
		t.Fatalf("marketer key: %+v %v", k, err)
	}
	cs, v, err := ctl.store.ActiveCampaigns(ctx, time.Now())
	if err != nil || len(cs) != 3 {
		t.Fatalf("campaigns %d %v", len(cs), err)
	}
	snap, err := decision.Compile(v, cs)
	if err != nil {
		t.Fatal(err)
	}
	e := decision.NewEngine(decision.NewMemoryCounters())
	e.Update(snap)
	pick := func(interest string) string {
		d := e.Decide(&decision.Request{BreakID: "pre", Duration: 30, Now: time.Now(),
			Context: &campaign.Context{City: "Madrid", Interests: []string{interest}, Daypart: "evening", LocalHour: 19}})
		if len(d.Picks) == 0 {
			return ""
		}
		return d.Picks[0].CampaignID
	}
	runner, coffee := pick("running"), pick("coffee")
	if runner == "" || coffee == "" || runner == coffee {
		t.Fatalf("running viewer got %q, coffee viewer got %q: want two different campaigns", runner, coffee)
	}
	if err := seedDemoCampaigns(ctx, cfg, ctl, keys); err != nil {
		t.Fatal(err)
	}
	if cs, _, _ := ctl.store.ActiveCampaigns(ctx, time.Now()); len(cs) != 3 {
		t.Fatalf("a second start seeded again: %d campaigns", len(cs))
	}
}
