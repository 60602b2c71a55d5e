package decision_test

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/decision"
)

// The benchmark's world: 5 countries of 4 regions of 10 cities (200
// cities), 30 interests, 10 streams in 5 genres.
const (
	mixCountries = 5
	mixRegions   = 4 * mixCountries
	mixCities    = 10 * mixRegions
	mixInterests = 30
	mixStreams   = 10
)

var (
	mixDayparts = []string{"morning", "afternoon", "evening", "night"}
	mixDevices  = []string{"tv", "mobile", "desktop", "tablet", "console", "other"}
)

func mixCity(i int) string     { return "City " + strconv.Itoa(i) }
func mixRegion(i int) string   { return "Region " + strconv.Itoa(i) }
func mixCountry(i int) string  { return "C" + strconv.Itoa(i) }
func mixInterest(i int) string { return "interest" + strconv.Itoa(i) }
func mixStream(i int) string   { return "stream" + strconv.Itoa(i) }
func mixGenre(i int) string    { return "genre" + strconv.Itoa(i%5) }

// mixCampaigns is n active campaigns in a realistic mix of rules:
//
//	60% city (1-3 of 200 cities)   20% region (1 of 20)
//	10% country (1 of 5)            5% stream or genre
//	 5% no geo: device, daypart and interest rules only
//
// and, on top of the geo part, half restrict dayparts, a third devices, a
// fifth interests. 70% have a goal, 30% a daily cap, half
// a frequency cap, a quarter asap, a third a competitive category; one to
// three creatives of 10, 15, 20 or 30 s; 2,000 advertisers. Priorities:
// 5% sponsorships at 10, 15% at 8, half at the default 5, 20% at 3, 10%
// remnant at 1.
func mixCampaigns(n int, seed uint64) []campaign.Campaign {
	rng := rand.New(rand.NewPCG(seed, 1))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cs := make([]campaign.Campaign, n)
	for i := range cs {
		c := campaign.Campaign{
			ID:           "cmp" + strconv.Itoa(i),
			AdvertiserID: "adv" + strconv.Itoa(rng.IntN(2000)),
			Status:       campaign.StatusActive,
			Start:        start,
			End:          start.AddDate(1, 0, 0),
			Priority:     mixPriority(rng.IntN(100)),
			Pacing:       campaign.PacingEven,
		}
		if rng.IntN(4) == 0 {
			c.Pacing = campaign.PacingASAP
		}
		if rng.IntN(10) < 7 {
			c.ImpressionGoal = int64(1000 + rng.IntN(1000000))
		}
		if rng.IntN(10) < 3 {
			c.DailyCap = int64(100 + rng.IntN(10000))
		}
		if rng.IntN(2) == 0 {
			c.FrequencyCap = campaign.FrequencyCap{PerDay: 1 + rng.IntN(5), PerSession: 1 + rng.IntN(2)}
		}
		if rng.IntN(3) == 0 {
			c.Category = "cat" + strconv.Itoa(rng.IntN(20))
		}
		for k := range 1 + rng.IntN(3) {
			c.Creatives = append(c.Creatives, campaign.Creative{
				ID:       c.ID + "-" + strconv.Itoa(k),
				Duration: []float64{10, 15, 20, 30}[rng.IntN(4)],
			})
		}
		c.Targeting = mixRule(rng)
		cs[i] = c
	}
	return cs
}

func mixPriority(p int) int {
	switch {
	case p < 5:
		return 10
	case p < 20:
		return 8
	case p < 70:
		return 5
	case p < 90:
		return 3
	}
	return 1
}

