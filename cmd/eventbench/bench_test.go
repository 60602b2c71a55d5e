package main

import (
	"bytes"
	"context"
	"errors"
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
	res, err := run(ctx, options{load: loadGo, events: 1500, clients: 8, landTimeout: 30 * time.Second, dir: t.TempDir()}, &progress)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, progress.String())
	}
	sessions := (1500 + 95) / 96
	want := storedCounts{rows: 1500 + sessions, distinct: 1500 + sessions, beacons: 1500, sessionStarts: sessions}
	if res.stored != want || res.malformed != 0 || res.recorded != 1500 {
		t.Errorf("stored %+v (%d malformed, %d recorded), want %+v", res.stored, res.malformed, res.recorded, want)
	}
	var out bytes.Buffer
	res.print(&out)
	for _, s := range []string{"go: 8 keep-alive clients", "accepted by HTTP", "landed in store", "beacon request", "1500 beacons of 1500"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, out.String())
		}
	}
}

// TestRunWrkLandsEveryEvent runs the harness with wrk for a second: every
// beacon the server answered 204 for lands once, those wrk saw included.
func TestRunWrkLandsEveryEvent(t *testing.T) {
	if _, err := findWrk(); err != nil {
		t.Skip(err)
	}
	for _, w := range []wrkOptions{{threads: 1, conns: 16}, {threads: 2, conns: 32}} {
		t.Run(w.String(), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var progress bytes.Buffer
			o := options{load: loadWrk, clients: 16, duration: time.Second, wrk: w, landTimeout: 30 * time.Second, dir: t.TempDir()}
			res, err := run(ctx, o, &progress)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, progress.String())
			}
			sessions := (maxBeaconRate + beaconsPerSession - 1) / beaconsPerSession
			s := res.stored
			if res.accepted == 0 || res.non2xx != 0 || res.socket.Any() || res.sessions != sessions ||
				int64(s.beacons) != res.recorded || int64(s.beacons) < res.accepted || int64(s.beacons) > res.issued ||
				s.sessionStarts != sessions || s.rows != s.distinct || res.malformed != 0 {
				t.Errorf("result %+v", res)
			}
			var out bytes.Buffer
			res.print(&out)
			for _, want := range []string{w.String() + " -d1s, a separate process", "accepted by HTTP", "landed in store",
				"beacon request", "answered 204 (", "wrk "} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("report lacks %q:\n%s", want, out.String())
				}
			}
			if strings.Contains(out.String(), "WARNING") {
				t.Errorf("report warns:\n%s", out.String())
			}
		})
	}
}

func TestRunRejectsUsedDir(t *testing.T) {
	dir := t.TempDir()
	o := options{load: loadGo, events: 10, clients: 1, landTimeout: time.Second, dir: dir}
	if _, err := run(context.Background(), o, &bytes.Buffer{}); err != nil {
		t.Fatalf("first run: %v", err)
	}
	if _, err := run(context.Background(), o, &bytes.Buffer{}); err == nil {
		t.Fatal("a second run into the same -dir was accepted: its events would count twice")
	}
}

func TestOptionsValidate(t *testing.T) {
	ok := options{load: loadWrk, events: 1, clients: 1, duration: time.Second, wrk: defaultWrk, landTimeout: time.Second}
	for _, tt := range []struct {
		name    string
		edit    func(*options)
		wantErr bool
	}{
		{name: "wrk", edit: func(*options) {}},
		{name: "go", edit: func(o *options) { o.load, o.duration, o.wrk = loadGo, 0, wrkOptions{} }},
		{name: "unknown load", edit: func(o *options) { o.load = "ab" }, wantErr: true},
		{name: "no load", edit: func(o *options) { o.load = "" }, wantErr: true},
		{name: "go without events", edit: func(o *options) { o.load, o.events = loadGo, 0 }, wantErr: true},
		{name: "wrk without duration", edit: func(o *options) { o.duration = 0 }, wantErr: true},
		{name: "more threads than conns", edit: func(o *options) { o.wrk = wrkOptions{threads: 4, conns: 2} }, wantErr: true},
		{name: "no threads", edit: func(o *options) { o.wrk.threads = 0 }, wantErr: true},
		{name: "no clients", edit: func(o *options) { o.clients = 0 }, wantErr: true},
		{name: "no land timeout", edit: func(o *options) { o.landTimeout = 0 }, wantErr: true},
	} {
		o := ok
		tt.edit(&o)
		if err := o.validate(); (err != nil) != tt.wantErr {
			t.Errorf("%s: validate() = %v, want error %v", tt.name, err, tt.wantErr)
		}
	}
	if _, err := parseLoad("ab"); !errors.Is(err, ErrUnknownLoad) {
		t.Errorf("parseLoad(ab) = %v, want ErrUnknownLoad", err)
	}
}

func TestSessionsCoverTheLoad(t *testing.T) {
	for _, tt := range []struct {
		o    options
		want int
	}{
		{o: options{load: loadGo, events: 1500}, want: 16},
		{o: options{load: loadGo, events: 96}, want: 1},
		{o: options{load: loadWrk, duration: 10 * time.Second}, want: 15625},
		{o: options{load: loadWrk, duration: 1500 * time.Millisecond}, want: 3125}, // wrk runs 2s
	} {
		if got := tt.o.sessions(); got != tt.want || got*beaconsPerSession < tt.o.events {
			t.Errorf("%+v: sessions() = %d, want %d", tt.o, got, tt.want)
		}
	}
}

func TestLatencyStats(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	for _, tt := range []struct {
		in   []time.Duration
		want latencySummary
	}{
		{in: []time.Duration{ms(5)}, want: latencySummary{mean: ms(5), p50: ms(5), p99: ms(5), max: ms(5)}},
		{in: []time.Duration{ms(4), ms(1), ms(3), ms(2)}, want: latencySummary{mean: 2500 * time.Microsecond, p50: ms(3), p99: ms(4), max: ms(4)}},
		{in: func() []time.Duration {
			var d []time.Duration
			for i := 1; i <= 100; i++ {
				d = append(d, ms(i))
			}
			return d
		}(), want: latencySummary{mean: 50500 * time.Microsecond, p50: ms(51), p99: ms(100), max: ms(100)}},
	} {
		if got := latencyStats(tt.in); got != tt.want {
			t.Errorf("latencyStats(%v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
