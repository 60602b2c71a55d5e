package decision

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/targeting"
)

// ErrInvalidCampaign wraps every reason Compile refuses a campaign list.
var ErrInvalidCampaign = errors.New("invalid campaign")

// Snapshot is a compiled, immutable campaign set: rules parsed, creatives
// sorted, the index built. Safe for any number of concurrent Decides.
type Snapshot struct {
	Version int64

	// campaigns are in fill order of priority (descending), then id; a
	// campaign's position is its handle everywhere else.
	campaigns []compiled
	index     index
}

// Len is the number of campaigns in the snapshot.
func (s *Snapshot) Len() int { return len(s.campaigns) }

// compiled is one campaign as the hot path reads it.
type compiled struct {
	id, advertiserID, category string
	advertiser, categoryIdx    int32           // interned; categoryIdx -1 = none
	rule                       *targeting.Rule // nil = everyone
	ruleIndexed                bool            // the index constraints are the whole rule: skip Match
	constraints                span            // in the index arena
	start, end                 int64           // flight, unix ns, [start, end)
	priority                   int
	paused, even               bool
	goal, dailyCap             int64
	perDay, perSession         int64
	idHash                     uint64
	minDur                     float64    // shortest usable creative, 0 = none
	creatives                  []creative // longest first
}

type creative struct {
	id   string
	dur  float64
	hash uint64
}

// Compile parses and indexes cs. Campaigns are copied; cs is not retained.
// The whole list is refused when one campaign is bad (the error names it):
// a half-compiled snapshot would silently drop a marketer's campaign.
func Compile(version int64, cs []campaign.Campaign) (*Snapshot, error) {
	s := &Snapshot{Version: version, campaigns: make([]compiled, len(cs))}
	advertisers := map[string]int32{}
	categories := map[string]int32{}
	keys := make([]map[string][]string, len(cs))
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(cs[a].ID, cs[b].ID) })
	for k := 1; k < len(order); k++ {
		if id := cs[order[k]].ID; id == cs[order[k-1]].ID {
			return nil, fmt.Errorf("campaign %q: %w: duplicate id", id, ErrInvalidCampaign)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(effectivePriority(&cs[b]), effectivePriority(&cs[a])) })
	for pos, i := range order {
		c := &cs[i]
		cc, err := compileCampaign(c)
		if err != nil {
			return nil, fmt.Errorf("campaign %q: %w", c.ID, err)
		}
		cc.advertiser = intern(advertisers, c.AdvertiserID)
		cc.categoryIdx = -1
		if c.Category != "" {
			cc.categoryIdx = intern(categories, c.Category)
		}
		if cc.rule != nil {
			keys[pos] = cc.rule.IndexKeys()
			cc.ruleIndexed = indexedOnly(cc.rule)
		}
		s.campaigns[pos] = cc
	}
	var spans []span
	s.index, spans = buildIndex(keys)
	for pos := range s.campaigns {
		s.campaigns[pos].constraints = spans[pos]
	}
	return s, nil
}

// effectivePriority is the priority Compile gives c: 0 means the default.
func effectivePriority(c *campaign.Campaign) int {
	if c.Priority == 0 {
		return defaultPriority
	}
	return c.Priority
}

const defaultPriority = 5

func intern(m map[string]int32, s string) int32 {
	if i, ok := m[s]; ok {
		return i
	}
	i := int32(len(m))
	m[s] = i
	return i
}

func compileCampaign(c *campaign.Campaign) (compiled, error) {
	cc := compiled{
		id:           c.ID,
		advertiserID: c.AdvertiserID,
		category:     c.Category,
		start:        math.MinInt64,
		end:          math.MaxInt64,
		priority:     effectivePriority(c),
		goal:         c.ImpressionGoal,
		dailyCap:     c.DailyCap,
		perDay:       int64(c.FrequencyCap.PerDay),
		perSession:   int64(c.FrequencyCap.PerSession),
		idHash:       fnvString(fnvOffset, c.ID),
	}
	if c.ID == "" {
		return cc, fmt.Errorf("%w: empty id", ErrInvalidCampaign)
	}
	switch c.Status {
	case "", campaign.StatusActive:
	case campaign.StatusPaused:
		cc.paused = true
	default:
		return cc, fmt.Errorf("%w: unknown status %q", ErrInvalidCampaign, c.Status)
	}
	switch c.Pacing {
	case "", campaign.PacingEven:
		cc.even = true
	case campaign.PacingASAP:
	default:
		return cc, fmt.Errorf("%w: unknown pacing %q", ErrInvalidCampaign, c.Pacing)
	}
	if c.ImpressionGoal < 0 || c.DailyCap < 0 || c.FrequencyCap.PerDay < 0 || c.FrequencyCap.PerSession < 0 {
		return cc, fmt.Errorf("%w: negative goal or cap", ErrInvalidCampaign)
	}
	// A zero bound is an open flight end; the control plane requires both,
	// but a compiled snapshot must not make such a campaign unreachable.
	if !c.Start.IsZero() {
		cc.start = c.Start.UnixNano()
	}
	if !c.End.IsZero() {
		cc.end = c.End.UnixNano()
	}
	if cc.end <= cc.start {
		return cc, fmt.Errorf("%w: flight ends before it starts", ErrInvalidCampaign)
	}
	if !isNullRule(c.Targeting) {
		r, err := targeting.Parse(c.Targeting)
		if err != nil {
			return cc, err
		}
		cc.rule = r
	}
	for _, cr := range c.Creatives {
		// Unknown (unprobed) or nonsensical lengths cannot be placed in a
		// pod; the campaign is rejected as too_long until they are probed.
		if cr.Duration > 0 && !math.IsInf(cr.Duration, 0) {
			cc.creatives = append(cc.creatives, creative{id: cr.ID, dur: cr.Duration, hash: fnvString(fnvOffset, cr.ID)})
		}
	}
	slices.SortFunc(cc.creatives, func(a, b creative) int {
		if c := cmp.Compare(b.dur, a.dur); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	if n := len(cc.creatives); n > 0 {
		cc.minDur = cc.creatives[n-1].dur
	}
	return cc, nil
}

// isNullRule: no targeting means everyone, without a rule to evaluate.
func isNullRule(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}
