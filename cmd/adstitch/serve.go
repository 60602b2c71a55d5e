package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver"
	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/demoorigin"
	"github.com/adstitch/adstitch/adserver/geo"
	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/variants/demo"
	"github.com/adstitch/adstitch/web"
)

func serveCmd(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "YAML config file (default: the embedded demo config)")
	remote := fs.String("control-plane", "", "URL of an instance serving the marketer API: pull campaigns from it instead of running one here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := configs.Load(*cfgPath)
	if err != nil {
		return err
	}
	log := newLogger(cfg.Log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first signal drains; a second one ends the process at once
	// (what is spooled survives that: the kernel holds it).
	context.AfterFunc(ctx, stop)
	var keys *demoKeys
	if cfg.Demo && len(cfg.APIKeys) == 0 {
		if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
			return fmt.Errorf("data_dir: %w", err)
		}
		if keys, err = loadOrCreateDemoKeys(cfg.DataDir); err != nil {
			return err
		}
		keys.apply(cfg)
	}
	opts := serveOptions{controlPlane: *remote, controlPlaneKey: os.Getenv("ADSTITCH_CONTROL_PLANE_KEY"), demoKeys: keys}
	if opts.controlPlane != "" && opts.controlPlaneKey == "" {
		return errors.New("--control-plane needs a service key in ADSTITCH_CONTROL_PLANE_KEY")
	}
	return serve(ctx, cfg, log, opts, func(urls []string) {
		fmt.Println("adstitch is serving. Paste one of these into an HLS player (hls.js demo, Safari, VLC, ffplay):")
		for _, u := range urls {
			fmt.Println("  " + u)
		}
		if keys != nil {
			base := strings.TrimRight(cfg.PublicURL, "/")
			fmt.Printf("\nDemo API keys (kept in %s/demo-keys.json):\n  admin    %s\n  analyst  %s\n  service  %s\n  marketer %s  (Acme Running)\n",
				cfg.DataDir, keys.Admin, keys.Analyst, keys.Service, keys.Marketer)
			fmt.Printf("Acme Running's campaigns, as its marketer sees them:\n  curl -H 'Authorization: Bearer %s' '%s/v1/campaigns'\n", keys.Marketer, base)
			fmt.Printf("Why a session got its pod:\n  curl '%s/v1/sessions/<session_id>/decisions'\n", base)
			fmt.Printf("House-ad numbers, live:\n  curl -H 'Authorization: Bearer %s' '%s/v1/reports/campaigns/%s?group_by=hour'\n",
				keys.Analyst, base, adserver.HouseCampaign)
		}
	})
}

// serve runs the data plane until ctx ends. ready is called with the
// playable URLs once the listener is open.
// serveOptions are serve's command-line choices beyond the config.
type serveOptions struct {
	controlPlane    string // pull snapshots from here instead of a local control store
	controlPlaneKey string
	demoKeys        *demoKeys // filled with the seeded marketer key
}

