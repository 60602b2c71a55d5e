package adserver

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/adstitch/adstitch/adserver/origin"
	"github.com/adstitch/adstitch/manifest"
)

// Ad is an HLS ad known to the data plane: a fill ad, the slate, or (later)
// a campaign creative's rendered variant.
type Ad struct {
	ID         string // URL-safe, unique
	CreativeID string
	Campaign   string // reported under this campaign id
	Advertiser string

	Master  string // absolute URL of the ad's master playlist
	Variant string // the rendered variant it is ("" for HLS creatives and house ads)

	fromSnapshot bool // a campaign creative (replaced on every snapshot)
}

// adCatalog fetches ads' ladders (through the same allow-listed caches as
// content) and matches an ad rendition to each content rendition.
type adCatalog struct {
	// ads maps id -> *Ad. Fill ads and the slate are fixed; campaign
	// creatives come and go with control-plane snapshots.
	ads     atomic.Pointer[map[string]*Ad]
	masters *origin.Cache[*manifest.Master]
	medias  *origin.Cache[*manifest.Media]

	mu    sync.RWMutex
	match map[matchKey]*matchEntry
}

type matchKey struct {
	ad      string
	content string // content media playlist URL
}

type matchEntry struct {
	media *manifest.Media // the ad media it was compiled from
	rend  *manifest.AdRendition
	err   error
}

func newAdCatalog(masters *origin.Cache[*manifest.Master], medias *origin.Cache[*manifest.Media]) *adCatalog {
	c := &adCatalog{masters: masters, medias: medias, match: map[matchKey]*matchEntry{}}
	c.ads.Store(&map[string]*Ad{})
	return c
}

// get returns the ad with id, or nil.
func (c *adCatalog) get(id string) *Ad { return (*c.ads.Load())[id] }

// add registers ads (copy on write: readers never lock).
func (c *adCatalog) add(ads ...*Ad) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := *c.ads.Load()
	next := make(map[string]*Ad, len(old)+len(ads))
	for k, v := range old {
		next[k] = v
	}
	for _, a := range ads {
		next[a.ID] = a
	}
	c.ads.Store(&next)
}

// replaceCampaignAds swaps the campaign creatives for ads, keeping the ads
// that belong to no campaign snapshot (fill, slate).
func (c *adCatalog) replaceCampaignAds(ads []*Ad) {
	c.mu.Lock()
	defer c.mu.Unlock()
	next := make(map[string]*Ad, len(ads)+8)
	for k, v := range *c.ads.Load() {
		if !v.fromSnapshot {
			next[k] = v
		}
	}
	for _, a := range ads {
		a.fromSnapshot = true
		next[a.ID] = a
	}
	c.ads.Store(&next)
	// A creative may now point at other media: match again lazily.
	for k := range c.match {
		if old := next[k.ad]; old == nil || old.fromSnapshot {
			delete(c.match, k)
		}
	}
}

// contentInfo is what an ad rendition must match.
type contentInfo struct {
	URL        string
	Rendition  manifest.Rendition
	Target     int  // content EXT-X-TARGETDURATION
	Fragmented bool // content uses EXT-X-MAP
}

// rendition returns the ad's rendition matching the content, compiled. The
// answer is cached until the ad's media playlist is refetched.
func (c *adCatalog) rendition(ctx context.Context, adID string, ci *contentInfo) (*manifest.AdRendition, error) {
	key := matchKey{ad: adID, content: ci.URL}
	c.mu.RLock()
	e := c.match[key]
	c.mu.RUnlock()
	if e != nil && e.err == nil {
		// Cheap freshness check: the cache hands back the same *Media
		// pointer until it refetches.
		if r, err := c.medias.Get(ctx, e.media.URL); err == nil && r.Value == e.media {
			return e.rend, nil
		}
	}
	e = c.build(ctx, adID, ci)
	c.mu.Lock()
	c.match[key] = e
	c.mu.Unlock()
	return e.rend, e.err
}

