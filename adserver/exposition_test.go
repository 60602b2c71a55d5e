package adserver

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// exposition is a /metrics body checked line by line against the
// Prometheus text format (0.0.4): HELP and TYPE once per family and before
// its samples, families not interleaved, metric and label names legal,
// label values quoted and escaped, values numbers, no series twice,
// counters named _total, histogram buckets cumulative and ending at +Inf
// equal to _count. expfmt is not a dependency here; this is stricter.
type exposition struct {
	samples map[string]float64 // by series: `name{a="b",c="d"}` as written
	types   map[string]string  // by family
}

func parseExposition(body string) (*exposition, error) {
	e := &exposition{samples: map[string]float64{}, types: map[string]string{}}
	if body == "" || !strings.HasSuffix(body, "\n") {
		return nil, fmt.Errorf("body is empty or does not end with a newline")
	}
	var family string           // the family samples may belong to now
	closed := map[string]bool{} // families whose block ended
	helped := map[string]bool{}
	hist := map[string][]bucket{} // histogram series without le -> buckets
	for n, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		ln := n + 1
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			kind, rest, _ := strings.Cut(rest, " ")
			name, text, _ := strings.Cut(rest, " ")
			if !validMetricName(name) {
				return nil, fmt.Errorf("line %d: bad metric name %q", ln, name)
			}
			if name != family {
				if family != "" {
					closed[family] = true
				}
				if closed[name] {
					return nil, fmt.Errorf("line %d: family %s appears twice", ln, name)
				}
				family = name
			}
			switch kind {
			case "HELP":
				if helped[name] || text == "" {
					return nil, fmt.Errorf("line %d: HELP of %s repeated or empty", ln, name)
				}
				helped[name] = true
			case "TYPE":
				if _, dup := e.types[name]; dup {
					return nil, fmt.Errorf("line %d: TYPE of %s repeated", ln, name)
				}
				if !slices.Contains([]string{"counter", "gauge", "histogram", "summary", "untyped"}, text) {
					return nil, fmt.Errorf("line %d: bad type %q", ln, text)
				}
				if text == "counter" && !strings.HasSuffix(name, "_total") {
					return nil, fmt.Errorf("line %d: counter %s is not named _total", ln, name)
				}
				e.types[name] = text
			default:
				return nil, fmt.Errorf("line %d: unknown comment %q", ln, line)
			}
			continue
		}
		name, labels, value, err := splitSample(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w: %q", ln, err, line)
		}
		if !strings.HasPrefix(name, "adstitch_") {
			return nil, fmt.Errorf("line %d: %s lacks the adstitch_ prefix", ln, name)
		}
		typ, ok := e.types[family]
		if !ok || !sampleOf(name, family, typ) {
			return nil, fmt.Errorf("line %d: sample %s outside its family's block (now %q)", ln, name, family)
		}
		series := name + "{" + strings.Join(labels, ",") + "}"
		if _, dup := e.samples[series]; dup {
			return nil, fmt.Errorf("line %d: series %s twice", ln, series)
		}
		e.samples[series] = value
		if typ == "histogram" {
			if err := e.noteHistogram(hist, family, name, labels, value); err != nil {
				return nil, fmt.Errorf("line %d: %w", ln, err)
			}
		}
	}
	for key, bs := range hist {
		last := bs[len(bs)-1]
		if !math.IsInf(last.le, 1) {
			return nil, fmt.Errorf("histogram %s has no +Inf bucket", key)
		}
		fam, labels, _ := strings.Cut(key, "|")
		count, ok := e.samples[fam+"_count{"+labels+"}"]
		if !ok || count != last.n {
			return nil, fmt.Errorf("histogram %s: +Inf bucket %v, _count %v", key, last.n, count)
		}
	}
	return e, nil
}

type bucket struct{ le, n float64 }

