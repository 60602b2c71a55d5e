package adserver

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// After a little of every kind of traffic, /metrics is valid Prometheus
// text from start to end (the server's families and the subsystems'
// writers) and counts what happened.
func TestMetricsExposition(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServerWith(t, o, "", func(d *Deps) {
		d.Metrics = []MetricsWriter{func(w *bytes.Buffer) {
			WriteCounter(w, "adstitch_events_spooled_total", "Events written to the local spool.", 3)
			WriteGauge(w, "adstitch_spool_pending_events", "Events in the spool not delivered yet.", 1)
		}}
	})
	s := newSession(t, ts, `{"stream":"show","viewer_id":"m-1","interests":["sports"],"device":"tv"}`)
	if code, _, body := get(t, mediaURL(t, ts, s.ManifestURL)); code != 200 || !strings.Contains(body, "/a/") {
		t.Fatalf("media = %d:\n%s", code, body)
	}
	get(t, ts.url+"/healthz")
	get(t, ts.url+"/v2/nope")

	code, hdr, body := get(t, ts.url+"/metrics")
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("/metrics = %d %s", code, hdr.Get("Content-Type"))
	}
	e, err := parseExposition(body)
	if err != nil {
		t.Fatalf("%v\n%s", err, body)
	}
	for _, r := range routeNames {
		for _, c := range statusClasses {
			if _, ok := e.samples[`adstitch_http_requests_total{route="`+r+`",code="`+c+`"}`]; !ok {
				t.Errorf("no requests sample for route %s, %s", r, c)
			}
		}
	}
	at := func(series string) float64 {
		v, ok := e.samples[series]
		if !ok {
			t.Errorf("no series %s", series)
		}
		return v
	}
	for series, want := range map[string]float64{
		`adstitch_http_requests_total{route="session_create",code="2xx"}`:        1,
		`adstitch_http_requests_total{route="master",code="2xx"}`:                1,
		`adstitch_http_requests_total{route="media",code="2xx"}`:                 1,
		`adstitch_http_requests_total{route="health",code="2xx"}`:                1,
		`adstitch_http_requests_total{route="other",code="4xx"}`:                 1,
		`adstitch_http_request_duration_seconds_count{route="media"}`:            1,
		`adstitch_http_requests_in_flight{}`:                                     1, // the scrape itself
		`adstitch_origin_fetch_errors_total{cache="content_media"}`:              0,
		`adstitch_origin_fetches_total{cache="content_master"}`:                  1,
		`adstitch_origin_fetches_total{cache="ad_master"}`:                       2, // the house ad and the slate
		`adstitch_decision_duration_seconds_count{}`:                             2, // preroll and 20 s
		`adstitch_avail_seconds_total{}`:                                         24,
		`adstitch_avail_filled_seconds_total{}`:                                  20, // a 10 s house ad each
		`adstitch_events_spooled_total{}`:                                        3,
		`adstitch_spool_pending_events{}`:                                        1,
		`adstitch_http_request_duration_seconds_bucket{route="media",le="+Inf"}`: 1,
	} {
		if got := at(series); got != want {
			t.Errorf("%s = %v, want %v", series, got, want)
		}
	}
	if e.types["adstitch_decision_duration_seconds"] != "histogram" || e.types["adstitch_origin_cached_playlists"] != "gauge" {
		t.Errorf("types %v", e.types)
	}
}

// Origin failures show per cache, and the 5xx they cause per route.
func TestMetricsCountOriginErrors(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	o.fail.Store(true)
	ts := startServer(t, o, "origin: {timeout: 500ms}\n")
	code, _, body := get(t, ts.url+"/v1/master/show.m3u8?viewer_id=v")
	if code != http.StatusBadGateway {
		t.Fatalf("master with a failing origin = %d %s", code, body)
	}
	_, _, body = get(t, ts.url+"/metrics")
	e, err := parseExposition(body)
	if err != nil {
		t.Fatal(err)
	}
	if got := e.samples[`adstitch_origin_fetch_errors_total{cache="content_master"}`]; got < 1 {
		t.Errorf("content_master fetch errors = %v", got)
	}
	if got := e.samples[`adstitch_http_requests_total{route="master",code="5xx"}`]; got != 1 {
		t.Errorf("master 5xx = %v", got)
	}
}
