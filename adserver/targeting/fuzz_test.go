package targeting_test

import (
	"encoding/json"
	"errors"
	"hash/fnv"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/targeting"
)

// FuzzParse: Parse never panics, errors name a path under "targeting",
// String() re-parses to an equal rule, and every context the rule matches
// is allowed by Satisfiable and filed under IndexKeys.
func FuzzParse(f *testing.F) {
	for _, tc := range casesRule {
		if len(tc.rule) <= maxSeed {
			f.Add([]byte(tc.rule))
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := targeting.Parse(raw)
		if err != nil {
			if !errors.Is(err, targeting.ErrInvalid) || !strings.HasPrefix(err.Error(), "targeting") {
				t.Fatalf("error %q: not a path error wrapping ErrInvalid", err)
			}
			return
		}
		s := r.String()
		again, err := targeting.Parse(json.RawMessage(s))
		if err != nil {
			t.Fatalf("String %s does not re-parse: %v", s, err)
		}
		if !reflect.DeepEqual(r, again) || again.String() != s {
			t.Fatalf("String %s re-parses to a different rule %s", s, again)
		}
		unsat := r.Satisfiable()
		keys := r.IndexKeys()
		for _, c := range probes(s) {
			if !r.Match(&c) {
				continue
			}
			if unsat != nil {
				t.Fatalf("%s matches %+v, yet Satisfiable says %v", s, c, unsat)
			}
			if f, v := missingKey(keys, &c); f != "" {
				t.Fatalf("%s matches %+v, but %s %q is not among its index keys %v", s, c, f, v, keys[f])
			}
		}
	})
}

// maxSeed leaves the limit cases (1000 nodes, 1000 values) out of the
// fuzz seeds: mutating them costs milliseconds per run and finds nothing
// the small rules do not.
const maxSeed = 4096

var (
	probeDevices = []string{"tv", "mobile", "desktop", "tablet", "console", "other"}
	probeDays    = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
)

// probes builds contexts from the strings and hours a canonical rule
// mentions, so that some of them match it. Devices stay within the closed
// set and dayparts follow the hour, as sessions build them.
func probes(canonical string) []campaign.Context {
	var tree any
	_ = json.Unmarshal([]byte(canonical), &tree)
	pool := []string{"zz-none"}
	hours := []int{0, 12}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case string:
			pool = append(pool, v)
		case float64:
			hours = append(hours, int(v))
		}
	}
	walk(tree)
	h := fnv.New64a()
	h.Write([]byte(canonical))
	rnd := rand.New(rand.NewPCG(h.Sum64(), 1))
	pick := func() string {
		v := pool[rnd.IntN(len(pool))]
		if rnd.IntN(4) == 0 {
			v = strings.ToUpper(v)
		}
		return v
	}
	out := make([]campaign.Context, 256)
	for i := range out {
		hour := hours[rnd.IntN(len(hours))]
		if rnd.IntN(3) == 0 || hour < 0 || hour > 23 {
			hour = rnd.IntN(24)
		}
		c := at(hour, time.Weekday(rnd.IntN(7)))
		for day, name := range probeDays {
			if strings.Contains(canonical, `"`+name+`"`) && rnd.IntN(3) == 0 {
				c.Weekday = time.Weekday(day)
			}
		}
		c.City, c.Region, c.Country = pick(), pick(), pick()
		c.Stream, c.Genre = pick(), pick()
		c.Device = probeDevices[rnd.IntN(len(probeDevices))]
		for n := rnd.IntN(4); n > 0; n-- {
			c.Interests = append(c.Interests, pick())
		}
		out[i] = c
	}
	return out
}
