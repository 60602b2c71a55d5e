// Command eventbench measures ad-event throughput end to end (make bench):
// beacon requests over HTTP into an in-process adstitch in embedded mode
// (spool, then SQLite, no Kafka). It prints the requests/s HTTP accepted,
// the events/s that landed in the store, the events per request, and the
// beacon request's latency, which includes the spool's group write.
//
// -beacons picks what a beacon request is. client (the default): an SDK
// player's tracking call, GET /v1/events/{token}/{avail}/0/house/{type},
// one event, answered 204. server: a standard player's ad segment fetch,
// GET /v1/s/{token}/a/{avail}/0/house/0/{seg}.ts, with ad_segments in
// redirect mode: adstitch records every beacon the segment crosses in one
// spool write and answers 302 to the CDN; the 4+4+2 s house ad's three
// fetches record 3, 2 and 1 events. Both walk one ad's requests in order,
// session after session, then the next avail (beaconPath).
//
// -load picks what sends them. go (the default): -events beacon requests
// from -clients fasthttp clients in this process, retrying 503s, never
// following a redirect; they compete with the server for its cores. wrk:
// wrk, a separate C process as players are separate machines, sends
// distinct requests for -duration from a generated Lua script
// (wrkscript.go), never retrying. The store must then hold every event
// the server recorded: for all the requests wrk saw answered and any it
// still had in flight when it stopped. Then (-baseline) wrk sends the same
// requests to a bare fasthttp server that answers at once, and the report
// gives adstitch's rate as a ratio of that one: these machines' speed
// drifts by a tenth or more within an hour, the ratio much less.
//
// -wrk-threads 1 -wrk-conns 256 is wrk's default. A second thread takes
// CPU from the drain on the 2-core bench machine. Landed events/s, 3 runs
// each of -load wrk -d10s -baseline=false, one after the other (min-max;
// p50 latency), all of them stored once:
//
//	client  -c64   52-54k   0.85 ms
//	        -c128  56-58k   1.7 ms
//	        -c256  58-59k   3.4 ms
//	server  -c64   74-75k   1.35 ms   (38k requests/s)
//	        -c128  71-76k   2.8 ms    (36-38k requests/s)
//	        -c256  64-70k   6.1 ms    (33-35k requests/s)
//
// The same build landed 46-54k tracking events/s at -c256 within the same
// hour: the machine's speed drifts, which is what -baseline is for.
// Tracking calls land the most with 256 connections, which players would
// open many more of; ad segment fetches with 64. The CPU is the bound:
// the server and the drain take about 1.35 cores, wrk 0.45 and the kernel
// the rest.
//
// It owns nothing the server uses: it wires adstitch's packages the way
// `adstitch serve` does without Kafka. It exits non-zero only when events
// are lost or the harness fails, never because a target is missed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"
)

func main() {
	os.Exit(benchMain())
}

// benchMain runs the bench and returns the exit code, after its deferred
// work (the CPU profile) is done.
func benchMain() int {
	o := options{load: loadGo, beacons: beaconsClient, wrk: defaultWrk}
	flag.Func("load", "what sends the beacons: go (clients in this process) or wrk (a separate process) (default go)", func(s string) (err error) {
		o.load, err = parseLoad(s)
		return err
	})
	flag.Func("beacons", "what a beacon request is: client (a player's tracking call, one event) or server (an ad segment fetch, answered 302 to the CDN, 1 to 3 events) (default client)", func(s string) (err error) {
		o.beacons, err = parseBeacons(s)
		return err
	})
	flag.IntVar(&o.events, "events", 200_000, "go load: beacon requests to send (server beacons record 2 events each on average)")
	flag.IntVar(&o.clients, "clients", 64, "go load: concurrent keep-alive HTTP clients (both loads create the sessions with them)")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "wrk load: how long wrk sends beacons (whole seconds)")
	flag.IntVar(&o.wrk.threads, "wrk-threads", defaultWrk.threads, "wrk load: wrk threads (-t)")
	flag.IntVar(&o.wrk.conns, "wrk-conns", defaultWrk.conns, "wrk load: wrk keep-alive connections (-c)")
	flag.BoolVar(&o.baseline, "baseline", true, "wrk load: then send the same requests to a bare fasthttp server answering at once, and print adstitch's rate as a ratio of its")
	flag.DurationVar(&o.landTimeout, "land-timeout", 2*time.Minute, "longest wait, after the last beacon, for the store to hold every event")
	flag.StringVar(&o.dir, "dir", "", "data directory, empty or missing; kept after the run (default: a temporary one, removed at exit)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of this process (server, drain and the go load's clients) to this file")
	flag.Parse()
	if *cpuProfile != "" {
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "eventbench:", err)
			return 1
		}
		defer stopProfile()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := run(ctx, o, os.Stderr)
	if res != nil {
		res.print(os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "eventbench:", err)
		return 1
	}
	return 0
}
