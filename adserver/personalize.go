package adserver

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/variants"
	"github.com/adstitch/adstitch/variants/render"
	"github.com/adstitch/adstitch/variants/template"
)

// VariantDeps let a server stitch creatives rendered from uploaded spots.
type VariantDeps struct {
	Service        *variants.Service
	Fonts          *template.Fonts
	DataDir        string // where uploaded spots and images are (variants.SpotFile)
	PrerenderLimit int    // variants queued per saved creative
}

// Variant choices, as the decision explanation shows them.
const (
	VariantExact    = "exact"            // the viewer's own variant
	VariantOther    = "fallback_variant" // another rendered variant that agrees on place and interest
	VariantBase     = "fallback_base"    // the spot rendered without personalization
	VariantUnplayed = "fallback_fill"    // nothing rendered yet: the time goes to fill
	VariantNoLadder = "ladder_unknown"   // the stream's ladder is still being probed
)

// VariantChoice is how one spot creative of a pod was personalized.
type VariantChoice struct {
	CreativeID string            `json:"creative_id"`
	Want       string            `json:"want"`              // the variant the viewer's context calls for
	Context    map[string]string `json:"context,omitempty"` // its values
	Got        string            `json:"got,omitempty"`     // the variant stitched, "" = none
	Choice     string            `json:"choice"`
}

// spotCreative is a campaign creative rendered from a spot.
type spotCreative struct {
	id, campaign, advertiser, spot string
	tmpl                           *template.Template // nil: the spot as it is
	tmplKey                        string             // content address of the template text
	targeting                      []byte             // the campaign's rule, for pre-rendering
}

// personalizer turns a spot creative and a viewer into the rendered
// variant to stitch, queueing what is missing. Decisions are cached per
// (session, break), so this runs once per viewer and break, not per
// playlist request.
type personalizer struct {
	svc     *variants.Service
	assets  template.Assets
	dataDir string
	limit   int
	ads     *adCatalog
	log     *slog.Logger
	ladders *ladders

	creatives atomic.Pointer[map[string]*spotCreative]

	mu          sync.Mutex
	prerendered map[string]bool // creative id + template key already queued
}

func newPersonalizer(d *VariantDeps, ads *adCatalog, l *ladders, log *slog.Logger) *personalizer {
	p := &personalizer{svc: d.Service, dataDir: d.DataDir, limit: d.PrerenderLimit, ads: ads, ladders: l, log: log,
		prerendered: map[string]bool{}}
	p.assets = template.Assets{Fonts: d.Fonts, EndCard: func(id string) (string, error) {
		return variants.ImageFile(d.DataDir, id), nil
	}}
	p.creatives.Store(&map[string]*spotCreative{})
	return p
}

// compile prepares a spot creative of campaign c.
func (p *personalizer) compile(c *campaign.Campaign, cr *campaign.Creative) (*spotCreative, error) {
	sc := &spotCreative{id: cr.ID, campaign: c.ID, advertiser: c.AdvertiserID, spot: cr.SpotID, targeting: c.Targeting}
	if len(cr.Template) > 0 && string(cr.Template) != "null" {
		t, err := template.Parse(cr.Template, p.assets.Fonts)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(cr.Template)
		sc.tmpl, sc.tmplKey = t, hex.EncodeToString(sum[:])
	}
	return sc, nil
}

