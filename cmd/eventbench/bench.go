package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	_ "modernc.org/sqlite" // driver "sqlite", the one sqlitestore uses
)

// ErrLost is returned when the store does not end up with every event
// exactly once.
var ErrLost = errors.New("events lost")

// run starts the origin and adstitch, creates the sessions, has the load
// generator send the beacon requests and waits for the store to hold
// every event they recorded.
func run(ctx context.Context, o options, progress io.Writer) (res *result, err error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	var wrkBin string
	if o.load == loadWrk {
		if wrkBin, err = findWrk(); err != nil {
			return nil, err
		}
	}
	dir := o.dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "eventbench-"); err != nil {
			return nil, fmt.Errorf("temp dir: %w", err)
		}
		defer os.RemoveAll(dir)
	} else if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		// Events of an earlier run would count as this run's.
		return nil, fmt.Errorf("-dir %s: must be empty or missing", dir)
	}
	org, err := startOrigin()
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, org.close()) }()
	adst, err := startEmbedded(dir, org, o.beacons)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, adst.stop()) }()
	f := newFirer(adst.base, o.clients)
	defer f.close() // before adstitch stops: its shutdown waits for open connections

	sessions := o.sessions()
	fmt.Fprintf(progress, "creating %d sessions …\n", sessions)
	if err := f.createSessions(ctx, sessions); err != nil {
		return nil, err
	}
	// Their session_start events land first, so the clock below times
	// beacons only.
	if err := waitInserted(ctx, adst, int64(sessions), o.landTimeout); err != nil {
		return nil, fmt.Errorf("session_start events: %w", err)
	}

	res = &result{load: o.load, beacons: o.beacons, label: o.loadLabel(), sessions: sessions, cores: runtime.NumCPU()}
	if o.load == loadWrk {
		f.close()
		err = fireWrk(ctx, o, wrkBin, adst, f.tokens, res, progress)
	} else {
		err = fireGo(ctx, o, f, adst, res, progress)
	}
	return res, err
}

// checkStored reads the store and fails with ErrLost unless it holds
// every beacon event the server recorded, and every session start, once.
// Each accepted request recorded at least one event.
func checkStored(ctx context.Context, adst *embedded, res *result, waitErr error) error {
	res.malformed = adst.malformed.Load()
	res.spool = adst.spool.Stats()
	var err error
	if res.stored, err = countStored(ctx, adst.dbPath); err != nil {
		return err
	}
	s := res.stored
	if waitErr != nil || int64(s.beacons) != res.recorded || int64(s.beacons) < res.accepted ||
		s.distinct != s.rows || s.sessionStarts != res.sessions {
		return fmt.Errorf("%w: the store holds %d beacon events of %d recorded (%d requests accepted), %d distinct ids in %d rows and %d session starts of %d (%v)",
			ErrLost, s.beacons, res.recorded, res.accepted, s.distinct, s.rows, s.sessionStarts, res.sessions, waitErr)
	}
	return nil
}

// waitInserted waits until the store accepted n events in all.
func waitInserted(ctx context.Context, e *embedded, n int64, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for e.inserted.Load() < n {
		if err := ctx.Err(); err != nil {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d of %d events stored after %s", e.inserted.Load(), n, timeout)
		}
		time.Sleep(2 * time.Millisecond)
	}
	return nil
}

// storedCounts is what the events table holds at the end.
type storedCounts struct {
	rows, distinct, beacons, sessionStarts int
}

// countStored reads the events table directly: the proof that nothing was
// lost or counted twice is the table, not the insert counter.
func countStored(ctx context.Context, path string) (storedCounts, error) {
	var c storedCounts
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return c, fmt.Errorf("open events db %s: %w", path, err)
	}
	defer db.Close()
	err = db.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT event_id),
		count(*) FILTER (WHERE type != 'session_start'), count(*) FILTER (WHERE type = 'session_start') FROM events`).
		Scan(&c.rows, &c.distinct, &c.beacons, &c.sessionStarts)
	if err != nil {
		return c, fmt.Errorf("count events in %s: %w", path, err)
	}
	return c, nil
}