func (c *adCatalog) build(ctx context.Context, adID string, ci *contentInfo) *matchEntry {
	ad := c.get(adID)
	if ad == nil {
		return &matchEntry{err: fmt.Errorf("unknown ad %q", adID)}
	}
	mr, err := c.masters.Get(ctx, ad.Master)
	if err != nil {
		return &matchEntry{err: fmt.Errorf("ad %s master: %w", adID, err)}
	}
	idx := bestRendition(mr.Value.Renditions, &ci.Rendition)
	if idx < 0 {
		return &matchEntry{err: fmt.Errorf("ad %s: no rendition matches %s", adID, ci.URL)}
	}
	ar := mr.Value.Renditions[idx]
	med, err := c.medias.Get(ctx, ar.URI)
	if err != nil {
		return &matchEntry{err: fmt.Errorf("ad %s rendition %d: %w", adID, idx, err)}
	}
	m := med.Value
	if len(m.Segments) == 0 {
		return &matchEntry{err: fmt.Errorf("ad %s rendition %d has no segments", adID, idx)}
	}
	rend := manifest.NewAdRendition(adID, ad.CreativeID, idx, m)
	// Never stitch what would break the player: segments longer than the
	// content's target duration, or a container change (TS vs fMP4).
	if int(math.Round(rend.MaxSegment)) > ci.Target {
		return &matchEntry{err: fmt.Errorf("ad %s: %.3f s segments exceed the content's target duration %d", adID, rend.MaxSegment, ci.Target)}
	}
	if rend.Fragmented() != ci.Fragmented {
		return &matchEntry{err: fmt.Errorf("ad %s: container (fMP4=%v) differs from the content (fMP4=%v)", adID, rend.Fragmented(), ci.Fragmented)}
	}
	return &matchEntry{media: m, rend: rend}
}

// bestRendition picks the ad rendition closest to the content rendition:
// same kind and media type, then same codecs family, then nearest height
// and bandwidth.
func bestRendition(ads []manifest.Rendition, content *manifest.Rendition) int {
	best, bestScore := -1, math.Inf(1)
	for i := range ads {
		a := &ads[i]
		if a.Kind == manifest.KindIFrame || content.Kind == manifest.KindIFrame {
			continue
		}
		if content.Kind == manifest.KindMedia {
			if a.Kind != manifest.KindMedia || a.Type != content.Type {
				continue
			}
		} else if a.Kind != manifest.KindVariant {
			continue
		}
		score := 0.0
		if codecFamily(a.Codecs) != codecFamily(content.Codecs) {
			score += 1e6
		}
		score += math.Abs(float64(a.Height-content.Height)) * 1000
		score += math.Abs(float64(a.Bandwidth-content.Bandwidth)) / 1000
		if a.Language != content.Language {
			score += 10
		}
		if score < bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// codecFamily reduces "avc1.64001f,mp4a.40.2" to "avc1,mp4a".
func codecFamily(codecs string) string {
	var out []string
	for _, c := range strings.Split(codecs, ",") {
		c = strings.TrimSpace(c)
		if i := strings.IndexByte(c, '.'); i >= 0 {
			c = c[:i]
		}
		if c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, ",")
}

// duration is the ad's length: the sum of its first variant's segments.
func (c *adCatalog) duration(ctx context.Context, adID string) (float64, error) {
	ad := c.get(adID)
	if ad == nil {
		return 0, fmt.Errorf("unknown ad %q", adID)
	}
	d, err := c.durationOf(ctx, ad.Master)
	if err != nil {
		return 0, fmt.Errorf("ad %s: %w", adID, err)
	}
	return d, nil
}

// durationOf is the length of the HLS ad at master: its first variant.
func (c *adCatalog) durationOf(ctx context.Context, master string) (float64, error) {
	mr, err := c.masters.Get(ctx, master)
	if err != nil {
		return 0, fmt.Errorf("master: %w", err)
	}
	for _, r := range mr.Value.Renditions {
		if r.Kind != manifest.KindVariant {
			continue
		}
		med, err := c.medias.Get(ctx, r.URI)
		if err != nil {
			return 0, fmt.Errorf("media: %w", err)
		}
		var d float64
		for i := range med.Value.Segments {
			d += med.Value.Segments[i].Duration
		}
		return d, nil
	}
	return 0, fmt.Errorf("%s has no variant", master)
}

// CheckCreativeHLS fetches a creative's HLS ad through the allow-listed
// caches and returns its duration: a creative that cannot be fetched or
// parsed is refused when it is saved, not discovered at stitch time.
func (s *Server) CheckCreativeHLS(ctx context.Context, master string) (float64, error) {
	d, err := s.ads.durationOf(ctx, master)
	if err != nil {
		return 0, err
	}
	if d <= 0 {
		return 0, fmt.Errorf("%s has no media", master)
	}
	return d, nil
}