// install makes scs the playable spot creatives and queues their
// pre-renders on streams.
func (p *personalizer) install(scs map[string]*spotCreative, streams []string) {
	p.creatives.Store(&scs)
	list := make([]*spotCreative, 0, len(scs))
	for _, sc := range scs {
		list = append(list, sc)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
	p.prerender(list, streams)
}

// isSpot reports whether creative id is rendered from a spot.
func (p *personalizer) isSpot(id string) bool { return (*p.creatives.Load())[id] != nil }

// choose returns the ad to stitch for spot creative id and a viewer on
// stream, and how it was chosen. adID "" means nothing is playable yet
// (the caller fills the time).
func (p *personalizer) choose(id, stream string, vc *campaign.Context) (adID string, ch VariantChoice) {
	ch.CreativeID = id
	sc := (*p.creatives.Load())[id]
	if sc == nil {
		return "", ch
	}
	lad, ok := p.ladders.get(stream)
	if !ok {
		ch.Choice = VariantNoLadder
		return "", ch
	}
	var vals template.Values
	if sc.tmpl != nil {
		vals = sc.tmpl.Values(vc)
	}
	ch.Context = vals.Map()
	key := variants.Key(sc.spot, sc.tmplKey, vals.Key(), lad.fingerprint)
	ch.Want = key
	if v, ok := p.svc.Ready(key); ok {
		return p.use(sc, v, &ch, VariantExact)
	}
	p.svc.Ensure(p.request(sc, stream, vals, lad, key, variants.High, false))
	if v, ok := p.bestFallback(sc, stream, ch.Context); ok {
		return p.use(sc, v, &ch, VariantOther)
	}
	baseKey := p.baseKey(sc, lad)
	if v, ok := p.svc.Ready(baseKey); ok {
		return p.use(sc, v, &ch, VariantBase)
	}
	p.svc.Ensure(p.request(sc, stream, nil, lad, baseKey, variants.High, true))
	ch.Choice = VariantUnplayed
	return "", ch
}

func (p *personalizer) baseKey(sc *spotCreative, lad *ladder) string {
	return variants.Key(sc.spot, "base", lad.fingerprint)
}

// use registers v as an ad (once) and returns it.
func (p *personalizer) use(sc *spotCreative, v variants.Variant, ch *VariantChoice, how string) (string, VariantChoice) {
	if p.ads.get(v.ID) == nil {
		p.ads.add(&Ad{ID: v.ID, CreativeID: sc.id, Campaign: sc.campaign, Advertiser: sc.advertiser, Master: v.MasterURL, Variant: v.ID})
	}
	ch.Got, ch.Choice = v.ID, how
	return v.ID, *ch
}

// place and interest must agree for a fallback: a viewer in Seville must
// not see "Hello Madrid"; a greeting for another time of day is fine.
var mustAgree = []string{"city", "region", "country", "interest"}

// bestFallback is the ready variant of the creative on the stream that
// agrees with want on place and interest and on most other values. It
// runs only when the viewer's own variant is not ready.
func (p *personalizer) bestFallback(sc *spotCreative, stream string, want map[string]string) (variants.Variant, bool) {
	var best variants.Variant
	bestScore := -1
	for _, v := range p.svc.List(sc.id) {
		if v.Status != variants.StatusReady || v.Base || v.Stream != stream || !agrees(v.Context, want) {
			continue
		}
		score := 0
		for k, x := range want {
			if v.Context[k] == x {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = v, score
		}
	}
	return best, bestScore >= 0
}

func agrees(got, want map[string]string) bool {
	for _, k := range mustAgree {
		if got[k] != want[k] {
			return false
		}
	}
	return true
}

// request is the render of one variant: the spot, personalized with vals
// (none for the base render), into the stream's ladder.
func (p *personalizer) request(sc *spotCreative, stream string, vals template.Values, lad *ladder, key string,
	prio variants.Priority, base bool) variants.Request {
	return variants.Request{
		Key: key, CreativeID: sc.id, Stream: stream, Context: vals.Map(), Base: base, Priority: prio,
		Render: func(ctx context.Context, dir string, progress func(float64)) (variants.Rendered, error) {
			job := &render.Job{Spot: variants.SpotFile(p.dataDir, sc.spot), Ladder: lad.ladder, Out: dir}
			if !base && sc.tmpl != nil {
				r, err := sc.tmpl.Resolve(vals, p.assets, lad.aspect)
				if err != nil {
					return variants.Rendered{}, err
				}
				r.Apply(job)
			}
			res, err := render.Render(ctx, job, progress)
			if err != nil {
				return variants.Rendered{}, err
			}
			return variants.Rendered{Duration: res.Duration}, nil
		},
	}
}
