package adserver

import (
	"bytes"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// route is the fixed label a request is counted under. The set is small
// and closed so per-route counters are an array indexed by route: no map,
// no lock and no allocation per request.
type route uint8

const (
	routeMaster route = iota
	routeMedia
	routeAdSegment
	routeSessionCreate
	routeTracking
	routeEvents
	routeDecisions
	routeVAST
	routeReports
	routeControlAPI
	routeVariantFile
	routeConsole
	routeMetrics
	routeHealth
	routeOther
	numRoutes
)

var routeNames = [numRoutes]string{
	routeMaster:        "master",
	routeMedia:         "media",
	routeAdSegment:     "ad_segment",
	routeSessionCreate: "session_create",
	routeTracking:      "tracking",
	routeEvents:        "events",
	routeDecisions:     "decisions",
	routeVAST:          "vast",
	routeReports:       "reports",
	routeControlAPI:    "control_api",
	routeVariantFile:   "variant_file",
	routeConsole:       "console",
	routeMetrics:       "metrics",
	routeHealth:        "health",
	routeOther:         "other",
}

func (r route) String() string { return routeNames[r] }

// routeOf classifies a request path the way Handler dispatches it. It
// mirrors Handler's switch (TestRouteOf pins the pairs) instead of being
// set by each branch, so the dispatch stays one readable switch.
func routeOf(path string) route {
	switch {
	case strings.HasPrefix(path, "/v1/s/"):
		rest := path[len("/v1/s/"):]
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			return routeOther
		}
		switch tail := rest[i+1:]; {
		case tail == "master.m3u8":
			return routeMaster
		case strings.HasPrefix(tail, "p/"):
			return routeMedia
		case strings.HasPrefix(tail, "a/"):
			return routeAdSegment
		}
		return routeOther
	case strings.HasPrefix(path, "/v1/master/"):
		return routeMaster
	case path == "/v1/sessions":
		return routeSessionCreate
	case strings.HasPrefix(path, "/v1/sessions/") && strings.HasSuffix(path, "/decisions"):
		return routeDecisions
	case strings.HasPrefix(path, "/v1/tracking/"):
		return routeTracking
	case strings.HasPrefix(path, "/v1/events/"):
		return routeEvents
	case strings.HasPrefix(path, "/v1/reports/"):
		return routeReports
	case strings.HasPrefix(path, "/v1/variants/") && strings.Count(path, "/") > 3:
		return routeVariantFile
	case path == "/v1/vast":
		return routeVAST
	case strings.HasPrefix(path, "/v1/"):
		return routeControlAPI
	case path == "/metrics":
		return routeMetrics
	case path == "/healthz" || path == "/readyz":
		return routeHealth
	case path == "/" || strings.HasPrefix(path, "/console/"):
		return routeConsole
	}
	return routeOther
}

// statusClasses are the status labels: 2xx (and the rare 1xx) to 5xx.
var statusClasses = [...]string{"2xx", "3xx", "4xx", "5xx"}

func statusClass(code int) int {
	return min(max(code/100-2, 0), len(statusClasses)-1)
}

// latencyBuckets are the histogram upper bounds, from a cached playlist
// (well under a millisecond) to an origin at its time-out.
var latencyBuckets = [...]time.Duration{
	500 * time.Microsecond, time.Millisecond, 2500 * time.Microsecond, 5 * time.Millisecond,
	10 * time.Millisecond, 25 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond,
	250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2500 * time.Millisecond,
	5 * time.Second, 10 * time.Second,
}

// latencyLabels are latencyBuckets as Prometheus le values, made once.
var latencyLabels = func() (l [len(latencyBuckets)]string) {
	for i, b := range latencyBuckets {
		l[i] = strconv.FormatFloat(b.Seconds(), 'g', -1, 64)
	}
	return l
}()

// histogram counts durations into latencyBuckets with atomic counters.
type histogram struct {
	counts [len(latencyBuckets) + 1]atomic.Uint64 // the last one is +Inf
	sumNs  atomic.Int64
}

func (h *histogram) observe(d time.Duration) {
	i := 0
	for i < len(latencyBuckets) && d > latencyBuckets[i] {
		i++
	}
	h.counts[i].Add(1)
	h.sumNs.Add(int64(d))
}

// write appends h's samples (cumulative buckets, sum, count) with the
// label pair label (`route="media"`, or "" for none). The family's HELP
// and TYPE lines are the caller's.
func (h *histogram) write(w *bytes.Buffer, name, label string) {
	var cum uint64
	for i := range h.counts {
		cum += h.counts[i].Load()
		le := "+Inf"
		if i < len(latencyLabels) {
			le = latencyLabels[i]
		}
		w.WriteString(name + "_bucket{")
		if label != "" {
			w.WriteString(label + ",")
		}
		w.WriteString(`le="` + le + `"} `)
		w.WriteString(strconv.FormatUint(cum, 10))
		w.WriteByte('\n')
	}
	braced := ""
	if label != "" {
		braced = "{" + label + "}"
	}
	w.WriteString(name + "_sum" + braced + " ")
	w.WriteString(strconv.FormatFloat(time.Duration(h.sumNs.Load()).Seconds(), 'g', -1, 64))
	w.WriteString("\n" + name + "_count" + braced + " ")
	w.WriteString(strconv.FormatUint(cum, 10))
	w.WriteByte('\n')
}

// routeStats are one route's counters.
type routeStats struct {
	byClass [len(statusClasses)]atomic.Uint64
	latency histogram
}

// requestCounters are the per-route request counters and latencies.
type requestCounters struct {
	routes   [numRoutes]routeStats
	inFlight atomic.Int64
}

func (m *requestCounters) observe(r route, status int, d time.Duration) {
	st := &m.routes[r]
	st.byClass[statusClass(status)].Add(1)
	st.latency.observe(d)
}

func (m *requestCounters) write(w *bytes.Buffer) {
	const reqs = "adstitch_http_requests_total"
	writeHeader(w, reqs, "HTTP requests answered, by route and status class.", "counter")
	for r := range m.routes {
		for c, class := range statusClasses {
			w.WriteString(reqs + `{route="` + routeNames[r] + `",code="` + class + `"} `)
			w.WriteString(strconv.FormatUint(m.routes[r].byClass[c].Load(), 10))
			w.WriteByte('\n')
		}
	}
	const lat = "adstitch_http_request_duration_seconds"
	writeHeader(w, lat, "Time in the handler per request (response writing excluded), by route.", "histogram")
	for r := range m.routes {
		m.routes[r].latency.write(w, lat, `route="`+routeNames[r]+`"`)
	}
	WriteGauge(w, "adstitch_http_requests_in_flight", "Requests inside a handler now.", m.inFlight.Load())
}
