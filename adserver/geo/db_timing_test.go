package geo_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/geo"
	"github.com/adstitch/adstitch/adserver/geo/geotest"
)

func BenchmarkLookup(b *testing.B) {
	for _, s := range schemas {
		b.Run(s.name, func(b *testing.B) {
			db := openTestDB(b, s.schema)
			ip := netip.MustParseAddr("203.0.113.9")
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, ok := db.Lookup(ip); !ok {
						b.Fatal("miss")
					}
				}
			})
		})
	}
}

func BenchmarkLookupMiss(b *testing.B) {
	db := openTestDB(b, geotest.SchemaGeoIP2City)
	ip := netip.MustParseAddr("10.9.8.7")
	b.ReportAllocs()
	for b.Loop() {
		db.Lookup(ip)
	}
}

func BenchmarkUTCOffset(b *testing.B) {
	now := time.Now()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			geo.UTCOffset("Europe/Madrid", now)
		}
	})
}
