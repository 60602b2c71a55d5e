package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

// fireGo sends o.events beacons from the in-process clients, retrying
// 503s, and waits for the store to hold them all.
func fireGo(ctx context.Context, o options, f *firer, adst *embedded, res *result, progress io.Writer) error {
	fmt.Fprintf(progress, "sending %d beacons from %d clients …\n", o.events, o.clients)
	start, cpuStart := time.Now(), cpuUsed()
	lat, err := f.sendBeacons(ctx, o.events)
	if err != nil {
		return err
	}
	res.acceptedIn = time.Since(start)
	res.accepted = int64(o.events)
	res.latency = latencyStats(lat)
	res.retries = f.retries.Load()
	waitErr := waitInserted(ctx, adst, int64(res.sessions+o.events), o.landTimeout)
	res.landedIn = time.Since(start)
	res.cpu = cpuUsed() - cpuStart
	res.recorded = adst.beacons.Load()
	return checkStored(ctx, adst, res, waitErr)
}
