package variants

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// newService opens a Service on a fresh temp dir (unless cfg.Dir is set)
// with logs going to the test's output. It does not start Run.
func newService(t *testing.T, cfg Config) *Service {
	t.Helper()
	if cfg.Dir == "" {
		cfg.Dir = t.TempDir()
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// start runs s.Run until the test ends (or stop is called) and waits for
// it to return.
func start(t *testing.T, s *Service) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Run(ctx)
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Errorf("Run did not return after cancel")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

func key(i int) string { return Key("test", strconv.Itoa(i)) }

// req is a Low request for key(i) rendered by render.
func req(i int, render RenderFunc) Request {
	return Request{Key: key(i), CreativeID: "c" + strconv.Itoa(i%2), Stream: "show",
		Context: map[string]string{"city": "Madrid"}, Render: render}
}

// writeLadder renders a tiny ladder: master.m3u8 plus r0/seg0.ts of size
// bytes.
func writeLadder(size int) RenderFunc {
	return func(ctx context.Context, dir string, progress func(float64)) (Rendered, error) {
		if err := os.WriteFile(filepath.Join(dir, "master.m3u8"), []byte("#EXTM3U\n"), 0o644); err != nil {
			return Rendered{}, err
		}
		if err := os.Mkdir(filepath.Join(dir, "r0"), 0o755); err != nil {
			return Rendered{}, err
		}
		progress(0.5)
		if err := os.WriteFile(filepath.Join(dir, "r0", "seg0.ts"), make([]byte, size), 0o644); err != nil {
			return Rendered{}, err
		}
		return Rendered{Duration: 10}, nil
	}
}

const ladderOverhead = int64(len("#EXTM3U\n")) // master.m3u8 of writeLadder

// counted wraps render and counts its calls.
func counted(n *atomic.Int32, render RenderFunc) RenderFunc {
	return func(ctx context.Context, dir string, progress func(float64)) (Rendered, error) {
		n.Add(1)
		return render(ctx, dir, progress)
	}
}

// gated renders only once release is closed (or ctx is done), after
// signalling started.
func gated(started chan<- string, release <-chan struct{}, name string, render RenderFunc) RenderFunc {
	return func(ctx context.Context, dir string, progress func(float64)) (Rendered, error) {
		if started != nil {
			started <- name
		}
		select {
		case <-release:
		case <-ctx.Done():
			return Rendered{}, ctx.Err()
		}
		return render(ctx, dir, progress)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func waitStatus(t *testing.T, s *Service, id string, want Status) Variant {
	t.Helper()
	var v Variant
	waitFor(t, "variant "+id+" "+string(want), func() bool {
		v, _ = s.Get(id)
		return v.Status == want
	})
	return v
}

// leftovers lists the temp dirs in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, de := range des {
		if strings.HasPrefix(de.Name(), tempPrefix) {
			out = append(out, de.Name())
		}
	}
	return out
}

// clock is a settable time source for Service.now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var errBoom = errors.New("boom")

var discardLog = slog.New(slog.DiscardHandler)
