// Command eventbench measures ad-event throughput end to end (make bench):
// client beacons over HTTP into an in-process adstitch in embedded mode
// (spool, then SQLite, no Kafka). It prints the events/s HTTP accepted,
// the events/s that landed in the store, and the beacon request's
// latency, which includes the spool fsync.
//
// -load picks what sends the beacons. go (the default): -events beacons
// from -clients fasthttp clients in this process, retrying 503s; they
// compete with the server for its cores. wrk: wrk, a separate C process
// as players are separate machines, sends distinct beacons for -duration
// from a generated Lua script (wrkscript.go), never retrying. The store
// must then hold every beacon the server answered 204 for: all those wrk
// saw answered and any it still had in flight when it stopped.
// -wrk-threads 1 -wrk-conns 64 is wrk's default: on the 2-core bench
// machine it landed as many events/s as -t1/-c128 and more than -t2/-c128
// (whose second thread takes CPU from the drain), at half their latency;
// more connections only grew the spool's backlog.
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
	o := options{load: loadGo, wrk: defaultWrk}
	flag.Func("load", "what sends the beacons: go (clients in this process) or wrk (a separate process) (default go)", func(s string) (err error) {
		o.load, err = parseLoad(s)
		return err
	})
	flag.IntVar(&o.events, "events", 200_000, "go load: client beacons to send")
	flag.IntVar(&o.clients, "clients", 64, "go load: concurrent keep-alive HTTP clients (both loads create the sessions with them)")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "wrk load: how long wrk sends beacons (whole seconds)")
	flag.IntVar(&o.wrk.threads, "wrk-threads", defaultWrk.threads, "wrk load: wrk threads (-t)")
	flag.IntVar(&o.wrk.conns, "wrk-conns", defaultWrk.conns, "wrk load: wrk keep-alive connections (-c)")
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
