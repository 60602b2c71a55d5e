package main

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// targetEventsPerSecond is the sustained end-to-end rate asked of one node.
const targetEventsPerSecond = 50_000

// result is one run's measurements.
type result struct {
	opts      options
	sessions  int
	accepted  time.Duration   // first beacon sent → last beacon answered 204
	landed    time.Duration   // first beacon sent → the store holds every beacon
	latency   []time.Duration // per beacon request, as the client saw it
	cpu       time.Duration   // CPU this process used from the first beacon until all landed
	cores     int
	retries   int64 // 503 answers retried
	malformed int64 // spool records that were not events
	stored    storedCounts
}

func (r *result) print(w io.Writer) {
	n := r.opts.events
	fmt.Fprintf(w, "eventbench: %d client beacons over %d sessions from %d keep-alive clients; embedded spool -> SQLite\n",
		n, r.sessions, r.opts.clients)
	if r.accepted > 0 {
		fmt.Fprintf(w, "  accepted by HTTP   %8.0f events/s  (%d in %s, %d retried after 503)\n",
			rate(n, r.accepted), n, r.accepted.Round(time.Millisecond), r.retries)
	}
	if r.landed > 0 {
		verdict := "met"
		if rate(n, r.landed) < targetEventsPerSecond {
			verdict = "missed"
		}
		fmt.Fprintf(w, "  landed in store    %8.0f events/s  (all %d stored %s after the first beacon; target %d/s %s)\n",
			rate(n, r.landed), n, r.landed.Round(time.Millisecond), targetEventsPerSecond, verdict)
	}
	if len(r.latency) > 0 {
		mean, p50, p99, worst := latencyStats(r.latency)
		fmt.Fprintf(w, "  beacon request     mean %s  p50 %s  p99 %s  max %s  (waits for the spool fsync, never the network)\n",
			mean, p50, p99, worst)
	}
	if r.cpu > 0 && r.landed > 0 {
		fmt.Fprintf(w, "  CPU                %.2f of %d cores busy meanwhile (server, drain and clients: one process)\n",
			r.cpu.Seconds()/r.landed.Seconds(), r.cores)
	}
	fmt.Fprintf(w, "  store check        %d rows, %d distinct ids: %d beacons of %d, %d session starts of %d, %d malformed records\n",
		r.stored.rows, r.stored.distinct, r.stored.beacons, n, r.stored.sessionStarts, r.sessions, r.malformed)
}

func rate(n int, d time.Duration) float64 { return float64(n) / d.Seconds() }

// latencyStats returns mean, median, 99th percentile and maximum.
func latencyStats(lat []time.Duration) (mean, p50, p99, worst time.Duration) {
	s := slices.Clone(lat)
	slices.Sort(s)
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	at := func(q float64) time.Duration { return s[min(int(q*float64(len(s))), len(s)-1)] }
	r := func(d time.Duration) time.Duration { return d.Round(time.Microsecond) }
	return r(sum / time.Duration(len(s))), r(at(0.5)), r(at(0.99)), r(s[len(s)-1])
}
