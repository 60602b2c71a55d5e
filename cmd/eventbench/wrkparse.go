package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/adstitch/adstitch/cmd/internal/wrk"
)

// ErrWrkOutput means wrk's output is not the report of a finished run
// with --latency and eventbench's script.
var ErrWrkOutput = wrk.ErrOutput

// wrkReport is what eventbench reads from wrk's output.
type wrkReport struct {
	requests int64         // completed, whatever the status
	runtime  time.Duration // "N requests in 10.01s"
	non2xx   int64         // "Non-2xx or 3xx responses" (wrk counts status > 399)
	socket   socketErrors

	mean, max          time.Duration // the thread stats' Latency line
	p50, p75, p90, p99 time.Duration

	issued   int64         // request() calls of the script, see wrkScriptBody
	overflow int64         // of them, past the end of the path list
	initCPU  time.Duration // CPU wrk used before its clock started: the script's init
}

// answered is how many requests wrk saw answered 2xx (or 3xx).
func (r wrkReport) answered() int64 { return r.requests - r.non2xx }

// socketErrors is wrk's "Socket errors:" line; absent means all zero.
type socketErrors = wrk.SocketErrors

// parseWrk reads the report wrk 4.x prints with --latency, followed by
// the script's done() line.
func parseWrk(out []byte) (wrkReport, error) {
	r, err := wrk.Parse(out)
	if err != nil {
		return wrkReport{}, err
	}
	rep := wrkReport{requests: r.Requests, runtime: r.Runtime, non2xx: r.Non2xx, socket: r.Socket,
		mean: r.Mean, max: r.Max, p50: r.P50, p75: r.P75, p90: r.P90, p99: r.P99}
	for _, line := range r.Lines {
		f := strings.Fields(line)
		if f[0] != scriptReportPrefix {
			continue
		}
		if rep.issued, rep.overflow, rep.initCPU, err = parseScriptLine(f); err != nil {
			return wrkReport{}, fmt.Errorf("%w: %q: %w", ErrWrkOutput, line, err)
		}
		return rep, nil
	}
	return wrkReport{}, fmt.Errorf("%w: no %q line (not eventbench's script?)", ErrWrkOutput, scriptReportPrefix)
}

// parseScriptLine reads "eventbench-script: issued 123 overflow 0
// init_cpu 1.250"; scripts before init_cpu ended after overflow.
func parseScriptLine(f []string) (issued, overflow int64, initCPU time.Duration, err error) {
	if (len(f) != 5 && len(f) != 7) || f[1] != "issued" || f[3] != "overflow" || (len(f) == 7 && f[5] != "init_cpu") {
		return 0, 0, 0, errors.New("want issued N overflow N init_cpu SECONDS")
	}
	if issued, err = wrk.ParseCount(f[2]); err != nil {
		return 0, 0, 0, err
	}
	if overflow, err = wrk.ParseCount(f[4]); err != nil {
		return 0, 0, 0, err
	}
	if overflow > issued {
		return 0, 0, 0, errors.New("overflow exceeds issued")
	}
	if len(f) == 7 {
		secs, err := strconv.ParseFloat(f[6], 64)
		if err != nil || !(secs >= 0 && secs < 1e6) { // also refuses NaN
			return 0, 0, 0, fmt.Errorf("init_cpu %q: want seconds", f[6])
		}
		initCPU = time.Duration(secs * float64(time.Second))
	}
	return issued, overflow, initCPU, nil
}
