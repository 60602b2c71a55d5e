package spool

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	cases := []struct {
		name         string
		segmentBytes int64
		n, max       int
		wantSegments int // files after everything is committed
	}{
		{"one segment", 0, 100, 7, 1},
		{"roll every few records", 100, 50, 3, 1},
		{"read across rolls in one batch", 100, 50, 1000, 1},
		{"one record per segment", 1, 10, 4, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t, Options{SegmentBytes: c.segmentBytes, SyncInterval: -1})
			appendN(t, s, 0, c.n)
			if got := s.Stats(); got.Appended != int64(c.n) || got.PendingRecords != int64(c.n) {
				t.Fatalf("stats after append: %+v", got)
			}
			recs, batches := readAll(t, s, c.max)
			wantNumbered(t, recs, 0, c.n)
			for _, b := range batches {
				if err := s.Commit(b); err != nil {
					t.Fatalf("Commit: %v", err)
				}
			}
			st := s.Stats()
			if st.Committed != int64(c.n) || st.PendingRecords != 0 || st.PendingBytes != 0 {
				t.Fatalf("stats after commit: %+v", st)
			}
			if st.Segments != int64(c.wantSegments) || len(segmentFiles(t, s.dir)) != c.wantSegments {
				t.Fatalf("segments: stats %d, files %v, want %d", st.Segments, segmentFiles(t, s.dir), c.wantSegments)
			}
		})
	}
}

func TestRecordSizes(t *testing.T) {
	cases := []struct {
		name string
		recs [][]byte
	}{
		{"empty record", [][]byte{{}}},
		{"largest record", [][]byte{bytes.Repeat([]byte{'x'}, MaxRecordBytes)}},
		{"mixed", [][]byte{[]byte("a"), {}, bytes.Repeat([]byte{0}, 70000), []byte("z")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openTest(t, Options{Dir: dir, SegmentBytes: 4096})
			if err := s.AppendBatch(c.recs); err != nil {
				t.Fatal(err)
			}
			s.Close()
			s = openTest(t, Options{Dir: dir, SegmentBytes: 4096})
			got, _ := readAll(t, s, 100)
			if len(got) != len(c.recs) {
				t.Fatalf("got %d records, want %d", len(got), len(c.recs))
			}
			for i := range got {
				if !bytes.Equal(got[i], c.recs[i]) {
					t.Fatalf("record %d differs (%d bytes, want %d)", i, len(got[i]), len(c.recs[i]))
				}
			}
		})
	}
}

func TestAppendErrors(t *testing.T) {
	s := openTest(t, Options{})
	big := make([]byte, MaxRecordBytes+1)
	if err := s.Append(big); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Append(too large) = %v, want ErrTooLarge", err)
	}
	if err := s.AppendBatch([][]byte{[]byte("ok"), big}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("AppendBatch(too large) = %v, want ErrTooLarge", err)
	}
	if st := s.Stats(); st.Appended != 0 {
		t.Fatalf("a rejected batch appended %d records", st.Appended)
	}
	s.Close()
	if err := s.Append([]byte("late")); !errors.Is(err, ErrClosed) {
		t.Fatalf("Append after Close = %v, want ErrClosed", err)
	}
	if _, err := s.Read(context.Background(), 1, 0); !errors.Is(err, ErrClosed) {
		t.Fatalf("Read after Close = %v, want ErrClosed", err)
	}
	if err := s.Commit(Batch{}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Commit after Close = %v, want ErrClosed", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close = %v", err)
	}
}

func TestLocked(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, Options{Dir: dir})
	if _, err := Open(Options{Dir: dir, Logger: quietLogger()}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	s.Close()
	openTest(t, Options{Dir: dir}) // released by Close
}

