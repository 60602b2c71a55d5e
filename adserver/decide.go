package adserver

import (
	"context"
	"hash/fnv"
	"log/slog"
	"sort"
	"sync"

	"github.com/adstitch/adstitch/adserver/decision"
	"github.com/adstitch/adstitch/adserver/session"
)

// Avail is a break offered to the decision: which stream, which break, how long.
type Avail struct {
	Stream   string
	BreakID  string
	Duration float64 // seconds a pod may fill
}

// Decision is the ads chosen for one session in one avail, in play order.
// Decisions are immutable and shared.
type Decision struct {
	Ads []string // ad ids
	// Explanation is the campaign engine's account (eligible, rejected and
	// why), nil for house-only decisions.
	Explanation *decision.Decision
	// ThirdParty holds the beacons external ad servers gave for this
	// viewer's ads (by ad id), fired when ours are.
	ThirdParty map[string]*thirdParty
	// Variants says, for each creative rendered from a spot, which
	// variant the viewer's context called for and which one plays.
	Variants []VariantChoice
}

// Decider chooses ads. It must be deterministic for (session, avail) so a
// session sees the same pod on every refresh and every instance.
type Decider interface {
	Decide(ctx context.Context, s *session.Context, a Avail) *Decision
}

// FillDecider fills breaks from the configured house ads: the subset that
// covers the break most fully, ordered and tie-broken by a hash of the
// session and break so viewers see variety while every refresh agrees.
type FillDecider struct {
	Ads     []string // fill ad ids
	Catalog *adCatalog
	Log     *slog.Logger
}

func (f *FillDecider) Decide(ctx context.Context, s *session.Context, a Avail) *Decision {
	type cand struct {
		id   string
		dur  float64
		rank uint64
	}
	var cands []cand
	for _, id := range f.Ads {
		d, err := f.Catalog.duration(ctx, id)
		if err != nil {
			f.Log.Warn("fill ad unavailable", "ad", id, "err", err)
			continue
		}
		if d > 0 && d <= a.Duration+0.05 {
			cands = append(cands, cand{id: id, dur: d, rank: rank(s.ID, a.BreakID, id)})
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].rank < cands[j].rank })
	if len(cands) > 16 {
		cands = cands[:16] // bound the subset search; the rank keeps it fair
	}
	// Exhaustive subset search over at most 2^16 sets: the fullest cover
	// wins, then the fewest ads, then the lowest ranks.
	best, bestDur, bestN := 0, -1.0, 0
	for set := 0; set < 1<<len(cands); set++ {
		var d float64
		n := 0
		for i := range cands {
			if set&(1<<i) != 0 {
				d += cands[i].dur
				n++
			}
		}
		if d > a.Duration+0.05 {
			continue
		}
		if d > bestDur+0.001 || (d > bestDur-0.001 && n < bestN) {
			best, bestDur, bestN = set, d, n
		}
	}
	dec := &Decision{}
	for i := range cands {
		if best&(1<<i) != 0 {
			dec.Ads = append(dec.Ads, cands[i].id)
		}
	}
	return dec
}

func rank(session [16]byte, breakID, ad string) uint64 {
	h := fnv.New64a()
	h.Write(session[:])
	h.Write([]byte(breakID))
	h.Write([]byte{0})
	h.Write([]byte(ad))
	return h.Sum64()
}

// decisionCache keeps decisions in process: two generations, so hot entries
// survive a rotation and memory stays bounded without per-entry bookkeeping.
type decisionCache struct {
	mu       sync.RWMutex
	cur, old map[decisionKey]*Decision
	limit    int
}

type decisionKey struct {
	session [16]byte
	breakID string
}

func newDecisionCache(limit int) *decisionCache {
	return &decisionCache{cur: map[decisionKey]*Decision{}, old: map[decisionKey]*Decision{}, limit: limit}
}

func (c *decisionCache) get(k decisionKey) *Decision {
	c.mu.RLock()
	d := c.cur[k]
	if d == nil {
		d = c.old[k]
	}
	c.mu.RUnlock()
	return d
}

func (c *decisionCache) put(k decisionKey, d *Decision) {
	c.mu.Lock()
	if len(c.cur) >= c.limit {
		c.old, c.cur = c.cur, make(map[decisionKey]*Decision, c.limit)
	}
	c.cur[k] = d
	c.mu.Unlock()
}
