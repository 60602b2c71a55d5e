package geo

import (
	"net/netip"
	"path/filepath"
	"testing"

	"github.com/oschwald/maxminddb-golang/v2"

	"github.com/adstitch/adstitch/adserver/geo/geotest"
)

// BenchmarkDecodeRecord measures the uncached path: decoding one record of
// each schema with the custom unmarshaler.
func BenchmarkDecodeRecord(b *testing.B) {
	for _, schema := range []geotest.Schema{geotest.SchemaGeoIP2City, geotest.SchemaDBIPCity} {
		b.Run(map[geotest.Schema]string{geotest.SchemaGeoIP2City: "geoip2", geotest.SchemaDBIPCity: "dbip"}[schema], func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "city.mmdb")
			if err := geotest.WriteCityDB(path, geotest.Sample(), schema); err != nil {
				b.Fatal(err)
			}
			r, err := maxminddb.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			defer r.Close()
			res := r.Lookup(netip.MustParseAddr("198.51.100.1"))
			b.ReportAllocs()
			for b.Loop() {
				var rec record
				if err := res.Decode(&rec); err != nil || rec.loc.City != "Madrid" {
					b.Fatalf("decode: %v %+v", err, rec.loc)
				}
			}
		})
	}
}
