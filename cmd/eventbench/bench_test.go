package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestRunLandsEveryEvent runs the whole harness small: every beacon is
// accepted, lands once, and the report says so.
func TestRunLandsEveryEvent(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var progress bytes.Buffer
	res, err := run(ctx, options{events: 1500, clients: 8, landTimeout: 30 * time.Second, dir: t.TempDir()}, &progress)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, progress.String())
	}
	sessions := (1500 + 95) / 96
	want := storedCounts{rows: 1500 + sessions, distinct: 1500 + sessions, beacons: 1500, sessionStarts: sessions}
	if res.stored != want || res.malformed != 0 {
		t.Errorf("stored %+v (%d malformed), want %+v", res.stored, res.malformed, want)
	}
	var out bytes.Buffer
	res.print(&out)
	for _, s := range []string{"accepted by HTTP", "landed in store", "beacon request", "1500 beacons of 1500"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, out.String())
		}
	}
}

func TestRunRejectsUsedDir(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(context.Background(), options{events: 10, clients: 1, landTimeout: time.Second, dir: dir}, &bytes.Buffer{}); err != nil {
		t.Fatalf("first run: %v", err)
	}
	if _, err := run(context.Background(), options{events: 10, clients: 1, landTimeout: time.Second, dir: dir}, &bytes.Buffer{}); err == nil {
		t.Fatal("a second run into the same -dir was accepted: its events would count twice")
	}
}

func TestLatencyStats(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	for _, tt := range []struct {
		in                     []time.Duration
		mean, p50, p99, maxLat time.Duration
	}{
		{in: []time.Duration{ms(5)}, mean: ms(5), p50: ms(5), p99: ms(5), maxLat: ms(5)},
		{in: []time.Duration{ms(4), ms(1), ms(3), ms(2)}, mean: 2500 * time.Microsecond, p50: ms(3), p99: ms(4), maxLat: ms(4)},
		{in: func() []time.Duration {
			var d []time.Duration
			for i := 1; i <= 100; i++ {
				d = append(d, ms(i))
			}
			return d
		}(), mean: 50500 * time.Microsecond, p50: ms(51), p99: ms(100), maxLat: ms(100)},
	} {
		mean, p50, p99, maxLat := latencyStats(tt.in)
		if mean != tt.mean || p50 != tt.p50 || p99 != tt.p99 || maxLat != tt.maxLat {
			t.Errorf("latencyStats(%v) = %v %v %v %v, want %v %v %v %v", tt.in, mean, p50, p99, maxLat,
				tt.mean, tt.p50, tt.p99, tt.maxLat)
		}
	}
}
