package geo

import (
	"github.com/oschwald/maxminddb-golang/v2/mmdbdata"
)

// record is the union of the two schemas geo understands. A custom
// unmarshaler is needed because both schemas use the key "city" with
// different types: a map of localized names in GeoIP2, a plain string in
// DB-IP. It also passes over every field geo does not use, without
// reflection.
//
// GeoIP2 City:  country.iso_code, subdivisions[0].names.en, city.names.en,
// location.time_zone.
// DB-IP Lite (ip-location-db): country_code, state1, state2, city, postcode,
// latitude, longitude, timezone.
type record struct {
	loc Location
}

// UnmarshalMaxMindDB implements mmdbdata.Unmarshaler.
func (r *record) UnmarshalMaxMindDB(d *mmdbdata.Decoder) error {
	fields, _, err := d.ReadMap()
	if err != nil {
		return err
	}
	var flat Location // DB-IP values, used where GeoIP2 ones are missing
	for key, err := range fields {
		if err != nil {
			return err
		}
		switch string(key) {
		case "country":
			err = readMapString(d, "iso_code", &r.loc.Country)
		case "subdivisions":
			err = readFirstSubdivision(d, &r.loc.Region)
		case "city":
			err = readCity(d, &r.loc.City, &flat.City)
		case "location":
			err = readMapString(d, "time_zone", &r.loc.TimeZone)
		case "country_code":
			flat.Country, err = d.ReadString()
		case "state1":
			flat.Region, err = d.ReadString()
		case "timezone":
			flat.TimeZone, err = d.ReadString()
		}
		// Values of other keys need no skipping: the map iterator moves
		// past each value on its own.
		if err != nil {
			return err
		}
	}
	fillEmpty(&r.loc.Country, flat.Country)
	fillEmpty(&r.loc.Region, flat.Region)
	fillEmpty(&r.loc.City, flat.City)
	fillEmpty(&r.loc.TimeZone, flat.TimeZone)
	return nil
}

func fillEmpty(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// readCity reads "city": a GeoIP2 map with names.en, or a DB-IP string.
func readCity(d *mmdbdata.Decoder, nested, flat *string) error {
	kind, err := d.PeekKind()
	if err != nil {
		return err
	}
	switch kind {
	case mmdbdata.KindString:
		*flat, err = d.ReadString()
		return err
	case mmdbdata.KindMap:
		return readEnglishName(d, nested)
	default:
		return nil // unexpected type: ignore, the map iterator skips it
	}
}

// readFirstSubdivision reads subdivisions[0].names.en and skips the rest.
func readFirstSubdivision(d *mmdbdata.Decoder, dst *string) error {
	items, _, err := d.ReadSlice()
	if err != nil {
		return err
	}
	for err := range items {
		if err != nil {
			return err
		}
		// Only the first (largest) subdivision is wanted; breaking out
		// lets the iterator skip the others.
		return readEnglishName(d, dst)
	}
	return nil
}

// readEnglishName reads names.en from a map such as city or a subdivision.
func readEnglishName(d *mmdbdata.Decoder, dst *string) error {
	fields, _, err := d.ReadMap()
	if err != nil {
		return err
	}
	for key, err := range fields {
		if err != nil {
			return err
		}
		if string(key) == "names" {
			if err := readMapString(d, "en", dst); err != nil {
				return err
			}
		}
	}
	return nil
}

// readMapString reads the string under want from a map and skips the rest.
func readMapString(d *mmdbdata.Decoder, want string, dst *string) error {
	fields, _, err := d.ReadMap()
	if err != nil {
		return err
	}
	for key, err := range fields {
		if err != nil {
			return err
		}
		if string(key) == want {
			if *dst, err = d.ReadString(); err != nil {
				return err
			}
		}
	}
	return nil
}
