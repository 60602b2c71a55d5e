// Package wrk reads the report of the wrk HTTP benchmark tool (4.x, run
// with --latency), shared by the load benchmarks under cmd/.
package wrk

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ErrOutput means wrk's output is not the report of a finished run with
// --latency (wrk could not connect, was killed, or printed something else).
var ErrOutput = errors.New("unexpected wrk output")

// Report is what wrk printed.
type Report struct {
	Requests  int64         // completed, whatever the status
	Runtime   time.Duration // "N requests in 10.01s"
	ReqPerSec float64       // "Requests/sec"
	Non2xx    int64         // "Non-2xx or 3xx responses" (wrk counts status > 399)
	Socket    SocketErrors

	Mean, Max          time.Duration // the thread stats' Latency line
	P50, P75, P90, P99 time.Duration

	// Lines holds every non-empty output line, trimmed, for lines a
	// caller's own Lua script prints.
	Lines []string
}

// SocketErrors is wrk's "Socket errors:" line; absent means all zero.
type SocketErrors struct {
	Connect, Read, Write, Timeout int64
}

// Any reports whether wrk counted a socket error.
func (s SocketErrors) Any() bool { return s != SocketErrors{} }

func (s SocketErrors) String() string {
	return fmt.Sprintf("connect %d, read %d, write %d, timeout %d", s.Connect, s.Read, s.Write, s.Timeout)
}

// Parse reads the report. It requires the request count, the rate, the
// thread stats' latency line and the latency distribution; errors name the
// line they stopped at.
func Parse(out []byte) (Report, error) {
	var r Report
	var seen struct{ requests, rate, latency bool }
	percentiles := map[string]*time.Duration{"50%": &r.P50, "75%": &r.P75, "90%": &r.P90, "99%": &r.P99}
	found := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		r.Lines = append(r.Lines, line)
		var err error
		switch {
		case f[0] == "Latency" && len(f) == 5:
			r.Mean, r.Max, err = parseLatencyLine(f)
			seen.latency = true
		case len(f) >= 4 && f[1] == "requests" && f[2] == "in":
			r.Requests, r.Runtime, err = parseRequestsLine(f)
			seen.requests = true
		case f[0] == "Requests/sec:":
			r.ReqPerSec, err = parseRate(f)
			seen.rate = true
		case strings.HasPrefix(line, "Non-2xx or 3xx responses:"):
			r.Non2xx, err = ParseCount(strings.TrimSpace(strings.TrimPrefix(line, "Non-2xx or 3xx responses:")))
		case strings.HasPrefix(line, "Socket errors:"):
			r.Socket, err = parseSocketErrors(strings.TrimPrefix(line, "Socket errors:"))
		case len(f) == 2 && percentiles[f[0]] != nil:
			*percentiles[f[0]], err = ParseDuration(f[1])
			found[f[0]] = true
		}
		if err != nil {
			return Report{}, fmt.Errorf("%w: line %d %q: %w", ErrOutput, n, line, err)
		}
	}
	switch {
	case !seen.requests || !seen.rate:
		return Report{}, fmt.Errorf("%w: no report (%q)", ErrOutput, firstLine(out))
	case !seen.latency || len(found) != len(percentiles):
		return Report{}, fmt.Errorf("%w: no latency statistics (run wrk with --latency)", ErrOutput)
	}
	return r, nil
}

// parseLatencyLine reads "Latency 4.33ms 11.35ms 152.10ms 90.95%": mean,
// standard deviation, max, share within one deviation.
func parseLatencyLine(f []string) (mean, max time.Duration, err error) {
	if mean, err = ParseDuration(f[1]); err != nil {
		return 0, 0, err
	}
	if max, err = ParseDuration(f[3]); err != nil {
		return 0, 0, err
	}
	return mean, max, nil
}

// parseRequestsLine reads "76743 requests in 2.01s, 9.08MB read".
func parseRequestsLine(f []string) (int64, time.Duration, error) {
	n, err := ParseCount(f[0])
	if err != nil {
		return 0, 0, err
	}
	d, err := ParseDuration(strings.TrimSuffix(f[3], ","))
	if err != nil {
		return 0, 0, err
	}
	return n, d, nil
}

func parseRate(f []string) (float64, error) {
	if len(f) != 2 {
		return 0, errors.New("want one number")
	}
	v, err := strconv.ParseFloat(f[1], 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%q is not a rate", f[1])
	}
	return v, nil
}

// ParseCount reads a non-negative integer.
func ParseCount(s string) (int64, error) {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%q is not a count", s)
	}
	return v, nil
}

// parseSocketErrors reads " connect 0, read 0, write 0, timeout 4".
func parseSocketErrors(s string) (SocketErrors, error) {
	var e SocketErrors
	fields := map[string]*int64{"connect": &e.Connect, "read": &e.Read, "write": &e.Write, "timeout": &e.Timeout}
	for part := range strings.SplitSeq(s, ",") {
		name, num, ok := strings.Cut(strings.TrimSpace(part), " ")
		dst := fields[name]
		if !ok || dst == nil {
			return SocketErrors{}, fmt.Errorf("socket error %q", part)
		}
		v, err := ParseCount(strings.TrimSpace(num))
		if err != nil {
			return SocketErrors{}, err
		}
		*dst = v
	}
	return e, nil
}

// units are the suffixes wrk prints times with (units.c), longest match first.
var units = []struct {
	suffix string
	d      time.Duration
}{
	{"us", time.Microsecond}, {"ms", time.Millisecond}, {"s", time.Second}, {"m", time.Minute}, {"h", time.Hour},
}

// ParseDuration reads a wrk time such as 156.00us, 9.97ms or 1.50m.
func ParseDuration(s string) (time.Duration, error) {
	for _, u := range units {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(num, 64)
		d := v * float64(u.d)
		if err != nil || !(v >= 0) || d >= math.MaxInt64 {
			break
		}
		return time.Duration(math.Round(d)), nil
	}
	return 0, fmt.Errorf("%q is not a wrk time", s)
}

func firstLine(b []byte) string {
	line, _, _ := bytes.Cut(bytes.TrimSpace(b), []byte("\n"))
	return string(line)
}
