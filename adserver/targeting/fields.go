package targeting

import "github.com/adstitch/adstitch/adserver/campaign"

// field is a property of campaign.Context a predicate tests.
type field uint8

const (
	fieldCity field = iota
	fieldRegion
	fieldCountry
	fieldDevice
	fieldStream
	fieldGenre
	fieldDaypart
	fieldLocalHour
	fieldDayOfWeek
	fieldInterests
	numFields
)

// numStringFields counts the fields above fieldLocalHour: each holds one
// string of the context and takes in/not_in.
const numStringFields = int(fieldLocalHour)

var fieldNames = [numFields]string{
	fieldCity:      "city",
	fieldRegion:    "region",
	fieldCountry:   "country",
	fieldDevice:    "device",
	fieldStream:    "stream",
	fieldGenre:     "genre",
	fieldDaypart:   "daypart",
	fieldLocalHour: "local_hour",
	fieldDayOfWeek: "day_of_week",
	fieldInterests: "interests",
}

func (f field) String() string { return fieldNames[f] }

func fieldByName(name string) (field, bool) {
	for f, n := range fieldNames {
		if n == name {
			return field(f), true
		}
	}
	return 0, false
}

func (f field) isString() bool { return int(f) < numStringFields }

// value is the context's string for a string field.
func (f field) value(c *campaign.Context) string {
	switch f {
	case fieldCity:
		return c.City
	case fieldRegion:
		return c.Region
	case fieldCountry:
		return c.Country
	case fieldDevice:
		return c.Device
	case fieldStream:
		return c.Stream
	case fieldGenre:
		return c.Genre
	case fieldDaypart:
		return c.Daypart
	}
	return ""
}

// enum lists the only values a closed string field can take, nil for open
// fields (any string).
func (f field) enum() []string {
	switch f {
	case fieldDevice:
		return devices
	case fieldDaypart:
		return dayparts
	}
	return nil
}

// op is a predicate's operator.
type op uint8

const (
	opIn op = iota
	opNotIn
	opBetween
	opAny
	opAll
	opNone
	numOps
)

var opNames = [numOps]string{
	opIn:      "in",
	opNotIn:   "not_in",
	opBetween: "between",
	opAny:     "any",
	opAll:     "all",
	opNone:    "none",
}

func (o op) String() string { return opNames[o] }

// opFor resolves an operator name for f; false when f does not take it.
func opFor(f field, name string) (op, bool) {
	var allowed []op
	switch {
	case f.isString(), f == fieldDayOfWeek:
		allowed = []op{opIn, opNotIn}
	case f == fieldLocalHour:
		allowed = []op{opIn, opBetween}
	case f == fieldInterests:
		allowed = []op{opAny, opAll, opNone}
	}
	for _, o := range allowed {
		if opNames[o] == name {
			return o, true
		}
	}
	return 0, false
}