func serve(ctx context.Context, cfg *configs.Config, log *slog.Logger, opts serveOptions, ready func([]string)) error {
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return fmt.Errorf("data_dir: %w", err)
	}
	keyring, err := newKeyring(cfg)
	if err != nil {
		return err
	}
	events, err := startEvents(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer events.stop()
	deps := adserver.Deps{Config: cfg, Keyring: keyring, Log: log, Mounts: map[string]fasthttp.RequestHandler{web.Prefix: web.Handler},
		Recorder: events.recorder, Reports: events.reports, Metrics: events.metrics}
	if cfg.Demo && cfg.GeoIP == "" {
		if cfg.GeoIP, err = demoGeo(cfg); err != nil {
			return fmt.Errorf("demo geo database: %w", err)
		}
	}
	if cfg.GeoIP != "" {
		db, err := geo.Open(cfg.GeoIP)
		if err != nil {
			return fmt.Errorf("geoip: %w", err)
		}
		defer db.Close()
		deps.Geo = db
	}
	if cfg.Demo {
		start := time.Now()
		log.Info("preparing demo media (first start renders it with ffmpeg)", "dir", filepath.Join(cfg.DataDir, "demo"))
		assets, err := demo.Prepare(ctx, filepath.Join(cfg.DataDir, "demo"), log)
		if err != nil {
			return fmt.Errorf("demo media: %w", err)
		}
		log.Info("demo media ready", "took", time.Since(start).Round(time.Millisecond))
		deps.Mounts[demoorigin.Prefix] = demoorigin.New(assets.Dir, demoorigin.Options{}).Handler
	}
	engine, err := newEngine(cfg)
	if err != nil {
		return err
	}
	deps.Engine = engine
	if deps.Variants, err = startVariants(ctx, cfg, log); err != nil {
		return err
	}
	deps.Metrics = append(deps.Metrics, variantMetrics(deps.Variants.Service))
	// The control API validates creatives through the server built below.
	var srvRef atomic.Pointer[adserver.Server]
	var ctl *controlPlane
	if opts.controlPlane == "" {
		ctl, err = openControl(cfg, log, deps.Variants, func(c context.Context, cr *campaign.Creative) error { return checkCreative(c, &srvRef, cr) })
		if err != nil {
			return err
		}
		defer ctl.close()
		deps.Control = ctl.api
	}
	srv, err := adserver.New(deps)
	if err != nil {
		return err
	}
	defer srv.Close()
	srvRef.Store(srv)
	if ctl != nil {
		if cfg.Demo {
			if err := seedDemoCampaigns(ctx, cfg, ctl, opts.demoKeys); err != nil {
				log.Warn("demo campaigns not seeded", "err", err)
			}
		}
		go followLocalSnapshots(ctx, ctl, srv, log)
	} else {
		go followRemoteSnapshots(ctx, opts.controlPlane, opts.controlPlaneKey, srv, log)
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Listen, err)
	}
	log.Info("listening", "addr", ln.Addr().String(), "public_url", cfg.PublicURL)
	srv.AddReadyCheck(events.readyCheck())
	if ready != nil {
		ready(playerURLs(cfg))
	}
	// Shutdown, when ctx ends: Serve turns /readyz 503, stops accepting
	// and drains in-flight requests (bounded); then the defers above run,
	// last registered first — the server's caches, the control store, and
	// last the event pipeline, which delivers what it can and closes the
	// spool with every recorded event written and fsynced.
	return srv.Serve(ctx, ln)
}

// checkCreative validates an HLS creative through the running server's
// allow-listed fetcher and records its duration. (The API checks spot
// creatives itself.)
func checkCreative(ctx context.Context, ref *atomic.Pointer[adserver.Server], cr *campaign.Creative) error {
	srv := ref.Load()
	if srv == nil || cr.HLS == "" {
		return nil
	}
	d, err := srv.CheckCreativeHLS(ctx, cr.HLS)
	if err != nil {
		return fmt.Errorf("hls: %w", err)
	}
	cr.Duration = d
	return nil
}

// playerURLs are implicit-session URLs a person can paste into a player:
// two viewers per stream with different interests, so the demo campaigns
// give them different pods.
func playerURLs(cfg *configs.Config) []string {
	base := strings.TrimRight(cfg.PublicURL, "/")
	var out []string
	for i, s := range cfg.Streams {
		for j, in := range []string{"running", "coffee"} {
			out = append(out, fmt.Sprintf("%s/v1/master/%s.m3u8?viewer_id=viewer-%d&interests=%s&device=desktop", base, s.ID, 2*i+j+1, in))
		}
	}
	return out
}

// newKeyring uses the configured session keys, or one kept in data_dir.
func newKeyring(cfg *configs.Config) (*session.Keyring, error) {
	var keys []session.Key
	for _, k := range cfg.Sessions.Keys {
		keys = append(keys, session.Key{ID: k.ID, Secret: []byte(k.Secret)})
	}
	active := cfg.Sessions.Active
	if len(keys) == 0 {
		k, err := session.LoadOrCreateKey(filepath.Join(cfg.DataDir, "session.key"))
		if err != nil {
			return nil, err
		}
		keys, active = []session.Key{k}, k.ID
	}
	return session.NewKeyring(keys, active, time.Duration(cfg.Sessions.TTL))
}

func newLogger(o configs.LogOptions) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(o.Level))
	opts := &slog.HandlerOptions{Level: level}
	if o.Format == "text" {
		return slog.New(slog.NewTextHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(os.Stderr, opts))
}
