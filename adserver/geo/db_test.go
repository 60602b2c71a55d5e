package geo_test

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adstitch/adstitch/adserver/geo"
	"github.com/adstitch/adstitch/adserver/geo/geotest"
)

var (
	madrid    = geo.Location{Country: "ES", Region: "Madrid", City: "Madrid", TimeZone: "Europe/Madrid"}
	barcelona = geo.Location{Country: "ES", Region: "Catalonia", City: "Barcelona", TimeZone: "Europe/Madrid"}
	newYork   = geo.Location{Country: "US", Region: "New York", City: "New York", TimeZone: "America/New_York"}
)

// lookupCases run against every schema; ipv6 cases are skipped for
// IPv4-only files.
var lookupCases = []struct {
	name string
	ip   string
	want geo.Location
	ok   bool
	ipv6 bool
}{
	{name: "madrid", ip: "198.51.100.7", want: madrid, ok: true},
	{name: "barcelona", ip: "203.0.113.250", want: barcelona, ok: true},
	{name: "new york", ip: "192.0.2.1", want: newYork, ok: true},
	{name: "ipv4-mapped ipv6", ip: "::ffff:198.51.100.7", want: madrid, ok: true},
	{name: "miss", ip: "10.1.2.3", ok: false},
	{name: "ipv6 hit", ip: "2001:db8:1::42", want: madrid, ok: true, ipv6: true},
	{name: "ipv6 with zone", ip: "2001:db8:1::42%eth0", want: madrid, ok: true, ipv6: true},
	{name: "ipv6 miss", ip: "2001:db8:2::1", ok: false, ipv6: true},
	{name: "ipv6 loopback miss", ip: "::1", ok: false, ipv6: true},
	{name: "country only", ip: "100.64.0.1", want: geo.Location{Country: "FR"}, ok: true},
}

func testEntries() []geotest.Entry {
	return append(geotest.Sample(), geotest.Entry{Network: "100.64.0.0/10", Country: "FR"})
}

func openTestDB(t testing.TB, schema geotest.Schema) *geo.DB {
	t.Helper()
	entries := testEntries()
	if schema == geotest.SchemaDBIPCityIPv4 {
		entries = ipv4Only(entries)
	}
	path := filepath.Join(t.TempDir(), "city.mmdb")
	if err := geotest.WriteCityDB(path, entries, schema); err != nil {
		t.Fatal(err)
	}
	db, err := geo.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func ipv4Only(entries []geotest.Entry) []geotest.Entry {
	var out []geotest.Entry
	for _, e := range entries {
		if !strings.Contains(e.Network, ":") {
			out = append(out, e)
		}
	}
	return out
}

var schemas = []struct {
	name   string
	schema geotest.Schema
}{
	{"geoip2", geotest.SchemaGeoIP2City},
	{"dbip", geotest.SchemaDBIPCity},
	{"dbip-ipv4", geotest.SchemaDBIPCityIPv4},
}

func TestLookup(t *testing.T) {
	for _, s := range schemas {
		db := openTestDB(t, s.schema)
		for _, tc := range lookupCases {
			t.Run(s.name+"/"+tc.name, func(t *testing.T) {
				want, wantOK := tc.want, tc.ok
				if tc.ipv6 && s.schema == geotest.SchemaDBIPCityIPv4 {
					want, wantOK = geo.Location{}, false
				}
				// Twice: the first decodes, the second is served from the record cache.
				for range 2 {
					got, ok := db.Lookup(netip.MustParseAddr(tc.ip))
					if ok != wantOK || got != want {
						t.Fatalf("Lookup(%s) = %+v, %v; want %+v, %v", tc.ip, got, ok, want, wantOK)
					}
				}
			})
		}
	}
}

func TestLookupInvalidAddr(t *testing.T) {
	db := openTestDB(t, geotest.SchemaGeoIP2City)
	if loc, ok := db.Lookup(netip.Addr{}); ok {
		t.Fatalf("Lookup(zero Addr) = %+v, true", loc)
	}
}

// TestOpenFiles covers the DB-IP distribution: IPv4 and IPv6 in two files.
func TestOpenFiles(t *testing.T) {
	dir := t.TempDir()
	v4, v6 := filepath.Join(dir, "v4.mmdb"), filepath.Join(dir, "v6.mmdb")
	if err := geotest.WriteCityDB(v4, ipv4Only(testEntries()), geotest.SchemaDBIPCityIPv4); err != nil {
		t.Fatal(err)
	}
	v6Entries := []geotest.Entry{{Network: "2001:db8:1::/48", Country: "PT", City: "Lisbon"}}
	if err := geotest.WriteCityDB(v6, v6Entries, geotest.SchemaDBIPCity); err != nil {
		t.Fatal(err)
	}
	db, err := geo.OpenFiles(v4, v6)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, _ := db.Lookup(netip.MustParseAddr("192.0.2.9")); got != newYork {
		t.Errorf("ipv4 from first file = %+v", got)
	}
	if got, _ := db.Lookup(netip.MustParseAddr("2001:db8:1::1")); got.City != "Lisbon" {
		t.Errorf("ipv6 from second file = %+v", got)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.mmdb")
	if err := os.WriteFile(corrupt, []byte("this is not a maxmind database at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.mmdb")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "truncated.mmdb")
	good := filepath.Join(dir, "good.mmdb")
	if err := geotest.WriteCityDB(good, geotest.Sample(), geotest.SchemaGeoIP2City); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(truncated, data[:len(data)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{corrupt, empty, truncated, filepath.Join(dir, "missing.mmdb")} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			db, err := geo.Open(path)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error %q does not name the path", err)
			}
		})
	}
	if _, err := geo.OpenFiles(); err == nil {
		t.Fatal("OpenFiles() with no path succeeded")
	}
}