func (e *exposition) noteHistogram(hist map[string][]bucket, family, name string, labels []string, v float64) error {
	if name != family+"_bucket" {
		return nil
	}
	var rest []string
	le := math.NaN()
	for _, l := range labels {
		if v, ok := strings.CutPrefix(l, `le="`); ok {
			f, err := parseValue(strings.TrimSuffix(v, `"`))
			if err != nil {
				return fmt.Errorf("bad le %s", l)
			}
			le = f
			continue
		}
		rest = append(rest, l)
	}
	if math.IsNaN(le) {
		return fmt.Errorf("bucket without le")
	}
	key := family + "|" + strings.Join(rest, ",")
	bs := hist[key]
	if n := len(bs); n > 0 && (le <= bs[n-1].le || v < bs[n-1].n) {
		return fmt.Errorf("%s: buckets not increasing at le=%v", key, le)
	}
	hist[key] = append(bs, bucket{le, v})
	return nil
}

// sampleOf reports whether a sample name belongs to a family of typ.
func sampleOf(name, family, typ string) bool {
	switch typ {
	case "histogram":
		return name == family+"_bucket" || name == family+"_sum" || name == family+"_count"
	case "summary":
		return name == family || name == family+"_sum" || name == family+"_count"
	}
	return name == family
}

// splitSample splits `name{l="v",...} value` (no timestamps here).
func splitSample(line string) (name string, labels []string, value float64, err error) {
	end := strings.IndexAny(line, "{ ")
	if end < 0 {
		return "", nil, 0, fmt.Errorf("no value")
	}
	name, rest := line[:end], line[end:]
	if !validMetricName(name) {
		return "", nil, 0, fmt.Errorf("bad metric name")
	}
	if strings.HasPrefix(rest, "{") {
		rest = rest[1:]
		seen := map[string]bool{}
		for !strings.HasPrefix(rest, "}") {
			eq := strings.IndexByte(rest, '=')
			if eq < 0 || !validLabelName(rest[:eq]) || seen[rest[:eq]] || len(rest) < eq+2 || rest[eq+1] != '"' {
				return "", nil, 0, fmt.Errorf("bad label")
			}
			seen[rest[:eq]] = true
			i := eq + 2
			for ; i < len(rest) && rest[i] != '"'; i++ {
				if rest[i] == '\\' {
					if i+1 >= len(rest) || !strings.ContainsRune(`\"n`, rune(rest[i+1])) {
						return "", nil, 0, fmt.Errorf("bad escape")
					}
					i++
				}
			}
			if i >= len(rest) {
				return "", nil, 0, fmt.Errorf("unterminated label value")
			}
			labels = append(labels, rest[:i+1])
			rest = rest[i+1:]
			if r, ok := strings.CutPrefix(rest, ","); ok && !strings.HasPrefix(r, "}") {
				rest = r
			} else if !strings.HasPrefix(rest, "}") {
				return "", nil, 0, fmt.Errorf("labels not separated by commas")
			}
		}
		rest = rest[1:]
	}
	v, ok := strings.CutPrefix(rest, " ")
	if !ok || strings.Contains(v, " ") {
		return "", nil, 0, fmt.Errorf("want one space then the value")
	}
	value, err = parseValue(v)
	return name, labels, value, err
}

func parseValue(s string) (float64, error) {
	switch s {
	case "+Inf":
		return math.Inf(1), nil
	case "-Inf":
		return math.Inf(-1), nil
	case "NaN":
		return math.NaN(), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || strings.ContainsAny(s, "_xXpP") || strings.EqualFold(s, "inf") || strings.EqualFold(s, "infinity") {
		return 0, fmt.Errorf("bad value %q", s)
	}
	return f, nil
}

func validMetricName(s string) bool {
	for i, c := range s {
		if !(c == '_' || c == ':' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return s != ""
}

func validLabelName(s string) bool {
	return validMetricName(s) && !strings.Contains(s, ":") && !strings.HasPrefix(s, "__")
}
