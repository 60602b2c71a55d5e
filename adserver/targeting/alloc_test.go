//go:build !race

package targeting_test

import (
	"strings"
	"testing"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/targeting"
)

// Match runs per candidate campaign per break: it must not allocate, also
// when it folds mixed-case or non-ASCII context values.
func TestMatchAllocs(t *testing.T) {
	realistic := mustParse(t, realisticRule)
	cases := []struct {
		name string
		rule *targeting.Rule
		ctx  campaign.Context
	}{
		{"realistic hit", realistic, madrid()},
		{"realistic miss", realistic, interests("running", "gambling")},
		{"indexed non-ASCII", realistic, with(func(c *campaign.Context) { c.City = "MÁLAGA" })},
		{"indexed too long for the stack buffer", realistic, city(strings.Repeat("Ä", 200))},
		{"interests all", mustParse(t, `{"interests":{"all":["football","running"]}}`), madrid()},
		{"no targeting", nil, madrid()},
	}
	for _, tc := range cases {
		c := tc.ctx
		if n := testing.AllocsPerRun(200, func() { tc.rule.Match(&c) }); n != 0 {
			t.Errorf("%s: %.1f allocs per Match, want 0", tc.name, n)
		}
	}
	if n := testing.AllocsPerRun(200, func() { realistic.Match(nil) }); n != 0 {
		t.Errorf("nil context: %.1f allocs per Match, want 0", n)
	}
	if !realistic.Match(&cases[2].ctx) {
		t.Error("MÁLAGA does not match the indexed city málaga")
	}
}
