package origin

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestSingleflight(t *testing.T) {
	o := newOrigin(t)
	release := make(chan struct{})
	o.handle("/live.m3u8", func(w http.ResponseWriter, _ *http.Request) {
		<-release
		_, _ = w.Write([]byte(playlist))
	})
	c := newTestCache(t, o, nil, func(opts *Options) { opts.Timeout = 10 * time.Second })

	const callers = 100
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		wg.Go(func() {
			res, err := c.Get(context.Background(), o.URL+"/live.m3u8")
			if err == nil && res.Value != playlist {
				err = errors.New("wrong value " + res.Value)
			}
			errs <- err
		})
	}
	// Let the callers pile up behind the one fetch, then let it finish.
	// Late callers find the fresh entry, so the count holds either way.
	time.Sleep(100 * time.Millisecond)
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := o.count("/live.m3u8"); n != 1 {
		t.Fatalf("origin saw %d requests for %d concurrent Gets; want 1", n, callers)
	}
	if st := c.Stats(); st.Fetches != 1 || st.Hits+st.Misses != callers {
		t.Fatalf("stats = %+v", st)
	}
}

func TestTTLExpiryRefetches(t *testing.T) {
	o := newOrigin(t)
	o.handle("/v.m3u8", serveBody(playlist))
	clk := newClock()
	c := newTestCache(t, o, clk, nil)
	u := o.URL + "/v.m3u8"

	steps := []struct {
		advance  time.Duration
		wantHits int64 // origin requests so far
	}{
		{0, 1},
		{5 * time.Second, 1},                 // fresh (TTL 10 s)
		{5*time.Second - time.Nanosecond, 1}, // last fresh instant
		{time.Nanosecond, 2},                 // expired: refetch
		{9 * time.Second, 2},                 // fresh again
		{time.Second, 3},                     // expired again
	}
	for i, s := range steps {
		clk.Advance(s.advance)
		res, err := c.Get(context.Background(), u)
		if err != nil || res.Stale || res.Value != playlist {
			t.Fatalf("step %d: Get = %+v, %v", i, res, err)
		}
		if n := o.count("/v.m3u8"); n != s.wantHits {
			t.Fatalf("step %d: origin requests = %d; want %d", i, n, s.wantHits)
		}
	}
}

func TestStaleOnError(t *testing.T) {
	o := newOrigin(t)
	var mu sync.Mutex
	status := http.StatusOK
	o.handle("/s.m3u8", func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		code := status
		mu.Unlock()
		if code != http.StatusOK {
			w.WriteHeader(code)
			return
		}
		_, _ = w.Write([]byte(playlist))
	})
	setStatus := func(code int) { mu.Lock(); status = code; mu.Unlock() }
	clk := newClock()
	c := newTestCache(t, o, clk, func(opts *Options) { opts.StaleFor = 20 * time.Second })
	u := o.URL + "/s.m3u8"
	get := func() (Result[string], error) { return c.Get(context.Background(), u) }

	first, err := get()
	if err != nil {
		t.Fatal(err)
	}
	setStatus(http.StatusServiceUnavailable)

	// TTL 10 s, StaleFor 20 s: stale from 10 s until 30 s after the fetch.
	for _, at := range []time.Duration{11 * time.Second, 15 * time.Second, 29 * time.Second} {
		clk.Advance(at - clk.Now().Sub(first.Fetched))
		res, err := get()
		if err != nil || !res.Stale || res.Value != playlist || !res.Fetched.Equal(first.Fetched) {
			t.Fatalf("at +%s: Get = %+v, %v; want the stale value", at, res, err)
		}
	}
	clk.Advance(30*time.Second - clk.Now().Sub(first.Fetched))
	_, err = get()
	var oe *Error
	if !errors.As(err, &oe) || !errors.Is(err, ErrStatus) || oe.Status != http.StatusServiceUnavailable {
		t.Fatalf("after StaleFor: Get error = %v; want ErrStatus 503", err)
	}

	// Recovery: after RetryAfter the origin is asked again and the value is fresh.
	setStatus(http.StatusOK)
	clk.Advance(DefaultRetryAfter)
	res, err := get()
	if err != nil || res.Stale {
		t.Fatalf("after recovery: Get = %+v, %v", res, err)
	}
	if st := c.Stats(); st.Stale != 3 || st.Errors == 0 {
		t.Fatalf("stats = %+v", st)
	}
}

// While the origin is failing, it sees one request per RetryAfter however
// many Gets arrive, and viewers are not made to wait for those retries.
func TestFailingOriginIsNotHammered(t *testing.T) {
	o := newOrigin(t)
	fail := make(chan struct{})
	o.handle("/f.m3u8", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-fail:
			w.WriteHeader(http.StatusBadGateway)
		default:
			_, _ = w.Write([]byte(playlist))
		}
	})
	clk := newClock()
	c := newTestCache(t, o, clk, nil)
	u := o.URL + "/f.m3u8"
	if _, err := c.Get(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	close(fail)
	clk.Advance(11 * time.Second) // expired, within StaleFor
	for range 50 {
		if res, err := c.Get(context.Background(), u); err != nil || !res.Stale {
			t.Fatalf("Get = %+v, %v; want stale", res, err)
		}
	}
	if n := o.count("/f.m3u8"); n != 2 {
		t.Fatalf("origin requests = %d within RetryAfter; want 2", n)
	}
	// After RetryAfter a Get returns the stale value at once and one
	// background fetch retries.
	clk.Advance(DefaultRetryAfter)
	if res, err := c.Get(context.Background(), u); err != nil || !res.Stale {
		t.Fatalf("retry Get = %+v, %v; want stale", res, err)
	}
	waitFor(t, func() bool { return o.count("/f.m3u8") == 3 })
}

