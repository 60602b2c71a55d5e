package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/adstitch/adstitch/adserver"
	"github.com/adstitch/adstitch/adserver/control/api"
	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/variants"
	"github.com/adstitch/adstitch/variants/probe"
	"github.com/adstitch/adstitch/variants/template"
)

// startVariants opens the variant cache and starts its render workers,
// which stop with ctx.
func startVariants(ctx context.Context, cfg *configs.Config, log *slog.Logger) (*adserver.VariantDeps, error) {
	fonts, err := template.LoadFonts(cfg.Variants.FontDirs...)
	if err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	svc, err := variants.New(variants.Config{
		Dir: cfg.Variants.Dir, MaxBytes: cfg.Variants.MaxBytes, Concurrency: cfg.Variants.Concurrency,
		RenderTimeout: time.Duration(cfg.Variants.RenderTimeout), URLPrefix: cfg.Variants.URLPrefix, Log: log,
	})
	if err != nil {
		return nil, fmt.Errorf("variants: %w", err)
	}
	go svc.Run(ctx)
	return &adserver.VariantDeps{Service: svc, Fonts: fonts, DataDir: cfg.DataDir, PrerenderLimit: cfg.Variants.PrerenderLimit}, nil
}

// uploadOptions are the marketer API's uploads and variant views.
func uploadOptions(cfg *configs.Config, v *adserver.VariantDeps) (*api.Media, func(json.RawMessage) (string, error)) {
	lim := probe.SpotLimits{MinDuration: time.Duration(cfg.Variants.MinSpotDuration), MaxDuration: time.Duration(cfg.Variants.MaxSpotDuration)}
	media := &api.Media{DataDir: cfg.DataDir, MaxSpotBytes: cfg.Variants.MaxUploadBytes,
		ProbeSpot: func(ctx context.Context, path string) (any, float64, error) {
			sp, err := probe.ProbeSpot(ctx, path, lim)
			if err != nil {
				if isFileFault(err) {
					return nil, 0, api.Refused(err)
				}
				return nil, 0, err
			}
			return sp, sp.Duration, nil
		}}
	check := func(raw json.RawMessage) (string, error) {
		t, err := template.Parse(raw, v.Fonts)
		if err != nil {
			return "", err
		}
		return t.EndCardImage(), nil
	}
	return media, check
}

// isFileFault reports whether a probe error is the uploaded file's fault.
func isFileFault(err error) bool {
	for _, e := range []error{probe.ErrNotMedia, probe.ErrNoVideo, probe.ErrNoAudio, probe.ErrTooShort, probe.ErrTooLong, probe.ErrCorrupt} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// variantMetrics samples the render queue and the variant cache.
func variantMetrics(svc *variants.Service) adserver.MetricsWriter {
	return func(w *bytes.Buffer) {
		st := svc.Stats()
		adserver.WriteGauge(w, "adstitch_render_queue_depth", "Variants waiting for a render.", int64(st.Queued))
		adserver.WriteGauge(w, "adstitch_renders_in_progress", "Variants rendering now.", int64(st.Rendering))
		adserver.WriteGauge(w, "adstitch_variants_ready", "Rendered variants in the cache.", int64(st.Ready))
		adserver.WriteGauge(w, "adstitch_variants_failed", "Variants whose last render failed.", int64(st.Failed))
		adserver.WriteGauge(w, "adstitch_variant_cache_bytes", "Disk used by rendered variants.", st.Bytes)
	}
}
