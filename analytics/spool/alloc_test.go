//go:build !race

package spool

import (
	"bytes"
	"testing"
)

// Append is on the beacon path: steady state, it must not allocate (the
// stage buffers are reused, the header is built in place).
func TestAppendDoesNotAllocate(t *testing.T) {
	s := openTest(t, Options{MaxBytes: 1 << 40})
	rec := bytes.Repeat([]byte{'e'}, 400)
	for range 10 { // grow the stage buffers
		if err := s.Append(rec); err != nil {
			t.Fatal(err)
		}
	}
	allocs := testing.AllocsPerRun(200, func() {
		if err := s.Append(rec); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("Append allocates %.1f times, want 0", allocs)
	}
	batch := [][]byte{rec, rec, rec}
	allocs = testing.AllocsPerRun(200, func() {
		if err := s.AppendBatch(batch); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("AppendBatch allocates %.1f times, want 0", allocs)
	}
}
