package main

import (
	"strings"
	"testing"
)

// TestBeaconPath pins each kind's order: the requests of one ad, session
// after session, then the next avail.
func TestBeaconPath(t *testing.T) {
	tokens := []string{"A", "B"}
	for _, tt := range []struct {
		k    beaconKind
		want []string
	}{
		{k: beaconsClient, want: []string{
			"/v1/events/A/brk-0/0/house/impression", "/v1/events/A/brk-0/0/house/start",
			"/v1/events/A/brk-0/0/house/firstQuartile", "/v1/events/A/brk-0/0/house/midpoint",
			"/v1/events/A/brk-0/0/house/thirdQuartile", "/v1/events/A/brk-0/0/house/complete",
			"/v1/events/B/brk-0/0/house/impression", "/v1/events/B/brk-0/0/house/start",
			"/v1/events/B/brk-0/0/house/firstQuartile", "/v1/events/B/brk-0/0/house/midpoint",
			"/v1/events/B/brk-0/0/house/thirdQuartile", "/v1/events/B/brk-0/0/house/complete",
			"/v1/events/A/brk-1/0/house/impression",
		}},
		{k: beaconsServer, want: []string{
			"/v1/s/A/a/brk-0/0/house/0/0.ts", "/v1/s/A/a/brk-0/0/house/0/1.ts", "/v1/s/A/a/brk-0/0/house/0/2.ts",
			"/v1/s/B/a/brk-0/0/house/0/0.ts", "/v1/s/B/a/brk-0/0/house/0/1.ts", "/v1/s/B/a/brk-0/0/house/0/2.ts",
			"/v1/s/A/a/brk-1/0/house/0/0.ts",
		}},
	} {
		for i, want := range tt.want {
			if got := beaconPath(tt.k, tokens, i); got != want {
				t.Errorf("beaconPath(%s, %d) = %q, want %q", tt.k, i, got, want)
			}
		}
		last := len(tokens)*tt.k.perSession() - 1
		if got := beaconPath(tt.k, tokens, last); !strings.Contains(got, "B/") || !strings.Contains(got, "brk-15/0/house/") {
			t.Errorf("beaconPath(%s, %d) = %q: not in the last avail", tt.k, last, got)
		}
	}
}

func TestEventsIn(t *testing.T) {
	for _, tt := range []struct {
		k    beaconKind
		n    int
		want int64
	}{
		{k: beaconsClient, n: 0, want: 0},
		{k: beaconsClient, n: 7, want: 7},
		{k: beaconsServer, n: 0, want: 0},
		{k: beaconsServer, n: 1, want: 3},
		{k: beaconsServer, n: 2, want: 5},
		{k: beaconsServer, n: 3, want: 6},
		{k: beaconsServer, n: 4, want: 9},
		{k: beaconsServer, n: 1500, want: 3000},
	} {
		if got := tt.k.eventsIn(tt.n); got != tt.want {
			t.Errorf("%s eventsIn(%d) = %d, want %d", tt.k, tt.n, got, tt.want)
		}
	}
	for k, want := range map[beaconKind]string{
		beaconsClient: "client: tracking calls, 6 per ad, 6 events",
		beaconsServer: "server: ad segment fetches (redirect), 3 per ad, 6 events",
	} {
		if got := k.label(); got != want {
			t.Errorf("%s label() = %q, want %q", k, got, want)
		}
	}
}
