package adserver

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"
)

func TestRouteOf(t *testing.T) {
	for _, tc := range []struct {
		path string
		want route
	}{
		{"/v1/s/TOKEN/master.m3u8", routeMaster},
		{"/v1/master/show.m3u8", routeMaster},
		{"/v1/s/TOKEN/p/0.m3u8", routeMedia},
		{"/v1/s/TOKEN/a/pre/0/house/0/0.ts", routeAdSegment},
		{"/v1/s/TOKEN", routeOther},
		{"/v1/s/TOKEN/x", routeOther},
		{"/v1/sessions", routeSessionCreate},
		{"/v1/sessions/TOKEN/decisions", routeDecisions},
		{"/v1/sessions/TOKEN", routeControlAPI},
		{"/v1/tracking/TOKEN", routeTracking},
		{"/v1/events/TOKEN/pre/0/house/start", routeEvents},
		{"/v1/reports/campaigns/house", routeReports},
		{"/v1/variants/ab/cd/360p.m3u8", routeVariantFile},
		{"/v1/variants/ab", routeControlAPI},
		{"/v1/vast", routeVAST},
		{"/v1/campaigns", routeControlAPI},
		{"/v1/snapshot", routeControlAPI},
		{"/metrics", routeMetrics},
		{"/healthz", routeHealth},
		{"/readyz", routeHealth},
		{"/", routeConsole},
		{"/console/app.js", routeConsole},
		{"/origin/show/master.m3u8", routeOther},
		{"/v2/whatever", routeOther},
		{"", routeOther},
	} {
		if got := routeOf(tc.path); got != tc.want {
			t.Errorf("routeOf(%q) = %s, want %s", tc.path, got, tc.want)
		}
	}
	for r := range numRoutes {
		if routeNames[r] == "" || strings.ContainsAny(routeNames[r], `"\`) {
			t.Errorf("route %d has no usable name", r)
		}
	}
}

func TestStatusClass(t *testing.T) {
	for code, want := range map[int]string{0: "2xx", 101: "2xx", 200: "2xx", 204: "2xx", 302: "3xx", 404: "4xx", 499: "4xx", 502: "5xx", 599: "5xx", 999: "5xx"} {
		if got := statusClasses[statusClass(code)]; got != want {
			t.Errorf("statusClass(%d) = %s, want %s", code, got, want)
		}
	}
}

func TestHistogramBuckets(t *testing.T) {
	var h histogram
	for _, d := range []time.Duration{0, 500 * time.Microsecond, 501 * time.Microsecond, 3 * time.Millisecond, time.Second, time.Minute} {
		h.observe(d)
	}
	var b bytes.Buffer
	writeHeader(&b, "adstitch_test_seconds", "test.", "histogram")
	h.write(&b, "adstitch_test_seconds", `route="x"`)
	e, err := parseExposition(b.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	for series, want := range map[string]float64{
		`adstitch_test_seconds_bucket{route="x",le="0.0005"}`: 2, // le is inclusive
		`adstitch_test_seconds_bucket{route="x",le="0.001"}`:  3,
		`adstitch_test_seconds_bucket{route="x",le="0.005"}`:  4,
		`adstitch_test_seconds_bucket{route="x",le="1"}`:      5,
		`adstitch_test_seconds_bucket{route="x",le="10"}`:     5,
		`adstitch_test_seconds_bucket{route="x",le="+Inf"}`:   6,
		`adstitch_test_seconds_count{route="x"}`:              6,
		`adstitch_test_seconds_sum{route="x"}`:                61.004001,
	} {
		if got := e.samples[series]; math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", series, got, want)
		}
	}
}

// The checker used by the /metrics tests must itself refuse what a
// scraper would choke on or misread.
func TestExpositionCheckerRejects(t *testing.T) {
	head := "# HELP adstitch_x_total x.\n# TYPE adstitch_x_total counter\n"
	for name, body := range map[string]string{
		"no newline":        head + "adstitch_x_total 1",
		"no prefix":         "# HELP x_total x.\n# TYPE x_total counter\nx_total 1\n",
		"no type":           "adstitch_x_total 1\n",
		"counter not total": "# HELP adstitch_x x.\n# TYPE adstitch_x counter\nadstitch_x 1\n",
		"bad value":         head + "adstitch_x_total one\n",
		"two spaces":        head + "adstitch_x_total  1\n",
		"bad label":         head + "adstitch_x_total{a-b=\"c\"} 1\n",
		"unquoted":          head + "adstitch_x_total{a=b} 1\n",
		"bad escape":        head + "adstitch_x_total{a=\"\\t\"} 1\n",
		"dup label":         head + "adstitch_x_total{a=\"1\",a=\"2\"} 1\n",
		"dup series":        head + "adstitch_x_total 1\nadstitch_x_total 2\n",
		"foreign sample":    head + "adstitch_y_total 1\n",
		"type twice":        head + "# TYPE adstitch_x_total counter\n",
		"interleaved":       head + "adstitch_x_total 1\n# HELP adstitch_y y.\n# TYPE adstitch_y gauge\nadstitch_y 1\n# HELP adstitch_x_total x.\n",
		"bucket order":      "# HELP adstitch_h h.\n# TYPE adstitch_h histogram\nadstitch_h_bucket{le=\"1\"} 2\nadstitch_h_bucket{le=\"+Inf\"} 1\nadstitch_h_sum 1\nadstitch_h_count 1\n",
		"no +Inf":           "# HELP adstitch_h h.\n# TYPE adstitch_h histogram\nadstitch_h_bucket{le=\"1\"} 1\nadstitch_h_sum 1\nadstitch_h_count 1\n",
		"count mismatch":    "# HELP adstitch_h h.\n# TYPE adstitch_h histogram\nadstitch_h_bucket{le=\"+Inf\"} 1\nadstitch_h_sum 1\nadstitch_h_count 2\n",
	} {
		if _, err := parseExposition(body); err == nil {
			t.Errorf("%s: accepted\n%s", name, body)
		}
	}
	if _, err := parseExposition(head + "adstitch_x_total{a=\"q\\\"\\\\\\n\"} 1\n"); err != nil {
		t.Errorf("escaped label value refused: %v", err)
	}
}
