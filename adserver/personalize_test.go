package adserver

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/origin"
	"github.com/adstitch/adstitch/manifest"
	"github.com/adstitch/adstitch/variants"
	"github.com/adstitch/adstitch/variants/template"
)

// A viewer whose own variant is not rendered yet gets the best playable
// one now — another variant for the same place, else the base render,
// else nothing (fill) — and their own is queued at high priority.
func TestPersonalizerFallbacks(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	// Failed renders may be retried at once: the decisions below queue
	// real renders of a spot that does not exist, which fail.
	svc, err := variants.New(variants.Config{Dir: t.TempDir(), URLPrefix: "http://cdn.test/v/", Log: log, RetryAfter: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	lad := &ladder{fingerprint: "ladder-1", aspect: 16.0 / 9}
	ls := &ladders{state: map[string]*ladderState{"show": {got: lad}}, log: log, now: time.Now,
		origin: func(string) string { return "" }} // no other stream has a ladder
	masters := origin.NewCache(origin.Options{}, func(string, []byte) (*manifest.Master, time.Duration, error) { return nil, 0, nil })
	medias := origin.NewCache(origin.Options{}, func(string, []byte) (*manifest.Media, time.Duration, error) { return nil, 0, nil })
	p := newPersonalizer(&VariantDeps{Service: svc, DataDir: t.TempDir()}, newAdCatalog(masters, medias), ls, log)
	tmpl, err := template.Parse([]byte(`{"text":[{"value":"Hello {city}!"}],"voice":"Good {greeting}"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := &spotCreative{id: "crv_1", campaign: "cmp_1", advertiser: "adv_1", spot: "spt_1", tmpl: tmpl, tmplKey: "t1"}
	p.creatives.Store(&map[string]*spotCreative{sc.id: sc})

	// Render some variants with a stand-in renderer (the queue and cache
	// are under test here, not ffmpeg), then stop the workers so that what
	// the decisions queue stays queued.
	fake := func(ctx context.Context, dir string, progress func(float64)) (variants.Rendered, error) {
		return variants.Rendered{Duration: 6}, os.WriteFile(filepath.Join(dir, "master.m3u8"), []byte("#EXTM3U\n"), 0o644)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { svc.Run(ctx); close(done) }()
	ready := func(c *campaign.Context, base bool) string {
		var key string
		r := variants.Request{CreativeID: sc.id, Stream: "show", Base: base, Priority: variants.High, Render: fake}
		if base {
			key = p.baseKey(sc, lad)
		} else {
			vals := tmpl.Values(c)
			key, r.Context = variants.Key(sc.spot, sc.tmplKey, vals.Key(), lad.fingerprint), vals.Map()
		}
		r.Key = key
		deadline := time.Now().Add(10 * time.Second)
		for {
			if v := svc.Ensure(r); v.Status == variants.StatusReady {
				return key
			}
			if time.Now().After(deadline) {
				t.Fatalf("variant %s not ready", key)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	madridMorning := ready(&campaign.Context{City: "Madrid", Daypart: "morning"}, false)
	cancel()
	<-done

	cases := []struct {
		name   string
		ctx    campaign.Context
		want   string // ad id, "" = none
		choice string
	}{
		{"own variant", campaign.Context{City: "Madrid", Daypart: "morning"}, madridMorning, VariantExact},
		{"same city, other time of day", campaign.Context{City: "Madrid", Daypart: "evening"}, madridMorning, VariantOther},
		{"another city: never its text; nothing rendered for it", campaign.Context{City: "Seville", Daypart: "morning"}, "", VariantUnplayed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ch := p.choose(sc.id, "show", &tc.ctx)
			if got != tc.want || ch.Choice != tc.choice {
				t.Fatalf("choose = %q %+v, want %q %s", got, ch, tc.want, tc.choice)
			}
			if tc.choice != VariantExact {
				if v, ok := svc.Get(ch.Want); !ok || v.Status != variants.StatusQueued || ch.Want == got {
					t.Fatalf("the viewer's own variant is not queued: %+v %v", v, ok)
				}
			}
			if got != "" && p.ads.get(got) == nil {
				t.Fatalf("ad %s not in the catalog", got)
			}
		})
	}

	// With the base render ready, Seville gets it.
	ctx, cancel = context.WithCancel(context.Background())
	done = make(chan struct{})
	go func() { svc.Run(ctx); close(done) }()
	base := ready(nil, true)
	cancel()
	<-done
	if got, ch := p.choose(sc.id, "show", &campaign.Context{City: "Seville", Daypart: "morning"}); got != base || ch.Choice != VariantBase {
		t.Fatalf("Seville: %q %+v, want the base %s", got, ch, base)
	}
	// A stream whose ladder is unknown plays nothing from the spot yet.
	if got, ch := p.choose(sc.id, "other", &campaign.Context{City: "Madrid"}); got != "" || ch.Choice != VariantNoLadder {
		t.Fatalf("unknown ladder: %q %+v", got, ch)
	}
}
