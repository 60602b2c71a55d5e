package main

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

// ErrWrkOutput means wrk's output is not the report of a finished run
// with --latency and eventbench's script.
var ErrWrkOutput = errors.New("unexpected wrk output")

// wrkReport is what eventbench reads from wrk's output.
type wrkReport struct {
	requests int64         // completed, whatever the status
	runtime  time.Duration // "N requests in 10.01s"
	non2xx   int64         // "Non-2xx or 3xx responses" (wrk counts status > 399)
	socket   socketErrors

	mean, max          time.Duration // the thread stats' Latency line
	p50, p75, p90, p99 time.Duration

	issued   int64 // request() calls of the script, see wrkScriptBody
	overflow int64 // of them, past the end of the path list
}

// answered is how many requests wrk saw answered 2xx (or 3xx).
func (r wrkReport) answered() int64 { return r.requests - r.non2xx }

// socketErrors is wrk's "Socket errors:" line; absent means all zero.
type socketErrors struct {
	connect, read, write, timeout int64
}

func (s socketErrors) any() bool { return s != socketErrors{} }

func (s socketErrors) String() string {
	return fmt.Sprintf("connect %d, read %d, write %d, timeout %d", s.connect, s.read, s.write, s.timeout)
}

// parseWrk reads the report wrk 4.x prints with --latency, followed by
// the script's done() line. Errors name the line they stopped at.
func parseWrk(out []byte) (wrkReport, error) {
	var r wrkReport
	var seen struct{ requests, latency, script bool }
	percentiles := map[string]*time.Duration{"50%": &r.p50, "75%": &r.p75, "90%": &r.p90, "99%": &r.p99}
	found := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		f := strings.Fields(line)
		var err error
		switch {
		case len(f) == 0:
		case f[0] == "Latency" && len(f) == 5:
			r.mean, r.max, err = parseLatencyLine(f)
			seen.latency = true
		case len(f) >= 4 && f[1] == "requests" && f[2] == "in":
			r.requests, r.runtime, err = parseRequestsLine(f)
			seen.requests = true
		case strings.HasPrefix(line, "Non-2xx or 3xx responses:"):
			r.non2xx, err = parseCount(strings.TrimSpace(strings.TrimPrefix(line, "Non-2xx or 3xx responses:")))
		case strings.HasPrefix(line, "Socket errors:"):
			r.socket, err = parseSocketErrors(strings.TrimPrefix(line, "Socket errors:"))
		case f[0] == scriptReportPrefix:
			r.issued, r.overflow, err = parseScriptLine(f)
			seen.script = true
		case len(f) == 2 && percentiles[f[0]] != nil:
			*percentiles[f[0]], err = parseWrkDuration(f[1])
			found[f[0]] = true
		}
		if err != nil {
			return wrkReport{}, fmt.Errorf("%w: line %d %q: %w", ErrWrkOutput, n, line, err)
		}
	}
	switch {
	case !seen.requests:
		return wrkReport{}, fmt.Errorf("%w: no \"requests in\" line (%q)", ErrWrkOutput, firstLine(out))
	case !seen.latency || len(found) != len(percentiles):
		return wrkReport{}, fmt.Errorf("%w: no latency statistics (run wrk with --latency)", ErrWrkOutput)
	case !seen.script:
		return wrkReport{}, fmt.Errorf("%w: no %q line (not eventbench's script?)", ErrWrkOutput, scriptReportPrefix)
	}
	return r, nil
}

// parseLatencyLine reads "Latency 4.33ms 11.35ms 152.10ms 90.95%": mean,
// standard deviation, max, share within one deviation.
func parseLatencyLine(f []string) (mean, max time.Duration, err error) {
	if mean, err = parseWrkDuration(f[1]); err != nil {
		return 0, 0, err
	}
	if max, err = parseWrkDuration(f[3]); err != nil {
		return 0, 0, err
	}
	return mean, max, nil
}

// parseRequestsLine reads "76743 requests in 2.01s, 9.08MB read".
func parseRequestsLine(f []string) (int64, time.Duration, error) {
	n, err := parseCount(f[0])
	if err != nil {
		return 0, 0, err
	}
	d, err := parseWrkDuration(strings.TrimSuffix(f[3], ","))
	if err != nil {
		return 0, 0, err
	}
	return n, d, nil
}

// parseScriptLine reads "eventbench-script: issued 123 overflow 0".
func parseScriptLine(f []string) (issued, overflow int64, err error) {
	if len(f) != 5 || f[1] != "issued" || f[3] != "overflow" {
		return 0, 0, errors.New("want issued N overflow N")
	}
	if issued, err = parseCount(f[2]); err != nil {
		return 0, 0, err
	}
	if overflow, err = parseCount(f[4]); err != nil {
		return 0, 0, err
	}
	if overflow > issued {
		return 0, 0, errors.New("overflow exceeds issued")
	}
	return issued, overflow, nil
}

func parseCount(s string) (int64, error) {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%q is not a count", s)
	}
	return v, nil
}

// parseSocketErrors reads " connect 0, read 0, write 0, timeout 4".
func parseSocketErrors(s string) (socketErrors, error) {
	var e socketErrors
	fields := map[string]*int64{"connect": &e.connect, "read": &e.read, "write": &e.write, "timeout": &e.timeout}
	for part := range strings.SplitSeq(s, ",") {
		name, num, ok := strings.Cut(strings.TrimSpace(part), " ")
		dst := fields[name]
		if !ok || dst == nil {
			return socketErrors{}, fmt.Errorf("socket error %q", part)
		}
		v, err := parseCount(strings.TrimSpace(num))
		if err != nil {
			return socketErrors{}, err
		}
		*dst = v
	}
	return e, nil
}

// wrkUnits are the suffixes wrk prints times with (units.c), longest
// match first.
var wrkUnits = []struct {
	suffix string
	d      time.Duration
}{
	{"us", time.Microsecond}, {"ms", time.Millisecond}, {"s", time.Second}, {"m", time.Minute}, {"h", time.Hour},
}

// parseWrkDuration reads a wrk time such as 156.00us, 9.97ms or 1.50m.
func parseWrkDuration(s string) (time.Duration, error) {
	for _, u := range wrkUnits {
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
