// Command eventbench measures ad-event throughput end to end (make bench):
// client beacons over HTTP into an in-process adstitch in embedded mode
// (spool, then SQLite, no Kafka), from many keep-alive clients. It prints
// the events/s HTTP accepted, the events/s that landed in the store, and
// the beacon request's latency, which includes the spool fsync.
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
	var o options
	flag.IntVar(&o.events, "events", 200_000, "client beacons to send")
	flag.IntVar(&o.clients, "clients", 64, "concurrent keep-alive HTTP clients")
	flag.DurationVar(&o.landTimeout, "land-timeout", 2*time.Minute, "longest wait, after the last beacon, for the store to hold every event")
	flag.StringVar(&o.dir, "dir", "", "data directory, empty or missing; kept after the run (default: a temporary one, removed at exit)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the whole run (server and clients) to this file")
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
