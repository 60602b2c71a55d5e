package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/adstitch/adstitch/adserver"
	"github.com/adstitch/adstitch/adserver/control/api"
	"github.com/adstitch/adstitch/adserver/decision"
	"github.com/adstitch/adstitch/configs"
)

// newEngine builds the decision engine; its counters (caps, goals, pacing)
// are shared through Redis when configured.
func newEngine(cfg *configs.Config) (*decision.Engine, error) {
	counters := decision.NewMemoryCounters()
	if cfg.Redis != nil {
		rc, err := decision.NewRedisCounters(cfg.Redis.Addr)
		if err != nil {
			return nil, fmt.Errorf("redis %s: %w", cfg.Redis.Addr, err)
		}
		counters = rc
	}
	return decision.NewEngine(counters), nil
}

// followLocalSnapshots applies the control store's campaigns to the
// server whenever the store's version changes (polled every second).
func followLocalSnapshots(ctx context.Context, ctl *controlPlane, srv *adserver.Server, log *slog.Logger) {
	var applied int64 = -1
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		v, err := ctl.store.Version(ctx)
		if err == nil && v != applied {
			cs, ver, err := ctl.store.ActiveCampaigns(ctx, time.Now())
			if err == nil {
				err = srv.ApplySnapshot(ver, cs)
			}
			if err != nil {
				log.Error("campaign snapshot not applied", "err", err)
			} else {
				applied = v
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// followRemoteSnapshots pulls snapshots from another instance's control
// plane (GET /v1/snapshot with a service key), using the ETag so an
// unchanged snapshot costs a 304.
func followRemoteSnapshots(ctx context.Context, base, key string, srv *adserver.Server, log *slog.Logger) {
	url := strings.TrimRight(base, "/") + "/v1/snapshot"
	client := &http.Client{Timeout: 10 * time.Second}
	etag := ""
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		req.Header.Set("Authorization", "Bearer "+key)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := client.Do(req)
		switch {
		case err != nil:
			log.Warn("control plane unreachable; keeping the last snapshot", "url", url, "err", err)
		case resp.StatusCode == http.StatusOK:
			var snap api.Snapshot
			if err := json.NewDecoder(resp.Body).Decode(&snap); err != nil {
				log.Error("control plane snapshot unreadable", "err", err)
			} else if err := srv.ApplySnapshot(snap.Version, snap.Campaigns); err != nil {
				log.Error("control plane snapshot not applied", "err", err)
			} else {
				etag = resp.Header.Get("ETag")
			}
			resp.Body.Close()
		case resp.StatusCode == http.StatusNotModified:
			resp.Body.Close()
		default:
			log.Warn("control plane answered", "status", resp.Status)
			resp.Body.Close()
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
