package vast

import (
	"errors"
	"strings"
	"time"
)

// maxDuration is the longest Duration VAST can express: its xs:time type
// stops before 24:00:00.
const maxDuration = 24*time.Hour - time.Millisecond

var errDuration = errors.New("want HH:MM:SS or HH:MM:SS.mmm")

// formatDuration renders d, rounded to the millisecond, as HH:MM:SS.mmm.
// d must lie in [0, maxDuration].
func formatDuration(d time.Duration) string {
	ms := int64(d.Round(time.Millisecond) / time.Millisecond)
	b := make([]byte, 0, len("00:00:00.000"))
	b = appendDigits(b, ms/3_600_000, 2)
	b = append(b, ':')
	b = appendDigits(b, ms/60_000%60, 2)
	b = append(b, ':')
	b = appendDigits(b, ms/1000%60, 2)
	b = append(b, '.')
	b = appendDigits(b, ms%1000, 3)
	return string(b)
}

func appendDigits(b []byte, v int64, width int) []byte {
	var tmp [20]byte
	i := len(tmp)
	for v > 0 || i > len(tmp)-width {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, tmp[i:]...)
}

// parseDuration reads a VAST Duration: H+:MM:SS with an optional fraction
// of any precision (VAST 2 and 3 servers send "00:00:30", VAST 4 ones
// "00:00:30.000"; some send one hour digit or a longer fraction).
// Surrounding white space is ignored.
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	hh, rest, ok1 := strings.Cut(s, ":")
	mm, rest, ok2 := strings.Cut(rest, ":")
	ss, frac, hasFrac := strings.Cut(rest, ".")
	if !ok1 || !ok2 || len(hh) == 0 || len(hh) > 2 || len(mm) != 2 || len(ss) != 2 || (hasFrac && len(frac) == 0) {
		return 0, errDuration
	}
	h, okH := atoiDigits(hh)
	m, okM := atoiDigits(mm)
	sec, okS := atoiDigits(ss)
	if !okH || !okM || !okS || m > 59 || sec > 59 {
		return 0, errDuration
	}
	d := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second
	scale := 100 * time.Millisecond
	for i := 0; i < len(frac); i++ {
		c := frac[i]
		if c < '0' || c > '9' {
			return 0, errDuration
		}
		d += time.Duration(c-'0') * scale
		scale /= 10 // digits past the nanosecond add nothing
	}
	return d, nil
}

// atoiDigits parses a short run of ASCII digits (no sign, no spaces).
func atoiDigits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
