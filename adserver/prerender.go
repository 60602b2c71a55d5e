package adserver

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/variants"
)

// prerender queues, at low priority, the variants a saved creative's
// targeting implies on every stream it may play on: the base render, and
// one variant per combination of the cities, regions, countries,
// dayparts, devices and interests its rule names (all four dayparts when
// the template greets and the rule does not restrict them), at most
// p.limit per creative. Each creative version is planned once.
func (p *personalizer) prerender(scs []*spotCreative, streams []string) {
	var todo []*spotCreative
	p.mu.Lock()
	for _, sc := range scs {
		k := sc.id + "/" + sc.tmplKey
		if !p.prerendered[k] {
			p.prerendered[k] = true
			todo = append(todo, sc)
		}
	}
	p.mu.Unlock()
	if len(todo) == 0 || p.limit <= 0 {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		for _, sc := range todo {
			p.prerenderOne(ctx, sc, streams)
		}
	}()
}

func (p *personalizer) prerenderOne(ctx context.Context, sc *spotCreative, streams []string) {
	implied := impliedValues(sc.targeting)
	if only := implied["stream"]; len(only) > 0 {
		streams = only
	}
	queued := 0
	for _, stream := range streams {
		lad, ok := p.ladders.wait(ctx, stream)
		if !ok {
			continue
		}
		if queued >= p.limit {
			return
		}
		p.svc.Ensure(p.request(sc, stream, nil, lad, p.baseKey(sc, lad), variants.Low, true))
		queued++
		if sc.tmpl == nil {
			continue
		}
		seen := map[string]bool{}
		for _, vc := range impliedContexts(implied, sc.tmpl.Variables()) {
			vals := sc.tmpl.Values(&vc)
			k := vals.Key()
			if seen[k] {
				continue
			}
			seen[k] = true
			if queued >= p.limit {
				return
			}
			p.svc.Ensure(p.request(sc, stream, vals, lad, variants.Key(sc.spot, sc.tmplKey, k, lad.fingerprint), variants.Low, false))
			queued++
		}
	}
}

// impliedValues collects, in their original case, the values a targeting
// rule lists for a field ("in" lists, and "any"/"all" of interests),
// outside any "not".
func impliedValues(raw []byte) map[string][]string {
	out := map[string][]string{}
	var tree any
	if len(raw) == 0 || json.Unmarshal(raw, &tree) != nil {
		return out
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for field, x := range v {
				switch field {
				case "not":
					continue
				case "all", "any":
					walk(x)
					continue
				}
				ops, _ := x.(map[string]any)
				for op, list := range ops {
					if op != "in" && op != "any" && op != "all" {
						continue
					}
					items, _ := list.([]any)
					for _, it := range items {
						if s, ok := it.(string); ok {
							out[field] = append(out[field], s)
						}
					}
				}
			}
		}
	}
	walk(tree)
	return out
}

// impliedContexts are the viewer contexts the variables used need to be
// covered: the product of the implied values of each used variable.
// Variables with no implied values (a city when the rule names none) are
// left to on-demand renders, except greetings and dayparts, which take
// all four dayparts.
func impliedContexts(implied map[string][]string, used []string) []campaign.Context {
	ctxs := []campaign.Context{{}}
	expand := func(values []string, set func(*campaign.Context, string)) {
		if len(values) == 0 {
			return
		}
		var next []campaign.Context
		for _, c := range ctxs {
			for _, v := range values {
				n := c
				set(&n, v)
				next = append(next, n)
			}
		}
		ctxs = next
	}
	for _, name := range used {
		switch name {
		case "city":
			expand(implied["city"], func(c *campaign.Context, v string) { c.City = v })
		case "region":
			expand(implied["region"], func(c *campaign.Context, v string) { c.Region = v })
		case "country":
			expand(implied["country"], func(c *campaign.Context, v string) { c.Country = v })
		case "device":
			expand(implied["device"], func(c *campaign.Context, v string) { c.Device = strings.ToLower(v) })
		case "interest":
			expand(implied["interests"], func(c *campaign.Context, v string) { c.Interests = []string{strings.ToLower(v)} })
		case "greeting", "daypart":
			parts := implied["daypart"]
			if len(parts) == 0 {
				parts = []string{"morning", "afternoon", "evening", "night"}
			}
			expand(parts, func(c *campaign.Context, v string) {
				c.Daypart = strings.ToLower(v)
				c.LocalHour = daypartHour(c.Daypart)
			})
		}
	}
	return ctxs
}

// daypartHour is an hour inside daypart, for variables derived from it.
func daypartHour(daypart string) int {
	for h := range 24 {
		if analytics.Daypart(h) == daypart {
			return h
		}
	}
	return 0
}
