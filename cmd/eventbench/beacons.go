package main

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/valyala/fasthttp"
)

// beaconKind is what one beacon request is: a player's own tracking call
// or an ad segment fetch the server records beacons for.
type beaconKind string

const (
	// beaconsClient is an SDK player's tracking call, one event each:
	// GET /v1/events/{token}/{avail}/{pos}/{ad}/{type}, answered 204.
	beaconsClient beaconKind = "client"
	// beaconsServer is a standard player's ad segment fetch: the server
	// records every beacon the segment crosses in one spool write and, in
	// ad_segments redirect mode, answers 302 to the CDN:
	// GET /v1/s/{token}/a/{avail}/{pos}/{ad}/{rendition}/{segment}.ts.
	beaconsServer beaconKind = "server"
)

// ErrUnknownBeacons is a -beacons value other than client or server.
var ErrUnknownBeacons = errors.New("unknown beacon kind")

func parseBeacons(s string) (beaconKind, error) {
	switch k := beaconKind(s); k {
	case beaconsClient, beaconsServer:
		return k, nil
	}
	return "", fmt.Errorf("-beacons %q: %w (want client or server)", s, ErrUnknownBeacons)
}

// beaconTypes are the client beacons of one ad, in playback order.
var beaconTypes = []string{"impression", "start", "firstQuartile", "midpoint", "thirdQuartile", "complete"}

// avails is how many ad breaks each session reports at most, so a session
// sends up to avails × (requests per ad) distinct beacon requests.
const avails = 16

// beaconRoute is how one kind's requests are built: prefix, token,
// availPrefix, avail, "/0/" (pod position), the ad, "/", then one of
// tails per request of the ad, in playback order.
type beaconRoute struct {
	what        string // who sends them, for the report
	prefix      string
	availPrefix string
	tails       []string
	events      []int // events the server records for each tail
	status      int   // the answer that means recorded
}

var beaconRoutes = map[beaconKind]beaconRoute{
	beaconsClient: {
		what:   "tracking calls",
		prefix: "/v1/events/", availPrefix: "/brk-",
		tails:  beaconTypes,
		events: []int{1, 1, 1, 1, 1, 1},
		status: fasthttp.StatusNoContent,
	},
	// Rendition 0, segments 0..2 of the bench's 4+4+2 s house ad
	// (origin.go): impression, start and firstQuartile; midpoint and
	// thirdQuartile; complete.
	beaconsServer: {
		what:   "ad segment fetches (redirect)",
		prefix: "/v1/s/", availPrefix: "/a/brk-",
		tails:  []string{"0/0.ts", "0/1.ts", "0/2.ts"},
		events: []int{3, 2, 1},
		status: fasthttp.StatusFound,
	},
}

func (k beaconKind) route() beaconRoute { return beaconRoutes[k] }

// perSession is how many distinct beacon requests one session can send.
func (k beaconKind) perSession() int { return avails * len(k.route().tails) }

// label is the report's beacons line: "server: ad segment fetches
// (redirect), 3 per ad, 6 events".
func (k beaconKind) label() string {
	r := k.route()
	return string(k) + ": " + r.what + ", " + strconv.Itoa(len(r.tails)) + " per ad, " +
		strconv.FormatInt(k.eventsIn(len(r.tails)), 10) + " events"
}

// eventsIn is how many events the first n requests of beaconPath's order
// record.
func (k beaconKind) eventsIn(n int) int64 {
	r := k.route()
	perAd := 0
	for _, e := range r.events {
		perAd += e
	}
	sum := int64(n/len(r.events)) * int64(perAd)
	for _, e := range r.events[:n%len(r.events)] {
		sum += int64(e)
	}
	return sum
}

// beaconPath is the path of request i of len(tokens) × k.perSession():
// the requests of one ad in order, session after session, then the next
// avail, the way viewers progress together. The wrk script (wrkscript.go)
// walks the same order.
func beaconPath(k beaconKind, tokens []string, i int) string {
	r := k.route()
	j := i % len(r.tails)
	s := i / len(r.tails) % len(tokens)
	avail := i / len(r.tails) / len(tokens)
	return r.prefix + tokens[s] + r.availPrefix + strconv.Itoa(avail) + "/0/" + benchAd + "/" + r.tails[j]
}
