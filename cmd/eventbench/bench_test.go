package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestRunLandsEveryEvent runs the whole harness small with each kind of
// beacon: every request is accepted, records its events, they land once,
// and the report says so.
func TestRunLandsEveryEvent(t *testing.T) {
	for _, tt := range []struct {
		beacons  beaconKind
		sessions int
		events   int64
		report   []string
	}{
		{beacons: beaconsClient, sessions: 16, events: 1500, report: []string{
			"client: tracking calls, 6 per ad, 6 events", "1500 answered 204 in", "1.00 events/request",
			"1500 beacon events of 1500 recorded in 1500 requests answered 204,"}},
		{beacons: beaconsServer, sessions: 32, events: 3000, report: []string{
			"server: ad segment fetches (redirect), 3 per ad, 6 events", "1500 answered 302 in", "2.00 events/request",
			"3000 beacon events of 3000 recorded in 1500 requests answered 302,"}},
	} {
		t.Run(string(tt.beacons), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var progress bytes.Buffer
			o := options{load: loadGo, beacons: tt.beacons, events: 1500, clients: 8, landTimeout: 30 * time.Second, dir: t.TempDir()}
			res, err := run(ctx, o, &progress)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, progress.String())
			}
			n := int(tt.events) + tt.sessions
			want := storedCounts{rows: n, distinct: n, beacons: int(tt.events), sessionStarts: tt.sessions}
			if res.stored != want || res.malformed != 0 || res.recorded != tt.events || res.recordedRequests != 1500 || res.accepted != 1500 {
				t.Errorf("stored %+v (%d malformed, %d events recorded in %d requests, %d accepted), want %+v",
					res.stored, res.malformed, res.recorded, res.recordedRequests, res.accepted, want)
			}
			var out bytes.Buffer
			res.print(&out)
			for _, s := range append(tt.report, "go: 8 keep-alive clients", "requests/s", "events/s", "landed in store", "beacon request") {
				if !strings.Contains(out.String(), s) {
					t.Errorf("report lacks %q:\n%s", s, out.String())
				}
			}
		})
	}
}

// TestRunWrkLandsEveryEvent runs the harness with wrk for a second: every
// event the server recorded lands once, those of the requests wrk saw
// answered included, and wrk counts no 302 as a failure.
func TestRunWrkLandsEveryEvent(t *testing.T) {
	if _, err := findWrk(); err != nil {
		t.Skip(err)
	}
	for _, tt := range []struct {
		beacons  beaconKind
		wrk      wrkOptions
		baseline bool
	}{
		{beacons: beaconsClient, wrk: wrkOptions{threads: 1, conns: 16}, baseline: true},
		{beacons: beaconsClient, wrk: wrkOptions{threads: 2, conns: 32}},
		{beacons: beaconsServer, wrk: wrkOptions{threads: 1, conns: 16}, baseline: true},
		{beacons: beaconsServer, wrk: wrkOptions{threads: 2, conns: 32}},
	} {
		t.Run(string(tt.beacons)+" "+tt.wrk.String(), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var progress bytes.Buffer
			o := options{load: loadWrk, beacons: tt.beacons, clients: 16, duration: time.Second, wrk: tt.wrk,
				baseline: tt.baseline, landTimeout: 30 * time.Second, dir: t.TempDir()}
			res, err := run(ctx, o, &progress)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, progress.String())
			}
			per := tt.beacons.perSession()
			sessions := (maxBeaconRate + per - 1) / per
			s := res.stored
			if res.accepted == 0 || res.non2xx != 0 || res.socket.Any() || res.sessions != sessions ||
				int64(s.beacons) != res.recorded || res.recordedRequests < res.accepted || res.recordedRequests > res.issued ||
				res.recorded < res.recordedRequests || res.recorded > 3*res.recordedRequests ||
				s.sessionStarts != sessions || s.rows != s.distinct || res.malformed != 0 {
				t.Errorf("result %+v", res)
			}
			var out bytes.Buffer
			res.print(&out)
			for _, want := range []string{tt.wrk.String() + " -d1s, a separate process", tt.beacons.label(), "accepted by HTTP",
				"landed in store", "beacon request", fmt.Sprintf("answered %d (", tt.beacons.route().status), "wrk "} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("report lacks %q:\n%s", want, out.String())
				}
			}
			if got := strings.Contains(out.String(), "bare HTTP server"); got != tt.baseline || (res.baseline > 0) != tt.baseline {
				t.Errorf("baseline %.0f requests/s, reported %v; want it run %v:\n%s", res.baseline, got, tt.baseline, out.String())
			}
			if strings.Contains(out.String(), "WARNING") {
				t.Errorf("report warns:\n%s", out.String())
			}
		})
	}
}

