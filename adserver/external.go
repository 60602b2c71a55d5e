package adserver

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/adserver/vast"
	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/configs"
)

// ExternalCampaign is the campaign id ads from external ad servers report under.
const ExternalCampaign = "external"

// ExternalDecider asks a stream's external ad server first (VAST, wrapper
// chains followed), then lets next fill what it left. Failures and
// time-outs fall back to next entirely, and are counted.
type ExternalDecider struct {
	Streams map[string]*configs.ExternalAds
	Client  *vast.Client
	Catalog *adCatalog
	Next    Decider
	Log     *slog.Logger

	requests, failures, timeouts, used, unusable atomic.Int64
	pinger                                       *pinger
}

func (d *ExternalDecider) Decide(ctx context.Context, s *session.Context, a Avail) *Decision {
	cfg := d.Streams[a.Stream]
	if cfg == nil {
		return d.Next.Decide(ctx, s, a)
	}
	d.requests.Add(1)
	fctx, cancel := context.WithTimeout(context.Background(), time.Duration(cfg.Timeout))
	defer cancel()
	inline, err := d.Client.Fetch(fctx, cfg.URL, macros(s, a))
	if err != nil {
		d.failures.Add(1)
		if fctx.Err() != nil {
			d.timeouts.Add(1)
		}
		d.Log.Warn("external ad server failed; falling back to campaigns and fill", "stream", a.Stream, "err", err)
		return d.Next.Decide(ctx, s, a)
	}
	dec := &Decision{}
	var used float64
	var ads []*Ad
	for _, in := range inline {
		ad := externalAd(in)
		if d.Catalog.get(ad.ID) == nil {
			d.Catalog.add(ad)
		}
		dur, err := d.Catalog.duration(ctx, ad.ID)
		if err != nil || dur <= 0 || used+dur > a.Duration+0.05 {
			d.unusable.Add(1)
			continue
		}
		used += dur
		ads = append(ads, ad)
		dec.Ads = append(dec.Ads, ad.ID)
		if dec.ThirdParty == nil {
			dec.ThirdParty = map[string]*thirdParty{}
		}
		// This viewer's own third-party beacon URLs (macros expanded for it).
		dec.ThirdParty[ad.ID] = &thirdParty{impressions: in.Impressions, tracking: in.Tracking}
	}
	d.used.Add(int64(len(ads)))
	if rest := a.Duration - used; rest >= 1 {
		next := d.Next.Decide(ctx, s, Avail{Stream: a.Stream, BreakID: a.BreakID, Duration: rest})
		dec.Ads = append(dec.Ads, next.Ads...)
		dec.Explanation = next.Explanation
	}
	return dec
}

// externalAd registers an inline ad under an id derived from its media, so
// every instance names it alike.
func externalAd(in vast.InlineAd) *Ad {
	sum := sha256.Sum256([]byte(in.HLS))
	id := "x" + hex.EncodeToString(sum[:8])
	cr := in.CreativeID
	if cr == "" {
		cr = in.ID
	}
	return &Ad{ID: id, CreativeID: cr, Campaign: ExternalCampaign, Advertiser: in.AdSystem, Master: in.HLS}
}

// thirdParty holds an external ad's own beacons, fired when ours are.
type thirdParty struct {
	impressions []string
	tracking    map[string][]string
}

func (t *thirdParty) urls(typ analytics.EventType) []string {
	if typ == analytics.Impression {
		return t.impressions
	}
	return t.tracking[string(typ)]
}

func macros(s *session.Context, a Avail) vast.Macros {
	return vast.Macros{
		"SESSION": s.IDString(), "VIEWER": hex.EncodeToString(s.Viewer[:]), "CITY": s.City, "REGION": s.Region,
		"COUNTRY": s.Country, "DURATION": strconv.Itoa(int(a.Duration)), "DEVICE": s.Device, "STREAM": a.Stream,
		"INTERESTS": strings.Join(s.Interests, ","), "CACHEBUSTING": strconv.FormatInt(time.Now().UnixNano()%1e8, 10),
	}
}

// metrics writes the external ad server counters.
func (d *ExternalDecider) metrics(w *bytes.Buffer) {
	for _, m := range []struct {
		name, help string
		v          int64
	}{
		{"adstitch_external_ads_requests_total", "Requests to external ad servers.", d.requests.Load()},
		{"adstitch_external_ads_failures_total", "External ad requests that failed (fell back to campaigns and fill).", d.failures.Load()},
		{"adstitch_external_ads_timeouts_total", "External ad requests that timed out.", d.timeouts.Load()},
		{"adstitch_external_ads_used_total", "External ads placed in pods.", d.used.Load()},
		{"adstitch_external_ads_unusable_total", "External ads left out (no fetchable HLS, or too long).", d.unusable.Load()},
	} {
		WriteCounter(w, m.name, m.help, m.v)
	}
}

// pinger fires third-party beacons off the request path, bounded.
type pinger struct {
	client *http.Client
	allow  func(host string) bool
	queue  chan string
	once   sync.Once
}

func newPinger(allow func(string) bool) *pinger {
	return &pinger{client: &http.Client{Timeout: 5 * time.Second}, allow: allow, queue: make(chan string, 4096)}
}

func (p *pinger) fire(urls []string) {
	p.once.Do(func() {
		for i := 0; i < 4; i++ {
			go p.run()
		}
	})
	for _, u := range urls {
		select {
		case p.queue <- u:
		default: // full: a third party's beacon is best effort, ours is the record
		}
	}
}

func (p *pinger) run() {
	for u := range p.queue {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil || !p.allow(req.URL.Hostname()) {
			continue
		}
		if resp, err := p.client.Do(req); err == nil {
			resp.Body.Close()
		}
	}
}

// hostAllowed checks a host against origins_allow entries (host:port).
func hostAllowed(allow map[string]bool) func(string) bool {
	return func(host string) bool {
		for hp := range allow {
			if h, _, err := net.SplitHostPort(hp); err == nil && strings.EqualFold(h, host) {
				return true
			}
		}
		return false
	}
}
