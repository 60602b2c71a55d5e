package spool

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// sink is a deliver func that fails its first failures calls, then keeps
// what it is given.
type sink struct {
	mu       sync.Mutex
	failures int
	calls    []time.Time
	got      [][]byte
}

func (k *sink) deliver(_ context.Context, recs [][]byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls = append(k.calls, time.Now())
	if len(k.calls) <= k.failures {
		return fmt.Errorf("destination down (call %d)", len(k.calls))
	}
	k.got = append(k.got, recs...)
	return nil
}

func (k *sink) records() [][]byte {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([][]byte(nil), k.got...)
}

func TestDrain(t *testing.T) {
	cases := []struct {
		name     string
		failures int
		n, max   int
	}{
		{"deliver succeeds", 0, 100, 7},
		{"deliver fails once", 1, 100, 30},
		{"deliver fails three times", 3, 50, 50},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t, Options{SegmentBytes: 256, SyncInterval: -1})
			appendN(t, s, 0, c.n)
			k := &sink{failures: c.failures}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- s.Drain(ctx, c.max, k.deliver) }()
			waitFor(t, func() bool { return s.Stats().Committed == int64(c.n) })
			cancel()
			if err := <-done; err != nil {
				t.Fatalf("Drain = %v, want nil after ctx ended", err)
			}
			wantNumbered(t, k.records(), 0, c.n)
			st := s.Stats()
			if st.DeliverErrors != int64(c.failures) || st.PendingRecords != 0 {
				t.Fatalf("stats: %+v", st)
			}
			for i := 1; i <= c.failures; i++ { // 100 ms, 200 ms, 400 ms ...
				want := (100 * time.Millisecond) << (i - 1)
				if gap := k.calls[i].Sub(k.calls[i-1]); gap < want {
					t.Fatalf("retry %d after %v, want at least %v", i, gap, want)
				}
			}
		})
	}
}

func TestDrainNeverCommitsARejectedBatch(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, Options{Dir: dir})
	appendN(t, s, 0, 20)
	k := &sink{failures: 1 << 30}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Drain(ctx, 5, k.deliver) }()
	waitFor(t, func() bool { return s.Stats().DeliverErrors >= 3 })
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Drain = %v", err)
	}
	if st := s.Stats(); st.Committed != 0 || st.PendingRecords != 20 {
		t.Fatalf("a rejected batch was committed: %+v", st)
	}
	s.Close()
	s = openTest(t, Options{Dir: dir})
	k = &sink{}
	ctx, cancel = context.WithCancel(context.Background())
	go func() { done <- s.Drain(ctx, 5, k.deliver) }()
	waitFor(t, func() bool { return s.Stats().Committed == 20 })
	cancel()
	<-done
	wantNumbered(t, k.records(), 0, 20)
}

func TestDrainKeepsUpWithAppends(t *testing.T) {
	s := openTest(t, Options{})
	k := &sink{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Drain(ctx, 16, k.deliver) }()
	appendN(t, s, 0, 200)
	waitFor(t, func() bool { return s.Stats().Committed == 200 })
	cancel()
	<-done
	wantNumbered(t, k.records(), 0, 200)
}

func TestDrainStopsOnClose(t *testing.T) {
	s := openTest(t, Options{})
	done := make(chan error, 1)
	go func() { done <- s.Drain(context.Background(), 5, (&sink{}).deliver) }()
	time.Sleep(20 * time.Millisecond)
	s.Close()
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Fatalf("Drain after Close = %v, want ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Drain still running after Close")
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 10 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestDrainLingers appends records one at a time, a few milliseconds
// apart, while Drain runs: within Linger they share a delivery, up to
// max; without it each is delivered as it comes.
func TestDrainLingers(t *testing.T) {
	const n = 12
	cases := []struct {
		name       string
		linger     time.Duration
		max        int
		maxBatches int // at most this many deliveries
		minBatches int // at least this many
	}{
		{name: "one batch within the linger", linger: 500 * time.Millisecond, max: 100, maxBatches: 1, minBatches: 1},
		{name: "max ends the batch", linger: 500 * time.Millisecond, max: 5, maxBatches: 3, minBatches: 3},
		{name: "no linger", linger: -1, max: 100, maxBatches: n, minBatches: n},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t, Options{Linger: c.linger, SyncInterval: -1})
			k := &sink{}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- s.Drain(ctx, c.max, k.deliver) }()
			for i := range n {
				appendN(t, s, i, i+1)
				if c.linger < 0 { // let each go before the next
					waitFor(t, func() bool { return s.Stats().Committed == int64(i+1) })
				} else {
					time.Sleep(3 * time.Millisecond)
				}
			}
			if c.linger > 0 && c.max > n {
				time.Sleep(50 * time.Millisecond)
				if st := s.Stats(); st.Committed != 0 {
					t.Fatalf("%d records committed before the linger ended", st.Committed)
				}
			}
			waitFor(t, func() bool { return s.Stats().Committed == n })
			cancel()
			if err := <-done; err != nil {
				t.Fatalf("Drain = %v", err)
			}
			wantNumbered(t, k.records(), 0, n)
			k.mu.Lock()
			batches := len(k.calls)
			k.mu.Unlock()
			if batches < c.minBatches || batches > c.maxBatches {
				t.Fatalf("%d records in %d deliveries, want %d to %d", n, batches, c.minBatches, c.maxBatches)
			}
		})
	}
}