func TestRestart(t *testing.T) {
	cases := []struct {
		name      string
		n         int
		commit    int // records read and committed before the restart
		readOnly  int // records read but not committed after those
		wantFirst int
	}{
		{"nothing committed", 30, 0, 0, 0},
		{"read, not committed: replayed", 30, 0, 10, 0},
		{"part committed", 30, 12, 0, 12},
		{"part committed, more read", 30, 12, 9, 12},
		{"all committed", 30, 30, 0, 30},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			o := Options{Dir: dir, SegmentBytes: 64, SyncInterval: -1}
			s := openTest(t, o)
			appendN(t, s, 0, c.n)
			for read := 0; read < c.commit; {
				b, err := s.Read(context.Background(), min(5, c.commit-read), 0)
				if err != nil {
					t.Fatal(err)
				}
				if err := s.Commit(b); err != nil {
					t.Fatal(err)
				}
				read += len(b.Records)
			}
			if c.readOnly > 0 {
				if _, err := s.Read(context.Background(), c.readOnly, 0); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}

			s = openTest(t, o)
			if st := s.Stats(); st.PendingRecords != int64(c.n-c.wantFirst) {
				t.Fatalf("PendingRecords after reopen = %d, want %d", st.PendingRecords, c.n-c.wantFirst)
			}
			recs, _ := readAll(t, s, 4)
			wantNumbered(t, recs, c.wantFirst, c.n)
			appendN(t, s, c.n, c.n+3) // numbering carries on after a restart
			recs, _ = readAll(t, s, 4)
			wantNumbered(t, recs, c.n, c.n+3)
		})
	}
}

func TestReadContinuesAfterLastRead(t *testing.T) {
	s := openTest(t, Options{SyncInterval: -1})
	appendN(t, s, 0, 10)
	ctx := context.Background()
	b1, _ := s.Read(ctx, 4, 0)
	b2, _ := s.Read(ctx, 4, 0)
	wantNumbered(t, b1.Records, 0, 4)
	wantNumbered(t, b2.Records, 4, 8)
	if err := s.Commit(b2); err != nil { // commits b1 too
		t.Fatal(err)
	}
	if err := s.Commit(b1); err != nil { // behind the cursor: nothing to do
		t.Fatal(err)
	}
	if st := s.Stats(); st.Committed != 8 || st.PendingRecords != 2 {
		t.Fatalf("stats: %+v", st)
	}
}

func TestReadWaits(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()

	start := time.Now()
	b, err := s.Read(ctx, 10, 50*time.Millisecond)
	if err != nil || len(b.Records) != 0 || time.Since(start) < 50*time.Millisecond {
		t.Fatalf("Read on empty spool = %d records, %v after %v; want empty after the wait", len(b.Records), err, time.Since(start))
	}

	go func() {
		time.Sleep(20 * time.Millisecond)
		s.Append([]byte("late"))
	}()
	b, err = s.Read(ctx, 10, 5*time.Second)
	if err != nil || len(b.Records) != 1 || string(b.Records[0]) != "late" {
		t.Fatalf("Read waiting for an append = %q, %v", b.Records, err)
	}

	cctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := s.Read(cctx, 10, time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Read with ended ctx = %v", err)
	}

	go func() {
		time.Sleep(20 * time.Millisecond)
		s.Close()
	}()
	if _, err := s.Read(ctx, 10, time.Minute); !errors.Is(err, ErrClosed) {
		t.Fatalf("Read across Close = %v, want ErrClosed", err)
	}
}

func TestConcurrentAppends(t *testing.T) {
	const writers, each = 64, 100
	s := openTest(t, Options{SegmentBytes: 16 << 10})
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				var err error
				if i%10 == 0 {
					err = s.AppendBatch([][]byte{fmt.Appendf(nil, "%d:%d", w, i)})
				} else {
					err = s.Append(fmt.Appendf(nil, "%d:%d", w, i))
				}
				if err != nil {
					t.Errorf("Append: %v", err)
					return
				}
			}
		}()
	}
	// A consumer commits while the writers append.
	done := make(chan struct{})
	next := make([]int, writers)
	go func() {
		defer close(done)
		for got := 0; got < writers*each; {
			b, err := s.Read(context.Background(), 37, time.Second)
			if err != nil {
				t.Errorf("Read: %v", err)
				return
			}
			for _, r := range b.Records {
				var w, i int
				if _, err := fmt.Sscanf(string(r), "%d:%d", &w, &i); err != nil || i != next[w] {
					t.Errorf("record %q out of order (want %d:%d)", r, w, next[w])
					return
				}
				next[w]++
			}
			got += len(b.Records)
			if err := s.Commit(b); err != nil {
				t.Errorf("Commit: %v", err)
				return
			}
		}
	}()
	wg.Wait()
	<-done
	if st := s.Stats(); st.Appended != writers*each || st.Committed != writers*each || st.PendingBytes != 0 {
		t.Fatalf("stats: %+v", st)
	}
}

