//go:build !race

package decision_test

import (
	"testing"

	"github.com/adstitch/adstitch/adserver/decision"
)

// TestDecideAllocations is the hot-path budget over the benchmarks'
// mixes, tiered and flat: DecideInto allocates nothing once its Decision
// has grown; Decide allocates only the Decision it returns (the struct
// and its three slices). The pacing board is built before (by Update and
// the first decision at the requests' time).
func TestDecideAllocations(t *testing.T) {
	for _, tc := range []struct {
		name   string
		engine func(testing.TB) (*decision.Engine, []decision.Request)
	}{
		{"tiered", mixEngine},
		{"flat", flatEngine},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, rs := tc.engine(t)
			var d decision.Decision
			for i := range rs {
				e.DecideInto(&d, &rs[i]) // grow d and the pooled scratch
			}
			i := 0
			if n := testing.AllocsPerRun(2000, func() {
				e.DecideInto(&d, &rs[i%len(rs)])
				i++
			}); n != 0 {
				t.Errorf("DecideInto allocates %.2f times", n)
			}
			if n := testing.AllocsPerRun(2000, func() {
				e.Decide(&rs[i%len(rs)])
				i++
			}); n > 4 {
				t.Errorf("Decide allocates %.2f times, want at most 4", n)
			}
		})
	}
}

// TestMemoryCountersReadAllocations: reading counts allocates nothing.
func TestMemoryCountersReadAllocations(t *testing.T) {
	c := decision.NewMemoryCounters()
	record(t, c, []impressions{{campaign: "a", n: 3, viewer: viewer1, session: session1}})
	b := decision.Batch{Day: today, Viewer: viewer1, Session: session1, Items: []decision.BatchItem{
		{CampaignID: "a", Want: decision.WantTotal | decision.WantDay | decision.WantViewerDay | decision.WantSession},
		{CampaignID: "b", Want: decision.WantTotal | decision.WantSession},
	}}
	br := c.(decision.BatchReader)
	if n := testing.AllocsPerRun(500, func() {
		_ = br.ReadBatch(&b)
		c.CampaignTotal("a")
		c.CampaignDay("a", today)
		c.ViewerDay("a", viewer1, today)
		c.SessionCount("a", session1)
	}); n != 0 {
		t.Errorf("reads allocate %.2f times", n)
	}
	if b.Items[0].Total != 3 || b.Items[0].Session != 3 {
		t.Errorf("batch read %+v", b.Items[0])
	}
}
