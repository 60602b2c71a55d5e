package configs

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// BreakKind says where a scheduled VOD break sits.
type BreakKind uint8

// Break kinds. The zero BreakKind is invalid so a forgotten kind is caught.
const (
	Preroll BreakKind = iota + 1
	Midroll
	Postroll
)

// String returns the YAML spelling of k.
func (k BreakKind) String() string {
	switch k {
	case Preroll:
		return "preroll"
	case Midroll:
		return "midroll"
	case Postroll:
		return "postroll"
	}
	return "BreakKind(" + strconv.Itoa(int(k)) + ")"
}

// BreakSpec is one entry of a VOD schedule: "preroll", "postroll" or an
// offset into the content ("30s", "1m30s", "90" = seconds, "00:01:30").
type BreakSpec struct {
	Kind   BreakKind
	Offset time.Duration // Midroll only: position in the content
}

// ParseBreakSpec parses one schedule entry.
func ParseBreakSpec(s string) (BreakSpec, error) {
	s = strings.TrimSpace(s)
	switch {
	case strings.EqualFold(s, "preroll"):
		return BreakSpec{Kind: Preroll}, nil
	case strings.EqualFold(s, "postroll"):
		return BreakSpec{Kind: Postroll}, nil
	case strings.Contains(s, ":"):
		d, ok := parseClock(s)
		if !ok {
			return BreakSpec{}, fmt.Errorf("invalid break %q: want hh:mm:ss with minutes and seconds below 60", s)
		}
		return BreakSpec{Kind: Midroll, Offset: d}, nil
	}
	d, err := ParseDuration(s)
	if err != nil {
		return BreakSpec{}, fmt.Errorf("invalid break %q: want preroll, postroll or an offset like 30s, 90 or 00:01:30", s)
	}
	return BreakSpec{Kind: Midroll, Offset: time.Duration(d)}, nil
}

// maxClockHours keeps hh:mm:ss far from time.Duration overflow.
const maxClockHours = 100000

// parseClock parses hh:mm:ss or mm:ss, seconds optionally fractional.
func parseClock(s string) (time.Duration, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	sec, err := strconv.ParseFloat(parts[len(parts)-1], 64)
	if err != nil || !isDecimal(parts[len(parts)-1]) || sec < 0 || sec >= 60 {
		return 0, false
	}
	total := time.Duration(sec * float64(time.Second))
	unit := time.Minute
	for i := len(parts) - 2; i >= 0; i-- {
		limit := uint64(59)
		if i == 0 {
			limit = maxClockHours * uint64(time.Hour/unit)
		}
		v, err := strconv.ParseUint(parts[i], 10, 32)
		if err != nil || v > limit {
			return 0, false
		}
		total += time.Duration(v) * unit
		unit = time.Hour
	}
	return total, true
}

// String returns the YAML spelling of b; ParseBreakSpec reads it back.
func (b BreakSpec) String() string {
	if b.Kind == Midroll {
		return b.Offset.String()
	}
	return b.Kind.String()
}

// UnmarshalYAML accepts a scalar schedule entry.
func (b *BreakSpec) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a break must be a scalar like preroll, 30s or postroll", n.Line)
	}
	v, err := ParseBreakSpec(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*b = v
	return nil
}

// MarshalYAML writes b as ParseBreakSpec reads it.
func (b BreakSpec) MarshalYAML() (any, error) { return b.String(), nil }
