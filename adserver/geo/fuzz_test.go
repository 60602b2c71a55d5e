package geo

import (
	"bytes"
	"net"
	"net/netip"
	"testing"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
	"github.com/oschwald/maxminddb-golang/v2"
)

// Shape bits of FuzzRecord: which schema spells each field, and whether
// the record is malformed on purpose.
const (
	shapeFlatCity     = 1 << iota // "city": "X" instead of city.names.en
	shapeFlatCountry              // country_code instead of country.iso_code
	shapeFlatRegion               // state1 instead of subdivisions[0]
	shapeFlatTimeZone             // timezone instead of location.time_zone
	shapeWrongTypes               // every known key holds the wrong type
	shapeNoEnglish                // names maps lack "en"
)

// FuzzRecord builds a record in any mix of the two schemas (or with wrong
// types) and checks the decoder never panics and round-trips valid ones.
// It fuzzes records, not raw files: maxminddb-golang v2.1.1 itself can loop
// forever on a corrupt file (a pointer to a pointer), which geo cannot
// guard against, so database files must come from a trusted source.
func FuzzRecord(f *testing.F) {
	for _, seed := range recordSeeds {
		f.Add(seed.loc.Country, seed.loc.Region, seed.loc.City, seed.loc.TimeZone, seed.shape)
	}
	f.Fuzz(func(t *testing.T, country, region, city, tz string, shape uint8) {
		in := Location{Country: country, Region: region, City: city, TimeZone: tz}
		got, err := decodeBuilt(t, buildRecord(in, shape))
		if err != nil || shape&(shapeWrongTypes|shapeNoEnglish) != 0 {
			return // only "no panic" is promised for malformed records
		}
		if got != in {
			t.Fatalf("shape %06b: decoded %+v, want %+v", shape, got, in)
		}
	})
}

var recordSeeds = []struct {
	loc   Location
	shape uint8
}{
	{Location{"ES", "Madrid", "Madrid", "Europe/Madrid"}, 0},
	{Location{"ES", "Catalonia", "Barcelona", "Europe/Madrid"}, shapeFlatCity | shapeFlatCountry | shapeFlatRegion | shapeFlatTimeZone},
	{Location{"US", "New York", "New York", "America/New_York"}, shapeFlatCity},
	{Location{"FR", "", "", ""}, shapeFlatCountry},
	{Location{"ES", "Madrid", "Madrid", "Europe/Madrid"}, shapeWrongTypes},
	{Location{"ES", "Madrid", "Madrid", "Europe/Madrid"}, shapeNoEnglish | shapeFlatTimeZone},
}

func TestRecordShapes(t *testing.T) {
	for _, seed := range recordSeeds {
		got, err := decodeBuilt(t, buildRecord(seed.loc, seed.shape))
		malformed := seed.shape&(shapeWrongTypes|shapeNoEnglish) != 0
		switch {
		case malformed && seed.shape&shapeNoEnglish != 0:
			if err != nil || got.City != "" || got.Region != "" || got.TimeZone != seed.loc.TimeZone {
				t.Errorf("no english names: got %+v, %v", got, err)
			}
		case malformed:
			if err == nil && got != (Location{}) {
				t.Errorf("wrong types: got %+v, want an error or nothing", got)
			}
		case err != nil || got != seed.loc:
			t.Errorf("shape %06b: got %+v, %v; want %+v", seed.shape, got, err, seed.loc)
		}
	}
}

func buildRecord(in Location, shape uint8) mmdbtype.Map {
	str := func(s string) mmdbtype.DataType { return mmdbtype.String(s) }
	names := func(s string) mmdbtype.Map {
		if shape&shapeNoEnglish != 0 {
			return mmdbtype.Map{"fr": mmdbtype.String(s)}
		}
		return mmdbtype.Map{"en": mmdbtype.String(s), "es": mmdbtype.String("es")}
	}
	if shape&shapeWrongTypes != 0 {
		return mmdbtype.Map{
			"country":      mmdbtype.Slice{str(in.Country)},
			"country_code": mmdbtype.Map{"x": str(in.Country)},
			"subdivisions": mmdbtype.Map{"names": names(in.Region)},
			"state1":       mmdbtype.Uint32(7),
			"city":         mmdbtype.Bool(true),
			"location":     str(in.TimeZone),
			"timezone":     mmdbtype.Float64(1.5),
		}
	}
	rec := mmdbtype.Map{"latitude": mmdbtype.Float64(1), "traits": mmdbtype.Map{"is_anycast": mmdbtype.Bool(false)}}
	if shape&shapeFlatCity != 0 {
		rec["city"] = str(in.City)
	} else {
		rec["city"] = mmdbtype.Map{"geoname_id": mmdbtype.Uint32(9), "names": names(in.City)}
	}
	if shape&shapeFlatCountry != 0 {
		rec["country_code"] = str(in.Country)
	} else {
		rec["country"] = mmdbtype.Map{"iso_code": str(in.Country), "names": names("country")}
	}
	if shape&shapeFlatRegion != 0 {
		rec["state1"] = str(in.Region)
		rec["state2"] = str("second")
	} else {
		rec["subdivisions"] = mmdbtype.Slice{mmdbtype.Map{"names": names(in.Region)}, mmdbtype.Map{"names": names("second")}}
	}
	if shape&shapeFlatTimeZone != 0 {
		rec["timezone"] = str(in.TimeZone)
	} else {
		rec["location"] = mmdbtype.Map{"latitude": mmdbtype.Float64(1), "time_zone": str(in.TimeZone)}
	}
	return rec
}

// decodeBuilt writes rec for 198.51.100.0/24 into an in-memory database and
// decodes it back with record.
func decodeBuilt(t *testing.T, rec mmdbtype.Map) (Location, error) {
	t.Helper()
	tree, err := mmdbwriter.New(mmdbwriter.Options{DatabaseType: "fuzz", IncludeReservedNetworks: true})
	if err != nil {
		t.Fatal(err)
	}
	_, network, _ := net.ParseCIDR("198.51.100.0/24")
	if err := tree.Insert(network, rec); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := tree.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := maxminddb.OpenBytes(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var out record
	err = r.Lookup(netip.MustParseAddr("198.51.100.1")).Decode(&out)
	return out.loc, err
}
