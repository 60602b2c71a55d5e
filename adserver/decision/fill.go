package decision

// durationSlack absorbs float error when summing spot lengths (1 ms).
const durationSlack = 0.001

// candidate is an eligible campaign of one priority tier with its sort
// keys.
type candidate struct {
	pos    int32
	asap   bool
	behind float64 // pacing: fraction of target owed to the schedule
	rank   uint64  // hash of (session, break, campaign): the tie-break
}

// before is the fill order within a priority tier: asap before even, then
// furthest behind schedule, then the deterministic hash, then the position
// (ids are unique, so the order is total).
func (a *candidate) before(b *candidate) bool {
	if a.asap != b.asap {
		return a.asap
	}
	if a.behind != b.behind {
		return a.behind > b.behind
	}
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	return a.pos < b.pos
}

// fill takes a tier's candidates in order while something may still fit
// what remains of the break. Only the few campaigns a pod holds are ever
// taken, so the candidates form a heap (built in O(n)) rather than being
// sorted.
func (sc *scratch) fill(s *Snapshot, seed uint64, remaining, filled, minDur float64) (float64, float64) {
	h := sc.elig
	for i := len(h)/2 - 1; i >= 0; i-- {
		siftDown(h, i)
	}
	for len(h) > 0 && minDur <= remaining+durationSlack {
		top := h[0]
		h[0] = h[len(h)-1]
		h = h[:len(h)-1]
		siftDown(h, 0)
		c := &s.campaigns[top.pos]
		if contains(sc.podAdv, c.advertiser) {
			sc.reject(c, ReasonAdvertiserInPod)
			continue
		}
		if c.categoryIdx >= 0 && contains(sc.podCat, c.categoryIdx) {
			sc.reject(c, ReasonCategoryInPod)
			continue
		}
		cr := c.creativeFor(seed, remaining)
		if cr == nil {
			sc.reject(c, ReasonTooLong)
			continue
		}
		sc.picks = append(sc.picks, Pick{
			CampaignID:   c.id,
			AdvertiserID: c.advertiserID,
			CreativeID:   cr.id,
			Duration:     cr.dur,
			Priority:     c.priority,
		})
		sc.podAdv = append(sc.podAdv, c.advertiser)
		if c.categoryIdx >= 0 {
			sc.podCat = append(sc.podCat, c.categoryIdx)
		}
		remaining -= cr.dur
		filled += cr.dur
	}
	return remaining, filled
}

func siftDown(h []candidate, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		best := l
		if r := l + 1; r < len(h) && h[r].before(&h[l]) {
			best = r
		}
		if !h[best].before(&h[i]) {
			return
		}
		h[i], h[best] = h[best], h[i]
		i = best
	}
}

func contains(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// creativeFor is the longest creative that fits remaining, the best fill;
// among creatives of that length, the one the (session, break) seed ranks
// first, so viewers rotate through equal alternatives.
func (c *compiled) creativeFor(seed uint64, remaining float64) *creative {
	for i := range c.creatives {
		if c.creatives[i].dur > remaining+durationSlack {
			continue
		}
		best, bestRank := i, mix(seed^c.creatives[i].hash)
		for j := i + 1; j < len(c.creatives) && c.creatives[j].dur == c.creatives[i].dur; j++ {
			if r := mix(seed ^ c.creatives[j].hash); r < bestRank {
				best, bestRank = j, r
			}
		}
		return &c.creatives[best]
	}
	return nil
}
