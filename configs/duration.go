package configs

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Duration is a time.Duration written in YAML as "30s", "1m30s" or a bare
// number of seconds ("90", "1.5").
type Duration time.Duration

// ParseDuration parses a Go duration ("1m30s") or a bare number of seconds.
func ParseDuration(s string) (Duration, error) {
	s = strings.TrimSpace(s)
	if isDecimal(s) {
		sec, err := strconv.ParseFloat(s, 64)
		if err != nil || math.Abs(sec) > float64(math.MaxInt64)/float64(time.Second) {
			return 0, fmt.Errorf("invalid duration %q: out of range", s)
		}
		return Duration(math.Round(sec * float64(time.Second))), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("invalid duration %q: want 30s, 1m30s or a number of seconds", s)
	}
	return Duration(d), nil
}

// isDecimal reports whether s is an optionally negative decimal number with
// at most one point. strconv.ParseFloat alone would also accept "inf", "1e3"
// and hex floats.
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	digits, points := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] >= '0' && s[i] <= '9':
			digits++
		case s[i] == '.':
			points++
		default:
			return false
		}
	}
	return digits > 0 && points <= 1
}

// String formats d like time.Duration ("1m30s").
func (d Duration) String() string { return time.Duration(d).String() }

// UnmarshalYAML accepts a scalar duration.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a duration must be a scalar like 30s", n.Line)
	}
	v, err := ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*d = v
	return nil
}

// MarshalYAML writes d as "1m30s".
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }
