package main

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/adstitch/adstitch/analytics/spool"
)

// targetEventsPerSecond is the sustained end-to-end rate asked of one node.
const targetEventsPerSecond = 50_000

// result is one run's measurements.
type result struct {
	load     loadKind
	beacons  beaconKind
	label    string // the load line: who sent the beacons, how
	sessions int
	cores    int

	accepted         int64         // beacon requests the load generator saw answered 204 (server beacons: 302)
	acceptedIn       time.Duration // first request sent → last one answered (wrk: the server's first → last beacon)
	recorded         int64         // beacon events the server spooled before answering
	recordedRequests int64         // the spool writes that held them: one per recorded request
	landedIn         time.Duration // first request sent (wrk: the server's first beacon) → the store holds every recorded event
	latency          latencySummary
	cpu              time.Duration // CPU this process used from the first beacon until all landed
	wrkCPU           time.Duration // CPU wrk used after building its requests, 0 for the go load
	wrkRuntime       time.Duration
	baseline         float64 // wrk: requests/s a bare server answered (runBaseline), 0 if not run

	retries int64 // go: 503 answers retried
	non2xx  int64 // wrk: answers with status > 399, not retried (its "Non-2xx or 3xx" line)
	socket  socketErrors
	issued  int64 // wrk: beacon paths the script handed out (sent or not)

	malformed int64 // spool records that were not events
	spool     spool.Stats
	stored    storedCounts
}

// latencySummary is the beacon request's latency as the client saw it.
type latencySummary struct {
	mean, p50, p99, max time.Duration
}

func (r *result) print(w io.Writer) {
	status := r.beacons.route().status
	fmt.Fprintf(w, "eventbench: %d beacon events from %d requests over %d sessions; embedded spool -> SQLite\n",
		r.recorded, r.recordedRequests, r.sessions)
	fmt.Fprintf(w, "  beacons            %s\n", r.beacons.label())
	fmt.Fprintf(w, "  load               %s\n", r.label)
	if r.acceptedIn > 0 {
		fmt.Fprintf(w, "  accepted by HTTP   %8.0f requests/s  (%d answered %d in %s, %s)\n",
			rate(r.accepted, r.acceptedIn), r.accepted, status, r.acceptedIn.Round(time.Millisecond), r.troubles())
	}
	if r.baseline > 0 && r.acceptedIn > 0 {
		fmt.Fprintf(w, "  bare HTTP server   %8.0f requests/s  (the same requests, answered %d at once and nothing else: adstitch accepted %.2f as many)\n",
			r.baseline, status, rate(r.accepted, r.acceptedIn)/r.baseline)
	}
	if r.landedIn > 0 {
		verdict := "met"
		if rate(r.recorded, r.landedIn) < targetEventsPerSecond {
			verdict = "missed"
		}
		perRequest := 0.0
		if r.recordedRequests > 0 {
			perRequest = float64(r.recorded) / float64(r.recordedRequests)
		}
		fmt.Fprintf(w, "  landed in store    %8.0f events/s    (all %d stored %s after the first request, %.2f events/request; target %d/s %s)\n",
			rate(r.recorded, r.landedIn), r.recorded, r.landedIn.Round(time.Millisecond), perRequest, targetEventsPerSecond, verdict)
	}
	if l := r.latency; l.max > 0 {
		fmt.Fprintf(w, "  beacon request     mean %s  p50 %s  p99 %s  max %s  (waits for the spool's group write, never the network)\n",
			l.mean, l.p50, l.p99, l.max)
	}
	switch {
	case r.cpu <= 0 || r.landedIn <= 0:
	case r.load == loadWrk && r.wrkRuntime > 0:
		fmt.Fprintf(w, "  CPU                %.2f of %d cores busy meanwhile in server and drain; wrk %.2f more\n",
			r.cpu.Seconds()/r.landedIn.Seconds(), r.cores, r.wrkCPU.Seconds()/r.wrkRuntime.Seconds())
	default:
		fmt.Fprintf(w, "  CPU                %.2f of %d cores busy meanwhile (server, drain and clients: one process)\n",
			r.cpu.Seconds()/r.landedIn.Seconds(), r.cores)
	}
	if st := r.spool; st.Writes > 0 {
		fmt.Fprintf(w, "  spool              %.1f records a write  (%d records in %d writes, session starts included)\n",
			float64(st.Appended)/float64(st.Writes), st.Appended, st.Writes)
	}
	beacons := fmt.Sprintf("%d beacon events of %d recorded in %d requests answered %d", r.stored.beacons, r.recorded, r.recordedRequests, status)
	if r.load == loadWrk {
		beacons += fmt.Sprintf(" (%d seen by wrk, %d issued by its script)", r.accepted, r.issued)
	}
	fmt.Fprintf(w, "  store check        %d rows, %d distinct ids: %s, %d session starts of %d, %d malformed records\n",
		r.stored.rows, r.stored.distinct, beacons, r.stored.sessionStarts, r.sessions, r.malformed)
	if r.non2xx > 0 || r.socket.Any() {
		fmt.Fprintf(w, "  WARNING            wrk saw %d answers above 399 and socket errors %s: those beacon requests were not accepted\n",
			r.non2xx, r.socket)
	}
}

// troubles sums up the answers that were not the expected one.
func (r *result) troubles() string {
	if r.load == loadWrk {
		return fmt.Sprintf("%d above 399, socket errors %s", r.non2xx, r.socket)
	}
	return fmt.Sprintf("%d retried after 503", r.retries)
}

func rate(n int64, d time.Duration) float64 { return float64(n) / d.Seconds() }

// latencyStats summarizes per-request latencies: mean, median, 99th
// percentile and maximum.
func latencyStats(lat []time.Duration) latencySummary {
	s := slices.Clone(lat)
	slices.Sort(s)
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	at := func(q float64) time.Duration { return s[min(int(q*float64(len(s))), len(s)-1)] }
	r := func(d time.Duration) time.Duration { return d.Round(time.Microsecond) }
	return latencySummary{mean: r(sum / time.Duration(len(s))), p50: r(at(0.5)), p99: r(at(0.99)), max: r(s[len(s)-1])}
}
