package main

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// loadKind is what sends the beacons.
type loadKind string

const (
	// loadGo is fasthttp clients in this process, sharing its 2 cores
	// with the server.
	loadGo loadKind = "go"
	// loadWrk is wrk, a separate C process, as players on other machines
	// are to the server.
	loadWrk loadKind = "wrk"
)

// ErrUnknownLoad is a -load value other than go or wrk.
var ErrUnknownLoad = errors.New("unknown load generator")

func parseLoad(s string) (loadKind, error) {
	switch k := loadKind(s); k {
	case loadGo, loadWrk:
		return k, nil
	}
	return "", fmt.Errorf("-load %q: %w (want go or wrk)", s, ErrUnknownLoad)
}

// defaultWrk lands as many events/s as any setting measured on the
// 2-core bench machine, at the lowest latency of those (see the package
// doc).
var defaultWrk = wrkOptions{threads: 1, conns: 256}

type options struct {
	load            loadKind
	beacons         beaconKind
	events, clients int           // go: beacon requests to send, concurrent clients (also used to create sessions)
	duration        time.Duration // wrk: how long it sends
	wrk             wrkOptions
	baseline        bool // wrk: also time a bare server (runBaseline)
	landTimeout     time.Duration
	dir             string
}

func (o options) validate() error {
	if _, err := parseLoad(string(o.load)); err != nil {
		return err
	}
	if _, err := parseBeacons(string(o.beacons)); err != nil {
		return err
	}
	switch {
	case o.clients < 1 || o.landTimeout <= 0:
		return errors.New("-clients and -land-timeout must be positive")
	case o.load == loadGo && o.events < 1:
		return errors.New("-events must be positive")
	case o.load == loadWrk && o.duration <= 0:
		return errors.New("-duration must be positive")
	case o.load == loadWrk && (o.wrk.threads < 1 || o.wrk.conns < o.wrk.threads):
		return fmt.Errorf("-wrk-threads %d, -wrk-conns %d: want 1 ≤ threads ≤ conns", o.wrk.threads, o.wrk.conns)
	}
	return nil
}

// sessions is how many sessions the run creates: enough for -events
// beacon requests, or for wrk to send distinct ones for -duration at
// maxBeaconRate.
func (o options) sessions() int {
	n := o.events
	if o.load == loadWrk {
		n = maxBeaconRate * wrkSeconds(o.duration)
	}
	per := o.beacons.perSession()
	return (n + per - 1) / per
}

// loadLabel is the load line of the report.
func (o options) loadLabel() string {
	if o.load == loadWrk {
		return o.wrk.String() + " -d" + strconv.Itoa(wrkSeconds(o.duration)) + "s, a separate process"
	}
	return "go: " + strconv.Itoa(o.clients) + " keep-alive clients in this process"
}
