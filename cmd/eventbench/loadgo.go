package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

// fireGo sends o.events beacon requests from the in-process clients,
// retrying 503s, and waits for the store to hold every event they
// recorded.
func fireGo(ctx context.Context, o options, f *firer, adst *embedded, res *result, progress io.Writer) error {
	fmt.Fprintf(progress, "sending %d %s beacon requests from %d clients …\n", o.events, o.beacons, o.clients)
	start, cpuStart := time.Now(), cpuUsed()
	lat, err := f.sendBeacons(ctx, o.beacons, o.events)
	if err != nil {
		return err
	}
	res.acceptedIn = time.Since(start)
	res.accepted = int64(o.events)
	res.latency = latencyStats(lat)
	res.retries = f.retries.Load()
	// Every request was answered, so the server recorded all it will.
	res.recorded, res.recordedRequests = adst.beacons.Load(), adst.beaconWrites.Load()
	if want := o.beacons.eventsIn(o.events); res.recorded != want || res.recordedRequests != res.accepted {
		return fmt.Errorf("%w: the server recorded %d events in %d writes for %d %s beacon requests, want %d events",
			ErrLost, res.recorded, res.recordedRequests, o.events, o.beacons, want)
	}
	waitErr := waitInserted(ctx, adst, int64(res.sessions)+res.recorded, o.landTimeout)
	res.landedIn = time.Since(start)
	res.cpu = cpuUsed() - cpuStart
	return checkStored(ctx, adst, res, waitErr)
}