func TestRunRejectsUsedDir(t *testing.T) {
	dir := t.TempDir()
	o := options{load: loadGo, beacons: beaconsClient, events: 10, clients: 1, landTimeout: time.Second, dir: dir}
	if _, err := run(context.Background(), o, &bytes.Buffer{}); err != nil {
		t.Fatalf("first run: %v", err)
	}
	if _, err := run(context.Background(), o, &bytes.Buffer{}); err == nil {
		t.Fatal("a second run into the same -dir was accepted: its events would count twice")
	}
}

func TestOptionsValidate(t *testing.T) {
	ok := options{load: loadWrk, beacons: beaconsClient, events: 1, clients: 1, duration: time.Second, wrk: defaultWrk, landTimeout: time.Second}
	for _, tt := range []struct {
		name    string
		edit    func(*options)
		wantErr bool
	}{
		{name: "wrk", edit: func(*options) {}},
		{name: "go", edit: func(o *options) { o.load, o.duration, o.wrk = loadGo, 0, wrkOptions{} }},
		{name: "unknown load", edit: func(o *options) { o.load = "ab" }, wantErr: true},
		{name: "no load", edit: func(o *options) { o.load = "" }, wantErr: true},
		{name: "server beacons", edit: func(o *options) { o.beacons = beaconsServer }},
		{name: "server beacons, go", edit: func(o *options) { o.load, o.beacons = loadGo, beaconsServer }},
		{name: "unknown beacons", edit: func(o *options) { o.beacons = "player" }, wantErr: true},
		{name: "no beacons", edit: func(o *options) { o.beacons = "" }, wantErr: true},
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
	for _, s := range []string{"", "Server", "player"} {
		if _, err := parseBeacons(s); !errors.Is(err, ErrUnknownBeacons) {
			t.Errorf("parseBeacons(%q) = %v, want ErrUnknownBeacons", s, err)
		}
	}
	for _, k := range []beaconKind{beaconsClient, beaconsServer} {
		if got, err := parseBeacons(string(k)); got != k || err != nil {
			t.Errorf("parseBeacons(%q) = %q, %v", k, got, err)
		}
	}
}

func TestSessionsCoverTheLoad(t *testing.T) {
	for _, tt := range []struct {
		o    options
		want int
	}{
		{o: options{load: loadGo, beacons: beaconsClient, events: 1500}, want: 16},
		{o: options{load: loadGo, beacons: beaconsClient, events: 96}, want: 1},
		{o: options{load: loadGo, beacons: beaconsServer, events: 1500}, want: 32},
		{o: options{load: loadGo, beacons: beaconsServer, events: 48}, want: 1},
		{o: options{load: loadGo, beacons: beaconsServer, events: 49}, want: 2},
		{o: options{load: loadWrk, beacons: beaconsClient, duration: 10 * time.Second}, want: 15625},
		{o: options{load: loadWrk, beacons: beaconsClient, duration: 1500 * time.Millisecond}, want: 3125}, // wrk runs 2s
		{o: options{load: loadWrk, beacons: beaconsServer, duration: 10 * time.Second}, want: 31250},
	} {
		if got := tt.o.sessions(); got != tt.want || got*tt.o.beacons.perSession() < tt.o.events {
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
