package main

import (
	"time"

	"github.com/adstitch/adstitch/cmd/internal/wrk"
)

// ErrWrkOutput means wrk did not print a finished run's report (it could
// not connect, was killed, or printed something unexpected).
var ErrWrkOutput = wrk.ErrOutput

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
type socketErrors = wrk.SocketErrors

// parseWrk reads the report wrk 4.x prints with --latency.
func parseWrk(out []byte) (wrkResult, error) {
	r, err := wrk.Parse(out)
	if err != nil {
		return wrkResult{}, err
	}
	return wrkResult{Requests: r.Requests, ReqPerSec: r.ReqPerSec, P50: r.P50, P75: r.P75, P90: r.P90, P99: r.P99,
		Non2xx: r.Non2xx, SocketErrors: r.Socket}, nil
}
