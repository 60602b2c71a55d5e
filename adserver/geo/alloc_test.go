//go:build !race

package geo_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/geo"
	"github.com/adstitch/adstitch/adserver/geo/geotest"
)

// A warmed-up lookup (record cached) and an offset computation must not
// allocate: both run once per new viewer session.
func TestAllocs(t *testing.T) {
	db := openTestDB(t, geotest.SchemaGeoIP2City)
	hit := netip.MustParseAddr("198.51.100.7")
	miss := netip.MustParseAddr("10.1.1.1")
	db.Lookup(hit)
	now := time.Now()
	geo.UTCOffset("Europe/Madrid", now)
	cases := map[string]func(){
		"lookup hit":  func() { db.Lookup(hit) },
		"lookup miss": func() { db.Lookup(miss) },
		"utc offset":  func() { geo.UTCOffset("Europe/Madrid", now) },
	}
	for name, f := range cases {
		if n := testing.AllocsPerRun(200, f); n != 0 {
			t.Errorf("%s: %.1f allocs per run, want 0", name, n)
		}
	}
}
