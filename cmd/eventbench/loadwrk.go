package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// settleQuiet is how long no new event may arrive, after wrk exited,
// before the server counts as done: requests wrk had written when it
// stopped are still served, and land like any other.
const settleQuiet = 250 * time.Millisecond

// fireWrk has wrk send distinct beacon requests for o.duration, then
// waits until the store holds every event the server recorded, those of
// wrk's in-flight requests included.
func fireWrk(ctx context.Context, o options, bin string, adst *embedded, tokens []string, res *result, progress io.Writer) error {
	dir, err := os.MkdirTemp("", "eventbench-wrk-")
	if err != nil {
		return fmt.Errorf("wrk temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	script, tokensFile, err := writeWrkFiles(dir, o.beacons, tokens)
	if err != nil {
		return err
	}
	fmt.Fprintf(progress, "sending %s beacons for %ds with %s …\n", o.beacons, wrkSeconds(o.duration), o.wrk)
	cpuStart := cpuUsed() // the server idles while wrk builds its requests
	run, err := runWrk(ctx, bin, o.wrk, o.duration, script, tokensFile, adst.base+"/")
	if err != nil {
		return err
	}
	w := run.report
	res.latency = latencySummary{mean: w.mean, p50: w.p50, p99: w.p99, max: w.max}
	res.non2xx, res.socket, res.issued = w.non2xx, w.socket, w.issued
	res.wrkCPU, res.wrkRuntime = max(0, run.cpu-w.initCPU), w.runtime

	landedAt, waitErr := waitSettled(ctx, adst, settleQuiet, o.landTimeout)
	res.cpu = cpuUsed() - cpuStart
	// Timed by the server's clock, from its first beacon (see embedded).
	first, last := time.Unix(0, adst.firstBeacon.Load()), time.Unix(0, adst.lastBeacon.Load())
	res.accepted, res.acceptedIn = w.answered(), last.Sub(first)
	res.landedIn = landedAt.Sub(first)
	res.recorded, res.recordedRequests = adst.beacons.Load(), adst.beaconWrites.Load()
	if w.overflow > 0 {
		// Repeated paths count once in the store: the check below would
		// call them lost.
		return fmt.Errorf("wrk sent %d beacon requests past the end of the %d-path list: raise maxBeaconRate",
			w.overflow, res.sessions*o.beacons.perSession())
	}
	if err := checkStored(ctx, adst, res, waitErr); err != nil {
		return err
	}
	if o.baseline {
		fmt.Fprintf(progress, "sending the same requests for %ds to a bare server …\n", wrkSeconds(o.duration))
		b, err := runBaseline(ctx, o, bin, script, tokensFile)
		if err != nil {
			return err
		}
		res.baseline = rate(b.report.answered(), b.report.runtime)
	}
	switch {
	case res.accepted == 0:
		return errors.New("wrk saw no beacon request answered 2xx or 3xx")
	case res.recordedRequests > w.issued:
		return fmt.Errorf("the server recorded %d beacon requests, more than the %d the wrk script issued", res.recordedRequests, w.issued)
	}
	return nil
}

// waitSettled waits until no event was recorded for quiet and the store
// holds every recorded event. It returns when the store first held the
// last of them.
func waitSettled(ctx context.Context, e *embedded, quiet, timeout time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	last, changed := e.recorded.Load(), time.Now()
	var caughtUp time.Time
	for {
		rec := e.recorded.Load() // before inserted: rec ≤ inserted means all of rec landed
		now := time.Now()
		if rec != last {
			last, changed, caughtUp = rec, now, time.Time{}
		}
		switch {
		case e.inserted.Load() < rec:
			caughtUp = time.Time{}
		case caughtUp.IsZero():
			caughtUp = now
		}
		if !caughtUp.IsZero() && now.Sub(changed) >= quiet {
			return caughtUp, nil
		}
		if err := ctx.Err(); err != nil {
			return now, err
		}
		if now.After(deadline) {
			return now, fmt.Errorf("%d of %d events stored %s after the load stopped", e.inserted.Load(), rec, timeout)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
