package adserver

import (
	"reflect"
	"testing"

	"github.com/adstitch/adstitch/variants/template"
)

// The variants a campaign pre-renders come from what its rule names, in
// the rule's own case, never from what it excludes.
func TestImpliedVariants(t *testing.T) {
	cases := []struct {
		name, rule, tmpl string
		want             []map[string]string
	}{
		{"cities", `{"city":{"in":["Madrid","Barcelona"]}}`, `{"text":[{"value":"Hello {city}!"}]}`,
			[]map[string]string{{"city": "Madrid"}, {"city": "Barcelona"}}},
		{"cities inside all, not excluded ones", `{"all":[{"city":{"in":["Madrid"]}},{"not":{"city":{"in":["Paris"]}}}]}`,
			`{"text":[{"value":"Hello {city}!"}]}`, []map[string]string{{"city": "Madrid"}}},
		{"greeting takes every daypart", `{"city":{"in":["Madrid"]}}`, `{"voice":"Good {greeting} from {city}"}`,
			[]map[string]string{{"city": "Madrid", "greeting": "morning"}, {"city": "Madrid", "greeting": "afternoon"},
				{"city": "Madrid", "greeting": "evening"}}},
		{"dayparts the rule names", `{"daypart":{"in":["morning"]}}`, `{"voice":"Good {greeting}"}`,
			[]map[string]string{{"greeting": "morning"}}},
		{"interests", `{"interests":{"any":["Running","tennis"]}}`, `{"voice":"For {interest} fans"}`,
			[]map[string]string{{"interest": "running"}, {"interest": "tennis"}}},
		{"a city the rule does not name waits for a viewer", `{"device":{"in":["tv"]}}`, `{"text":[{"value":"Hello {city}!"}]}`,
			[]map[string]string{{"city": ""}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tpl, err := template.Parse([]byte(tc.tmpl), nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []map[string]string
			seen := map[string]bool{}
			for _, c := range impliedContexts(impliedValues([]byte(tc.rule)), tpl.Variables()) {
				v := tpl.Values(&c)
				if !seen[v.Key()] {
					seen[v.Key()] = true
					got = append(got, v.Map())
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}
