package probe

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/adstitch/adstitch/variants/probe/probetest"
)

// mediaDir holds the media the tests of this package share; each file is
// made once, on first use.
var mediaDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "adstitch-probe-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mediaDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	mediaMu   sync.Mutex
	mediaMade = map[string]error{}
)

// media returns the path of a shared test file, making it with make on
// first use.
func media(t testing.TB, name string, make func(ctx context.Context, path string) error) string {
	t.Helper()
	if err := probetest.Missing("ffmpeg", "ffprobe"); err != nil {
		t.Skip(err)
	}
	mediaMu.Lock()
	defer mediaMu.Unlock()
	path := filepath.Join(mediaDir, name)
	err, done := mediaMade[name]
	if !done {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		err = make(ctx, path)
		mediaMade[name] = err
	}
	if err != nil {
		t.Fatalf("make %s: %v", name, err)
	}
	return path
}

var smallClip = probetest.Clip{Width: 320, Height: 180, FPS: 30, Seconds: 6}

func spotFile(t testing.TB) string {
	return media(t, "spot.mp4", func(ctx context.Context, p string) error {
		return probetest.WriteSpot(ctx, p, smallClip)
	})
}

// slowStartSpot has its index at the end, as ffmpeg writes by default.
func slowStartSpot(t testing.TB) string {
	return media(t, "slowstart.mp4", func(ctx context.Context, p string) error {
		if err := probetest.WriteSpot(ctx, p+".tmp.mp4", smallClip); err != nil {
			return err
		}
		_, _, err := run(ctx, "ffmpeg", nil, "-v", "error", "-y", "-i", p+".tmp.mp4", "-c", "copy", "-f", "mp4", p)
		return err
	})
}

// truncate keeps the first half of src.
func truncate(src string) func(ctx context.Context, p string) error {
	return func(_ context.Context, p string) error {
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		return os.WriteFile(p, b[:len(b)/2], 0o644)
	}
}

// scramble overwrites 16 KiB in the middle of src with pseudo-random
// bytes (the same on every run).
func scramble(src string) func(ctx context.Context, p string) error {
	return func(_ context.Context, p string) error {
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		seed := sha256.Sum256([]byte("scramble"))
		for i := len(b) / 2; i < len(b)/2+16<<10 && i < len(b); i += len(seed) {
			seed = sha256.Sum256(seed[:])
			copy(b[i:], seed[:])
		}
		return os.WriteFile(p, b, 0o644)
	}
}

func writeFile(data []byte) func(ctx context.Context, p string) error {
	return func(_ context.Context, p string) error { return os.WriteFile(p, data, 0o644) }
}

func pngFile(ctx context.Context, p string) error {
	_, _, err := run(ctx, "ffmpeg", nil, "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=64x64", "-frames:v", "1", p)
	return err
}
