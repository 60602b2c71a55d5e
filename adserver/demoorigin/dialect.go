package demoorigin

import (
	"errors"
	"fmt"
)

// Dialect is how the live stream signals its ad breaks.
type Dialect uint8

const (
	// DialectCueOut: #EXT-X-CUE-OUT, #EXT-X-CUE-OUT-CONT with the
	// splice_insert in SCTE35=, #EXT-X-CUE-IN.
	DialectCueOut Dialect = iota
	// DialectDateRange: #EXT-X-DATERANGE with SCTE35-OUT and SCTE35-IN.
	DialectDateRange
	// DialectOATCLS: #EXT-OATCLS-SCTE35 with the splice_insert out and in.
	DialectOATCLS
)

// ErrUnknownDialect means a cue= value names no dialect.
var ErrUnknownDialect = errors.New("unknown cue dialect")

var dialectNames = [...]string{DialectCueOut: "cueout", DialectDateRange: "daterange", DialectOATCLS: "oatcls"}

// String returns the dialect's cue= value.
func (d Dialect) String() string {
	if int(d) < len(dialectNames) {
		return dialectNames[d]
	}
	return fmt.Sprintf("Dialect(%d)", uint8(d))
}

// ParseDialect parses a cue= query value; empty means DialectCueOut.
func ParseDialect(s string) (Dialect, error) {
	if s == "" {
		return DialectCueOut, nil
	}
	for d, name := range dialectNames {
		if s == name {
			return Dialect(d), nil
		}
	}
	return 0, fmt.Errorf("%w %q (want cueout, daterange or oatcls)", ErrUnknownDialect, s)
}