func TestNewURLErrorIsRememberedForRetryAfter(t *testing.T) {
	o := newOrigin(t) // every path is a 404
	clk := newClock()
	c := newTestCache(t, o, clk, nil)
	for range 10 {
		if _, err := c.Get(context.Background(), o.URL+"/missing.m3u8"); !errors.Is(err, ErrStatus) {
			t.Fatalf("Get = %v; want ErrStatus", err)
		}
	}
	clk.Advance(DefaultRetryAfter)
	_, _ = c.Get(context.Background(), o.URL+"/missing.m3u8")
	if n := o.count("/missing.m3u8"); n != 2 {
		t.Fatalf("origin requests = %d; want 2", n)
	}
}

// One waiter giving up must not cancel the fetch the others wait for.
func TestWaiterCancellationKeepsFetch(t *testing.T) {
	o := newOrigin(t)
	release := make(chan struct{})
	o.handle("/w.m3u8", func(w http.ResponseWriter, _ *http.Request) {
		<-release
		_, _ = w.Write([]byte(playlist))
	})
	c := newTestCache(t, o, nil, func(opts *Options) { opts.Timeout = 10 * time.Second })
	u := o.URL + "/w.m3u8"

	patient := make(chan error, 1)
	go func() {
		_, err := c.Get(context.Background(), u)
		patient <- err
	}()
	waitFor(t, func() bool { return o.count("/w.m3u8") == 1 })

	ctx, cancel := context.WithCancel(context.Background())
	impatient := make(chan error, 1)
	go func() {
		_, err := c.Get(ctx, u)
		impatient <- err
	}()
	cancel()
	if err := <-impatient; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled waiter: %v; want context.Canceled", err)
	}
	deadline, cancel2 := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel2()
	if _, err := c.Get(deadline, u); !errors.Is(err, ErrTimeout) {
		t.Fatalf("waiter past its deadline: %v; want ErrTimeout", err)
	}
	close(release)
	if err := <-patient; err != nil {
		t.Fatalf("patient waiter: %v", err)
	}
	if n := o.count("/w.m3u8"); n != 1 {
		t.Fatalf("origin requests = %d; want 1", n)
	}
}

func TestEviction(t *testing.T) {
	o := newOrigin(t)
	for i := range 4 {
		o.handle("/e"+strconv.Itoa(i), serveBody(playlist))
	}
	clk := newClock()
	c := newTestCache(t, o, clk, func(opts *Options) { opts.MaxEntries = 3 })
	get := func(i int) {
		t.Helper()
		if _, err := c.Get(context.Background(), o.URL+"/e"+strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 {
		get(i)
		clk.Advance(2 * time.Second)
	}
	get(0) // touch 0: entry 1 is now the least recently used
	clk.Advance(2 * time.Second)
	get(3) // cache full: evicts 1
	if st := c.Stats(); st.Entries != 3 {
		t.Fatalf("entries = %d; want 3", st.Entries)
	}
	c.mu.RLock()
	_, has1 := c.slots[o.URL+"/e1"]
	c.mu.RUnlock()
	if has1 {
		t.Fatal("least recently used entry was not evicted")
	}

	clk.Advance(DefaultIdleAfter - time.Second)
	get(3)
	clk.Advance(2 * time.Second)
	c.sweep(clk.Now())
	if st := c.Stats(); st.Entries != 1 {
		t.Fatalf("after idle sweep: entries = %d; want 1 (only the recently used one)", st.Entries)
	}
}

func TestJanitorRunsAndStops(t *testing.T) {
	o := newOrigin(t)
	o.handle("/j", serveBody(playlist))
	clk := newClock()
	c := newTestCache(t, o, clk, func(opts *Options) { opts.IdleAfter = time.Millisecond })
	if _, err := c.Get(context.Background(), o.URL+"/j"); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Hour)
	waitFor(t, func() bool { return c.Stats().Entries == 0 }) // janitor ticks every second
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil { // idempotent
		t.Fatal(err)
	}
	if _, err := c.Get(context.Background(), o.URL+"/j"); err != nil {
		t.Fatalf("Get after Close: %v", err)
	}
}

func TestFailureLogIsThrottled(t *testing.T) {
	o := newOrigin(t)
	var logs syncBuffer
	clk := newClock()
	c := newTestCache(t, o, clk, func(opts *Options) {
		opts.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	u := o.URL + "/dead.m3u8"
	for range 9 { // one failed fetch per second for 9 s
		_, _ = c.Get(context.Background(), u)
		clk.Advance(DefaultRetryAfter)
	}
	if n := logs.lines("origin fetch failed"); n != 1 {
		t.Fatalf("%d log lines in 9 s; want 1\n%s", n, logs.buf.String())
	}
	clk.Advance(logEvery)
	_, _ = c.Get(context.Background(), u)
	if n := logs.lines("origin fetch failed"); n != 2 {
		t.Fatalf("%d log lines after 10 s; want 2", n)
	}
	if n := logs.lines("suppressed=8"); n != 1 {
		t.Fatalf("second line does not count the 8 suppressed failures:\n%s", logs.buf.String())
	}
	if n := o.count("/dead.m3u8"); n != 10 {
		t.Fatalf("origin requests = %d; want 10", n)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