func TestFull(t *testing.T) {
	logs := &logBuffer{}
	rec := bytes.Repeat([]byte{'e'}, 92) // 100 bytes framed
	s := openTest(t, Options{MaxBytes: 1000, SyncInterval: -1, Logger: newTextLogger(logs)})
	for i := range 10 {
		if err := s.Append(rec); err != nil {
			t.Fatalf("Append %d under the bound: %v", i, err)
		}
	}
	for range 3 {
		if err := s.Append(rec); !errors.Is(err, ErrFull) {
			t.Fatalf("Append over the bound = %v, want ErrFull", err)
		}
	}
	if err := s.AppendBatch([][]byte{rec, rec}); !errors.Is(err, ErrFull) {
		t.Fatalf("AppendBatch over the bound = %v, want ErrFull", err)
	}
	st := s.Stats()
	if st.Full != 5 || st.PendingBytes != 1000 || st.PendingRecords != 10 {
		t.Fatalf("stats at the bound: %+v", st)
	}
	if n := strings.Count(logs.String(), "spool full"); n != 1 {
		t.Fatalf("%d 'spool full' log lines in a burst, want 1 (throttled):\n%s", n, logs)
	}
	if !strings.Contains(logs.String(), "rejected=1") {
		t.Fatalf("full log line lacks the count:\n%s", logs)
	}

	b, _ := s.Read(context.Background(), 3, 0)
	if err := s.Commit(b); err != nil {
		t.Fatal(err)
	}
	if err := s.AppendBatch([][]byte{rec, rec, rec}); err != nil {
		t.Fatalf("Append after commit freed room = %v", err)
	}
	if err := s.Append(rec); !errors.Is(err, ErrFull) {
		t.Fatalf("Append over the bound again = %v, want ErrFull", err)
	}
}

// A failed write stops the spool: nothing after it is acknowledged, since
// the log's tail is unknown until a restart recovers it.
func TestWriteFailureStopsAppends(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, Options{Dir: dir, SyncInterval: -1})
	appendN(t, s, 0, 3)
	s.active.Close() // the next write fails
	if err := s.Append(numbered(3)); err == nil || errors.Is(err, ErrFull) || errors.Is(err, ErrClosed) {
		t.Fatalf("Append after a write failure = %v, want the write error", err)
	}
	if err := s.Append(numbered(4)); err == nil {
		t.Fatal("Append after a failed write succeeded")
	}
	if st := s.Stats(); st.Appended != 3 || st.PendingRecords != 3 || st.PendingBytes != 3*framedSize(len(numbered(0))) {
		t.Fatalf("stats after the failure: %+v", st)
	}
	recs, _ := readAll(t, s, 10)
	wantNumbered(t, recs, 0, 3)
	if err := s.Close(); err == nil {
		t.Fatal("Close after a write failure reports nothing")
	}
	s = openTest(t, Options{Dir: dir})
	recs, _ = readAll(t, s, 10)
	wantNumbered(t, recs, 0, 3)
}

// The FsyncEach path (write, fsync, then answer) keeps the log whole and in
// order. That the fsync happened is not observable here: readers see
// written records either way.
func TestFsyncEachRoundTrip(t *testing.T) {
	s := openTest(t, Options{FsyncEach: true})
	appendN(t, s, 0, 50)
	b, err := s.Read(context.Background(), 100, time.Second)
	if err != nil || len(b.Records) != 50 || string(b.Records[49]) != string(numbered(49)) {
		t.Fatalf("read %d records, %v", len(b.Records), err)
	}
	if err := s.Commit(b); err != nil {
		t.Fatal(err)
	}
}
