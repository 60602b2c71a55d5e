package manifest

import (
	"strconv"
	"strings"
	"time"

	"github.com/adstitch/adstitch/manifest/scte35"
)

// CueKind is what an ad marker says about the segment it precedes.
type CueKind uint8

const (
	CueOut  CueKind = iota + 1 // a break starts at this segment
	CueCont                    // this segment is inside a break
	CueIn                      // the break ended before this segment
)

// Cue is one ad marker found in a media playlist, in any dialect.
type Cue struct {
	Kind        CueKind
	Dialect     string  // the tag it came from, e.g. "EXT-X-CUE-OUT"
	ID          string  // DATERANGE ID or SCTE-35 event id, "" when none
	Duration    float64 // planned break duration in seconds, when HasDuration
	HasDuration bool
	Elapsed     float64 // seconds into the break (CUE-OUT-CONT), when HasElapsed
	HasElapsed  bool
	Start       time.Time // DATERANGE START-DATE, zero otherwise
	Line        int
}

// parseCue recognizes the ad-marker tags. ok is false for any other tag. A
// marker that is recognized but malformed returns an error so it is counted,
// not silently dropped.
func parseCue(name, value string, line int) (c Cue, ok bool, err error) {
	c = Cue{Dialect: name, Line: line}
	switch name {
	case "EXT-X-CUE-OUT", "EXT-X-CUE-OUT-CONT":
		c.Kind = CueOut
		if name == "EXT-X-CUE-OUT-CONT" {
			c.Kind = CueCont
		}
		return c, true, parseCueOutValue(&c, value, line)
	case "EXT-X-CUE-IN":
		c.Kind = CueIn
		return c, true, nil
	case "EXT-OATCLS-SCTE35", "EXT-X-SPLICEPOINT-SCTE35":
		return c, true, applySCTE35(&c, strings.TrimSpace(value), line, name)
	case "EXT-X-SCTE35":
		return parseAdobeSCTE35(c, value, line)
	case "EXT-X-DATERANGE":
		return parseDateRangeCue(c, value, line)
	}
	return c, false, nil
}

// parseCueOutValue reads the value forms seen in the wild:
// "30", "30.000", "DURATION=30", "ElapsedTime=8,Duration=30,SCTE35=…", "8/30".
func parseCueOutValue(c *Cue, value string, line int) error {
	value = strings.TrimSpace(value)
	if value == "" {
		return nil
	}
	if e, d, ok := strings.Cut(value, "/"); ok && !strings.Contains(value, "=") {
		return setElapsedDuration(c, e, d, line)
	}
	if !strings.Contains(value, "=") {
		return setDuration(c, value, line)
	}
	attrs, err := parseAttrs(value)
	if err != nil {
		return lineErr(line, c.Dialect, "%v", err)
	}
	for _, a := range attrs {
		v := unquote(a.Value)
		switch strings.ToUpper(a.Name) {
		case "DURATION":
			if err := setDuration(c, v, line); err != nil {
				return err
			}
		case "ELAPSEDTIME":
			f, err := parseSeconds(v)
			if err != nil {
				return lineErr(line, c.Dialect, "ElapsedTime %q: %v", v, err)
			}
			c.Elapsed, c.HasElapsed = f, true
		case "SCTE35":
			var sc Cue
			if err := applySCTE35(&sc, v, line, c.Dialect); err == nil && c.ID == "" && sc.ID != "" {
				c.ID = sc.ID
				if !c.HasDuration && sc.HasDuration {
					c.Duration, c.HasDuration = sc.Duration, true
				}
			}
		}
	}
	return nil
}

func setElapsedDuration(c *Cue, e, d string, line int) error {
	ef, err := parseSeconds(e)
	if err != nil {
		return lineErr(line, c.Dialect, "elapsed %q: %v", e, err)
	}
	c.Elapsed, c.HasElapsed = ef, true
	return setDuration(c, d, line)
}

func setDuration(c *Cue, v string, line int) error {
	f, err := parseSeconds(v)
	if err != nil {
		return lineErr(line, c.Dialect, "duration %q: %v", v, err)
	}
	c.Duration, c.HasDuration = f, true
	return nil
}

func parseSeconds(v string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return 0, err
	}
	if f < 0 || f > maxDuration || f != f {
		return 0, strconv.ErrRange
	}
	return f, nil
}

