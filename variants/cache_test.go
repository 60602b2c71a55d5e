package variants

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Eviction removes least recently used variants not used within Grace
// until the ready bytes fit MaxBytes. Each variant here is ~1000 bytes and
// MaxBytes fits two.
func TestEviction(t *testing.T) {
	const size = 1000
	type step struct {
		render int           // render key(render) (-1: none)
		use    int           // Touch key(use) first (-1: none)
		file   int           // File key(file) first (-1: none)
		wait   time.Duration // advance the clock after the step
	}
	for _, tc := range []struct {
		name    string
		steps   []step
		evicted []int
	}{
		{"oldest goes", []step{
			{render: 1, use: -1, file: -1, wait: time.Hour},
			{render: 2, use: -1, file: -1, wait: time.Hour},
			{render: 3, use: -1, file: -1},
		}, []int{1}},
		{"touch keeps", []step{
			{render: 1, use: -1, file: -1, wait: time.Hour},
			{render: 2, use: -1, file: -1, wait: time.Hour},
			{render: -1, use: 1, file: -1, wait: time.Hour},
			{render: 3, use: -1, file: -1},
		}, []int{2}},
		{"file counts as use", []step{
			{render: 1, use: -1, file: -1, wait: time.Hour},
			{render: 2, use: -1, file: -1, wait: time.Hour},
			{render: -1, use: -1, file: 1, wait: time.Hour},
			{render: 3, use: -1, file: -1},
		}, []int{2}},
		{"grace protects", []step{
			{render: 1, use: -1, file: -1, wait: time.Minute},
			{render: 2, use: -1, file: -1, wait: time.Minute},
			{render: 3, use: -1, file: -1},
		}, nil},
		{"touched within grace", []step{
			{render: 1, use: -1, file: -1, wait: time.Hour},
			{render: 2, use: -1, file: -1, wait: time.Hour},
			{render: -1, use: 1, file: -1, wait: time.Minute},
			{render: -1, use: 2, file: -1, wait: time.Minute},
			{render: 3, use: -1, file: -1},
		}, nil},
		{"several go", []step{
			{render: 1, use: -1, file: -1, wait: time.Hour},
			{render: 2, use: -1, file: -1, wait: time.Hour},
			{render: 4, use: -1, file: -1}, // 3 of them: 1 evicted
			{render: 5, use: -1, file: -1}, // 4 and 5 are within Grace
		}, []int{1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newService(t, Config{MaxBytes: 2*size + 2*ladderOverhead + 10, Grace: 10 * time.Minute})
			clk := newClock(time.Now())
			s.now = clk.Now
			start(t, s)
			rendered := map[int]bool{}
			for _, st := range tc.steps {
				if st.use >= 0 {
					s.Touch(key(st.use))
				}
				if st.file >= 0 {
					if _, err := s.File(key(st.file), "master.m3u8"); err != nil {
						t.Fatal(err)
					}
				}
				if st.render >= 0 {
					s.Ensure(req(st.render, writeLadder(size)))
					waitStatus(t, s, key(st.render), StatusReady)
					rendered[st.render] = true
					settled(t, s)
				}
				clk.Add(st.wait)
			}
			evicted := map[int]bool{}
			for _, n := range tc.evicted {
				evicted[n] = true
			}
			var total int64
			for n := range rendered {
				_, ok := s.Ready(key(n))
				_, err := os.Stat(filepath.Join(s.cfg.Dir, key(n)))
				if ok == evicted[n] || (err == nil) == evicted[n] {
					t.Errorf("variant %d: ready %v, dir exists %v; evicted want %v", n, ok, err == nil, evicted[n])
				}
				if ok {
					total += size + ladderOverhead
				}
			}
			if got := s.Stats().Bytes; got != total {
				t.Errorf("Stats.Bytes %d, want %d", got, total)
			}
			if l := leftovers(t, s.cfg.Dir); len(l) != 0 {
				t.Errorf("temp dirs left: %v", l)
			}
		})
	}
}

// Uses are written to the marker's mtime by the sweep and read back by a
// restart; a later mtime written by another instance is adopted; a variant
// whose dir vanished is forgotten.
func TestSweepSharesUses(t *testing.T) {
	dir := t.TempDir()
	s := newService(t, Config{Dir: dir})
	stop := start(t, s)
	s.Ensure(req(1, writeLadder(10)))
	s.Ensure(req(2, writeLadder(10)))
	waitFor(t, "ready", func() bool { return s.Stats().Ready == 2 })
	stop()

	clk := newClock(time.Now().Add(time.Hour).Truncate(time.Second))
	s.now = clk.Now
	s.Touch(key(1))
	s.sweep()
	marker := filepath.Join(dir, key(1), markerName)
	fi, err := os.Stat(marker)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(clk.Now()) {
		t.Errorf("marker mtime %v, want the use at %v", fi.ModTime(), clk.Now())
	}
	if v, _ := newService(t, Config{Dir: dir}).Ready(key(1)); !v.LastUsed.Equal(clk.Now()) {
		t.Errorf("restart sees LastUsed %v, want %v", v.LastUsed, clk.Now())
	}

	other := clk.Now().Add(time.Minute)
	if err := os.Chtimes(marker, other, other); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, key(2))); err != nil {
		t.Fatal(err)
	}
	s.sweep()
	if v, _ := s.Ready(key(1)); !v.LastUsed.Equal(other) {
		t.Errorf("LastUsed %v after another instance's use, want %v", v.LastUsed, other)
	}
	if _, ok := s.Ready(key(2)); ok {
		t.Errorf("variant removed from disk still ready")
	}
	if st := s.Stats(); st.Ready != 1 || st.Bytes != 10+ladderOverhead {
		t.Errorf("Stats = %+v", st)
	}
}

// settled waits until Run has finished the eviction pass due after the
// last publication.
func settled(t *testing.T, s *Service) {
	t.Helper()
	waitFor(t, "eviction pass", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return !s.evictDue
	})
	s.evictMu.Lock() // held by the pass that cleared evictDue
	s.evictMu.Unlock()
}
