package adserver

import (
	"context"
	"fmt"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/decision"
	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/manifest"
)

// CampaignDecider fills a break with marketers' campaigns first (the
// decision engine), then tops it up with house ads.
type CampaignDecider struct {
	Engine *decision.Engine
	Fill   Decider
	Genres map[string]string // stream id -> genre
	Now    func() time.Time

	personalize *personalizer // nil: spot creatives are not played
}

func (d *CampaignDecider) Decide(ctx context.Context, s *session.Context, a Avail) *Decision {
	now := d.Now()
	vc := ViewerContext(s, d.Genres[a.Stream], now)
	res := d.Engine.Decide(&decision.Request{
		Session: s.ID, Viewer: s.Viewer, BreakID: a.BreakID, Duration: a.Duration, Context: &vc, Now: now,
	})
	dec := &Decision{Explanation: res}
	filled := res.Filled
	for _, p := range res.Picks {
		if d.personalize == nil || !d.personalize.isSpot(p.CreativeID) {
			dec.Ads = append(dec.Ads, p.CreativeID)
			continue
		}
		id, ch := d.personalize.choose(p.CreativeID, a.Stream, &vc)
		dec.Variants = append(dec.Variants, ch)
		if id == "" { // nothing rendered yet: fill the time
			filled -= p.Duration
			continue
		}
		dec.Ads = append(dec.Ads, id)
	}
	if rest := a.Duration - filled; rest >= 1 {
		fill := d.Fill.Decide(ctx, s, Avail{Stream: a.Stream, BreakID: a.BreakID, Duration: rest})
		dec.Ads = append(dec.Ads, fill.Ads...)
	}
	return dec
}

// ViewerContext is what targeting rules see of a session at now: local
// time from its UTC offset, geo, interests, device and the stream.
func ViewerContext(s *session.Context, genre string, now time.Time) campaign.Context {
	local := now.UTC().Add(time.Duration(s.UTCOffset) * time.Minute)
	return campaign.Context{
		LocalHour: local.Hour(), Weekday: local.Weekday(), Daypart: analytics.Daypart(local.Hour()),
		Country: s.Country, Region: s.Region, City: s.City, Interests: s.Interests,
		Device: s.Device, Stream: s.Stream, Genre: genre,
	}
}

// ApplySnapshot installs a control-plane snapshot: the decision engine's
// campaigns and the creatives the catalog may stitch.
func (s *Server) ApplySnapshot(version int64, cs []campaign.Campaign) error {
	if s.engine == nil {
		return fmt.Errorf("this server has no decision engine")
	}
	snap, err := decision.Compile(version, cs)
	if err != nil {
		return fmt.Errorf("compile snapshot %d: %w", version, err)
	}
	var ads []*Ad
	spots := map[string]*spotCreative{}
	for i := range cs {
		c := &cs[i]
		for _, cr := range c.Creatives {
			switch {
			case cr.HLS != "":
				ads = append(ads, &Ad{ID: cr.ID, CreativeID: cr.ID, Campaign: c.ID, Advertiser: c.AdvertiserID, Master: cr.HLS})
			case cr.SpotID != "" && s.personalize != nil:
				sc, err := s.personalize.compile(c, &cr)
				if err != nil { // the control plane checked it: fonts differ on this machine?
					s.log.Error("spot creative not playable here", "creative", cr.ID, "err", err)
					continue
				}
				spots[cr.ID] = sc
			}
		}
	}
	s.ads.replaceCampaignAds(ads)
	if s.personalize != nil {
		s.personalize.install(spots, s.streamIDs())
	}
	s.engine.Update(snap)
	s.log.Info("campaign snapshot applied", "version", version, "campaigns", len(cs), "creatives", len(ads), "spot_creatives", len(spots))
	return nil
}

// countImpression feeds frequency caps, goals and pacing.
func (s *Server) countImpression(c *session.Context, adID string) {
	if s.engine == nil {
		return
	}
	ad := s.ads.get(adID)
	if ad == nil || ad.Campaign == "" || ad.Campaign == HouseCampaign {
		return
	}
	if err := s.engine.Counters().RecordImpression(ad.Campaign, c.Viewer, c.ID, s.now()); err != nil {
		s.throttle.warn(s.log, "counters", "impression not counted for caps", "campaign", ad.Campaign, "err", err)
	}
}

// decisionsView is one avail's decision, readable by a person.
type decisionsView struct {
	SessionID string          `json:"session_id"`
	Context   viewerView      `json:"context"`
	Avails    []availDecision `json:"avails"`
}

type availDecision struct {
	AvailID  string               `json:"avail_id"`
	Duration float64              `json:"duration"`
	Version  int64                `json:"snapshot_version"`
	Ads      []string             `json:"ads"`
	Picks    []decision.Pick      `json:"picks"`
	Eligible []string             `json:"eligible"`
	Rejected []decision.Rejection `json:"rejected"`
	Variants []VariantChoice      `json:"variants,omitempty"`
	Skipped  int                  `json:"skipped"` // campaigns not evaluated: the pod was full for them
}

// sessionDecisions is the explanation of every break of the session's
// current window t: which campaigns were eligible, which were rejected and
// why, and what the pod holds.
func (s *Server) sessionDecisions(st *reqState, str *stream, t *manifest.Template, token string) *decisionsView {
	view := &decisionsView{SessionID: token, Context: s.viewerView(&st.sess), Avails: []availDecision{}}
	for _, b := range t.Breaks() {
		dec := s.decisionFor(reqContext, st, str.id, b.ID, b.Duration)
		av := availDecision{AvailID: b.ID, Duration: b.Duration, Ads: dec.Ads,
			Picks: []decision.Pick{}, Eligible: []string{}, Rejected: []decision.Rejection{}}
		if e := dec.Explanation; e != nil {
			av.Version = e.Version
			av.Picks = append(av.Picks, e.Picks...)
			av.Eligible = append(av.Eligible, e.Eligible...)
			av.Rejected = append(av.Rejected, e.Rejected...)
			av.Skipped = e.Skipped
		}
		av.Variants = dec.Variants
		view.Avails = append(view.Avails, av)
	}
	return view
}