// applySCTE35 decodes a splice_info_section (hex or base64) and sets the
// cue's kind, event id and duration from it.
func applySCTE35(c *Cue, payload string, line int, tag string) error {
	sec, err := scte35.DecodeString(payload)
	if err != nil {
		return lineErr(line, tag, "SCTE-35: %v", err)
	}
	sc := sec.Cue()
	switch sc.Kind {
	case scte35.CueOut:
		c.Kind = CueOut
	case scte35.CueIn:
		c.Kind = CueIn
	default:
		c.Kind = 0 // cancel or unrelated command: not a marker
	}
	c.ID = strconv.FormatUint(uint64(sc.EventID), 10)
	if sc.HasDuration {
		c.Duration, c.HasDuration = sc.Duration.Seconds(), true
	}
	return nil
}

// parseAdobeSCTE35 reads "#EXT-X-SCTE35:CUE="…",CUE-OUT=YES|NO|CONT,CUE-IN=YES,ID=…,DURATION=…,ELAPSED=…".
func parseAdobeSCTE35(c Cue, value string, line int) (Cue, bool, error) {
	attrs, err := parseAttrs(value)
	if err != nil {
		return c, true, lineErr(line, c.Dialect, "%v", err)
	}
	if cue := attrs.String("CUE"); cue != "" {
		if err := applySCTE35(&c, cue, line, c.Dialect); err != nil {
			return c, true, err
		}
	}
	switch strings.ToUpper(attrs.String("CUE-OUT")) {
	case "YES":
		c.Kind = CueOut
	case "CONT":
		c.Kind = CueCont
	}
	if strings.EqualFold(attrs.String("CUE-IN"), "YES") {
		c.Kind = CueIn
	}
	if id := attrs.String("ID"); id != "" {
		c.ID = id
	}
	if d, ok := attrs.Float("DURATION"); ok && d >= 0 {
		c.Duration, c.HasDuration = d, true
	}
	if e, ok := attrs.Float("ELAPSED"); ok && e >= 0 {
		c.Elapsed, c.HasElapsed = e, true
	}
	return c, true, nil
}

// parseDateRangeCue turns an EXT-X-DATERANGE carrying SCTE35-OUT/IN (RFC
// 8216bis §4.4.5.1.1) into a cue. Date ranges without SCTE-35 attributes
// (and HLS interstitials) are not ad markers for us.
func parseDateRangeCue(c Cue, value string, line int) (Cue, bool, error) {
	attrs, err := parseAttrs(value)
	if err != nil {
		return c, false, nil // left verbatim; not ours to judge
	}
	out, hasOut := attrs.Get("SCTE35-OUT")
	in, hasIn := attrs.Get("SCTE35-IN")
	if !hasOut && !hasIn {
		return c, false, nil
	}
	c.ID = attrs.String("ID")
	if sd := attrs.String("START-DATE"); sd != "" {
		if t, err := parseDate(sd); err == nil {
			c.Start = t
		}
	}
	if hasOut {
		c.Kind = CueOut
		if d, ok := attrs.Float("DURATION"); ok && d >= 0 {
			c.Duration, c.HasDuration = d, true
		} else if d, ok := attrs.Float("PLANNED-DURATION"); ok && d >= 0 {
			c.Duration, c.HasDuration = d, true
		} else {
			var sc Cue
			if err := applySCTE35(&sc, unquote(out), line, c.Dialect); err != nil {
				return c, true, err
			}
			c.Duration, c.HasDuration = sc.Duration, sc.HasDuration
		}
	}
	if hasIn {
		// A DATERANGE may repeat the same ID with SCTE35-IN once the break
		// ended; with both attributes the IN wins (the range is complete).
		// Its DURATION or END-DATE then tells the actual length.
		_ = in
		c.Kind = CueIn
		c.HasDuration = false
		if d, ok := attrs.Float("DURATION"); ok && d >= 0 {
			c.Duration, c.HasDuration = d, true
		} else if ed := attrs.String("END-DATE"); ed != "" && !c.Start.IsZero() {
			if t, err := parseDate(ed); err == nil && !t.Before(c.Start) {
				c.Duration, c.HasDuration = t.Sub(c.Start).Seconds(), true
			}
		}
	}
	return c, true, nil
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04:05Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, strconv.ErrSyntax
}
