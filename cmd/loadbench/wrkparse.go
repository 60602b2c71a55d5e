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

// ErrWrkOutput means wrk's output is not a finished run's report (wrk
// could not connect, was killed, or printed something unexpected).
var ErrWrkOutput = errors.New("unexpected wrk output")

// wrkResult is what the bench reads from one wrk run with --latency.
type wrkResult struct {
	Requests     int64   // completed requests
	ReqPerSec    float64 // "Requests/sec"
	P50, P75     time.Duration
	P90, P99     time.Duration
	Non2xx       int64 // "Non-2xx or 3xx responses"
	SocketErrors socketErrors

	// ServerCPU is not wrk's: the CPU time this process (the servers under
	// test) used during the run.
	ServerCPU time.Duration
}

// cpuPerRequest is the server's CPU time per completed request, 0 when
// unknown.
func (r wrkResult) cpuPerRequest() time.Duration {
	if r.Requests == 0 {
		return 0
	}
	return r.ServerCPU / time.Duration(r.Requests)
}

// socketErrors is wrk's "Socket errors:" line; absent means all zero.
type socketErrors struct {
	Connect, Read, Write, Timeout int64
}

// any reports whether wrk counted a socket error.
func (s socketErrors) any() bool { return s != socketErrors{} }

// parseWrk reads the report wrk 4.x prints with --latency. Errors name the
// line they stopped at.
func parseWrk(out []byte) (wrkResult, error) {
	var r wrkResult
	var seen struct{ rps, requests bool }
	percentiles := map[string]*time.Duration{"50%": &r.P50, "75%": &r.P75, "90%": &r.P90, "99%": &r.P99}
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		f := strings.Fields(line)
		var err error
		switch {
		case len(f) == 0:
		case f[0] == "Requests/sec:":
			r.ReqPerSec, err = parseRate(f)
			seen.rps = true
		case len(f) >= 2 && f[1] == "requests" && strings.HasPrefix(line, f[0]+" requests in "):
			r.Requests, err = parseCount(f[0])
			seen.requests = true
		case strings.HasPrefix(line, "Non-2xx or 3xx responses:"):
			r.Non2xx, err = parseCount(strings.TrimSpace(strings.TrimPrefix(line, "Non-2xx or 3xx responses:")))
		case strings.HasPrefix(line, "Socket errors:"):
			r.SocketErrors, err = parseSocketErrors(strings.TrimPrefix(line, "Socket errors:"))
		case len(f) == 2 && percentiles[f[0]] != nil:
			*percentiles[f[0]], err = parseWrkDuration(f[1])
			found++
		}
		if err != nil {
			return wrkResult{}, fmt.Errorf("%w: line %d %q: %w", ErrWrkOutput, n, line, err)
		}
	}
	switch {
	case !seen.rps || !seen.requests:
		return wrkResult{}, fmt.Errorf("%w: no report (%q)", ErrWrkOutput, firstLine(out))
	case found != len(percentiles):
		return wrkResult{}, fmt.Errorf("%w: no latency distribution (run wrk with --latency)", ErrWrkOutput)
	}
	return r, nil
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
	fields := map[string]*int64{"connect": &e.Connect, "read": &e.Read, "write": &e.Write, "timeout": &e.Timeout}
	for _, part := range strings.Split(s, ",") {
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

// wrkUnits are the suffixes wrk prints times with (stats.c format_time).
var wrkUnits = []struct {
	suffix string
	d      time.Duration
}{
	{"us", time.Microsecond}, {"ms", time.Millisecond}, {"s", time.Second}, {"m", time.Minute}, {"h", time.Hour},
}

// parseWrkDuration reads a wrk time such as 156.00us, 9.97ms or 1.50s.
func parseWrkDuration(s string) (time.Duration, error) {
	for _, u := range wrkUnits {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(num, 64)
		d := v * float64(u.d)
		if err != nil || v < 0 || math.IsNaN(v) || d >= math.MaxInt64 {
			break
		}
		return time.Duration(d), nil
	}
	return 0, fmt.Errorf("%q is not a wrk time", s)
}

func firstLine(b []byte) string {
	line, _, _ := bytes.Cut(bytes.TrimSpace(b), []byte("\n"))
	return string(line)
}