func mixRule(rng *rand.Rand) json.RawMessage {
	var all []string
	in := func(field string, vals ...string) string {
		b, _ := json.Marshal(map[string]map[string][]string{field: {"in": vals}})
		return string(b)
	}
	pick := func(n, of int, name func(int) string) []string {
		var out []string
		for _, i := range rng.Perm(of)[:n] {
			out = append(out, name(i))
		}
		return out
	}
	switch p := rng.IntN(100); {
	case p < 60:
		all = append(all, in("city", pick(1+rng.IntN(3), mixCities, mixCity)...))
	case p < 80:
		all = append(all, in("region", mixRegion(rng.IntN(mixRegions))))
	case p < 90:
		all = append(all, in("country", mixCountry(rng.IntN(mixCountries))))
	case p < 95:
		if rng.IntN(2) == 0 {
			all = append(all, in("stream", mixStream(rng.IntN(mixStreams))))
		} else {
			all = append(all, in("genre", mixGenre(rng.IntN(5))))
		}
	}
	if rng.IntN(2) == 0 {
		all = append(all, in("daypart", pick(1+rng.IntN(2), 4, func(i int) string { return mixDayparts[i] })...))
	}
	if rng.IntN(3) == 0 {
		all = append(all, in("device", pick(1+rng.IntN(2), 6, func(i int) string { return mixDevices[i] })...))
	}
	if rng.IntN(5) == 0 {
		b, _ := json.Marshal(map[string]map[string][]string{"interests": {"any": pick(1+rng.IntN(3), mixInterests, mixInterest)}})
		all = append(all, string(b))
	}
	switch len(all) {
	case 0:
		return nil
	case 1:
		return json.RawMessage(all[0])
	}
	return json.RawMessage(`{"all":[` + strings.Join(all, ",") + `]}`)
}

// mixRequests is n requests from viewers spread over the world, a 30, 60
// or 90 s break each, at noon UTC.
func mixRequests(n int, seed uint64) []decision.Request {
	rng := rand.New(rand.NewPCG(seed, 2))
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	rs := make([]decision.Request, n)
	for i := range rs {
		city := rng.IntN(mixCities)
		region := city / 10
		hour := rng.IntN(24)
		stream := rng.IntN(mixStreams)
		ctx := &campaign.Context{
			LocalHour: hour,
			Weekday:   time.Tuesday,
			Daypart:   daypart(hour),
			Country:   mixCountry(region / 4),
			Region:    mixRegion(region),
			City:      mixCity(city),
			Device:    mixDevices[rng.IntN(len(mixDevices))],
			Stream:    mixStream(stream),
			Genre:     mixGenre(stream),
		}
		for range rng.IntN(4) {
			ctx.Interests = append(ctx.Interests, mixInterest(rng.IntN(mixInterests)))
		}
		r := decision.Request{BreakID: "break" + strconv.Itoa(rng.IntN(100)), Duration: float64(30 * (1 + rng.IntN(3))), Context: ctx, Now: now}
		binaryPut(&r.Session, rng.Uint64(), rng.Uint64())
		binaryPut(&r.Viewer, rng.Uint64(), rng.Uint64())
		rs[i] = r
	}
	return rs
}

// mixCounts records some delivery so that caps and pacing have counts to
// read: for each campaign up to 20 impressions today, spread over the
// requests' viewers and sessions.
func mixCounts(c decision.Counters, cs []campaign.Campaign, rs []decision.Request, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 3))
	at := time.Date(2026, 3, 10, 11, 0, 0, 0, time.UTC)
	for _, cp := range cs {
		for range rng.IntN(20) {
			r := &rs[rng.IntN(len(rs))]
			_ = c.RecordImpression(cp.ID, r.Viewer, r.Session, at)
		}
	}
}

func daypart(h int) string {
	switch {
	case h >= 5 && h < 12:
		return "morning"
	case h >= 12 && h < 17:
		return "afternoon"
	case h >= 17 && h < 22:
		return "evening"
	}
	return "night"
}

func binaryPut(b *[16]byte, hi, lo uint64) {
	for i := range 8 {
		b[i] = byte(hi >> (8 * i))
		b[8+i] = byte(lo >> (8 * i))
	}
}
