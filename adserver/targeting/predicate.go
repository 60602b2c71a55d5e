package targeting

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// parsePredicate compiles {"<op>": value} for field f at path.
func parsePredicate(f field, v *jsonValue, path string) (predicate, error) {
	name, val, err := onlyMember(v, path)
	if err != nil {
		return predicate{}, err
	}
	o, ok := opFor(f, name)
	if !ok {
		return predicate{}, invalid(path, fmt.Sprintf("unknown operator %q", name))
	}
	p := predicate{field: f, op: o, path: path}
	valPath := path + "." + name
	switch {
	case o == opBetween:
		p.from, p.to, err = parseBetween(val, valPath)
		p.mask = hourRange(p.from, p.to)
	case f == fieldLocalHour:
		p.mask, err = parseHours(val, valPath)
	case f == fieldDayOfWeek:
		p.mask, err = parseDays(val, valPath)
	default:
		var list []string
		list, err = parseStrings(val, valPath, f.enum(), f.String())
		p.set = newValueSet(list)
	}
	return p, err
}

// parseStrings reads a list of strings, lower-cased, sorted and without
// duplicates. When enum is set, every value must be one of it; the error
// lists all the values that are not.
func parseStrings(v *jsonValue, path string, enum []string, what string) ([]string, error) {
	if err := checkList(v, path); err != nil {
		return nil, err
	}
	list := make([]string, len(v.items))
	var unknown []string
	for i := range v.items {
		item := &v.items[i]
		if item.kind != jsonString {
			return nil, invalid(elementPath(path, i), "want a string, got "+item.kind.String())
		}
		s := strings.ToLower(item.text)
		if enum != nil && !slices.Contains(enum, s) && !slices.Contains(unknown, s) {
			unknown = append(unknown, s)
		}
		list[i] = s
	}
	if len(unknown) > 0 {
		return nil, invalid(path, fmt.Sprintf("unknown %s %s (valid: %s)", what, quoteList(unknown), strings.Join(enum, ", ")))
	}
	slices.Sort(list)
	return slices.Clip(slices.Compact(list)), nil
}

func quoteList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// parseHours reads a list of local hours into a mask.
func parseHours(v *jsonValue, path string) (uint32, error) {
	if err := checkList(v, path); err != nil {
		return 0, err
	}
	var mask uint32
	for i := range v.items {
		h, ok := parseHour(&v.items[i])
		if !ok {
			return 0, invalid(elementPath(path, i), "want an hour 0-23, got "+v.items[i].excerpt())
		}
		mask |= 1 << h
	}
	return mask, nil
}

// parseBetween reads [from, to].
func parseBetween(v *jsonValue, path string) (from, to int, err error) {
	if v.kind == jsonArray && len(v.items) == 2 {
		from, okFrom := parseHour(&v.items[0])
		to, okTo := parseHour(&v.items[1])
		if okFrom && okTo {
			return from, to, nil
		}
	}
	return 0, 0, invalid(path, "want [from, to] with hours 0-23")
}

// parseHour reads an integer 0-23 written as a JSON number.
func parseHour(v *jsonValue) (int, bool) {
	if v.kind != jsonNumber {
		return 0, false
	}
	h, err := strconv.Atoi(v.text)
	return h, err == nil && h >= 0 && h <= 23
}

// parseDays reads a list of day names into a mask of time.Weekday bits.
func parseDays(v *jsonValue, path string) (uint32, error) {
	list, err := parseStrings(v, path, days, "day")
	if err != nil {
		return 0, err
	}
	var mask uint32
	for _, d := range list {
		mask |= weekdayBit(slices.Index(days, d))
	}
	return mask, nil
}
