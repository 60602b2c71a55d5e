package decision

// durationSlack absorbs float error when summing spot lengths (1 ms).
const durationSlack = 0.001

// fill takes a batch's eligible campaigns (positions, in fill order)
// while something may still fit what remains of the break: minDur is the
// shortest creative among them. A campaign passed over is rejected for
// its advertiser or category already in the pod, or as too long for what
// is left.
func (sc *scratch) fill(s *Snapshot, seed uint64, remaining, filled, minDur float64) (float64, float64) {
	for _, pos := range sc.elig {
		if minDur > remaining+durationSlack {
			break
		}
		c := &s.campaigns[pos]
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
