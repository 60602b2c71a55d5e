package origin

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

const playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\nseg1.ts\n"

// compileM3U8 is the test Compile: the body must start with #EXTM3U; the
// value is the body as a string, fresh for 10 s. A body containing "panic"
// makes it panic, like a buggy compiler would.
func compileM3U8(_ string, body []byte) (string, time.Duration, error) {
	if bytes.Contains(body, []byte("panic")) {
		panic("compiler bug")
	}
	if !bytes.HasPrefix(body, []byte("#EXTM3U")) {
		return "", 0, errors.New("missing #EXTM3U")
	}
	return string(body), 10 * time.Second, nil
}

// origin is a real HTTP origin whose behaviour per path is set by the test;
// it counts requests per path.
type origin struct {
	*httptest.Server
	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	hits     map[string]*atomic.Int64
}

func newOrigin(t testing.TB) *origin {
	t.Helper()
	o := &origin{handlers: map[string]http.HandlerFunc{}, hits: map[string]*atomic.Int64{}}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		h, ok := o.handlers[r.URL.Path]
		n := o.hits[r.URL.Path]
		if n == nil {
			n = new(atomic.Int64)
			o.hits[r.URL.Path] = n
		}
		o.mu.Unlock()
		n.Add(1)
		if !ok || h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(o.Close)
	return o
}

func (o *origin) handle(path string, h http.HandlerFunc) {
	o.mu.Lock()
	o.handlers[path] = h
	o.mu.Unlock()
}

func (o *origin) count(path string) int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	if n := o.hits[path]; n != nil {
		return n.Load()
	}
	return 0
}

func (o *origin) hostPort() string {
	u, _ := url.Parse(o.URL)
	return u.Host
}

func serveBody(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) }
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) lines(substr string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Count(b.buf.String(), substr)
}

func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// newTestCache builds a cache allowing o, with a short timeout and a clock.
func newTestCache(t testing.TB, o *origin, clk *clock, tweak func(*Options)) *Cache[string] {
	t.Helper()
	opts := Options{
		Allow:    []string{o.hostPort()},
		Timeout:  500 * time.Millisecond,
		MaxBytes: 1 << 10,
		StaleFor: 30 * time.Second,
		Logger:   quietLogger(),
	}
	if clk != nil {
		opts.Now = clk.Now
	}
	if tweak != nil {
		tweak(&opts)
	}
	c := NewCache(opts, compileM3U8)
	t.Cleanup(func() { _ = c.Close() })
	return c
}
