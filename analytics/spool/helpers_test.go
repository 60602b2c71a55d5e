package spool

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// openTest opens a spool in dir (a fresh one when dir is "") and closes it
// at the end of the test.
func openTest(t testing.TB, o Options) *Spool {
	t.Helper()
	if o.Dir == "" {
		o.Dir = t.TempDir()
	}
	if o.Logger == nil {
		o.Logger = quietLogger()
	}
	s, err := Open(o)
	if err != nil {
		t.Fatalf("Open(%s): %v", o.Dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func numbered(i int) []byte { return fmt.Appendf(nil, "record-%06d", i) }

func appendN(t testing.TB, s *Spool, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		if err := s.Append(numbered(i)); err != nil {
			t.Fatalf("Append(%d): %v", i, err)
		}
	}
}

// readAll reads every record available now, max at a time, and returns
// them with the batches (to commit).
func readAll(t testing.TB, s *Spool, max int) ([][]byte, []Batch) {
	t.Helper()
	var recs [][]byte
	var batches []Batch
	for {
		b, err := s.Read(context.Background(), max, 0)
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		if len(b.Records) == 0 {
			return recs, batches
		}
		if len(b.Records) > max {
			t.Fatalf("Read(max %d) returned %d records", max, len(b.Records))
		}
		recs = append(recs, b.Records...)
		batches = append(batches, b)
	}
}

// wantNumbered checks recs are numbered(from) .. numbered(to-1) in order.
func wantNumbered(t testing.TB, recs [][]byte, from, to int) {
	t.Helper()
	if len(recs) != to-from {
		t.Fatalf("got %d records, want %d (%d..%d)", len(recs), to-from, from, to-1)
	}
	for i, r := range recs {
		if want := numbered(from + i); !bytes.Equal(r, want) {
			t.Fatalf("record %d = %q, want %q", i, r, want)
		}
	}
}

func segmentFiles(t testing.TB, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*"+segmentExt))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// copyDir copies the flat spool directory src to a new temp dir.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// logBuffer collects log lines for assertions.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newTextLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

func testingProcs() int { return runtime.GOMAXPROCS(0) }
