package adserver

import (
	"bytes"
	"context"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/origin"
)

// MetricsWriter appends Prometheus text-format samples for a subsystem
// (the event pipeline, the loader...). Names are prefixed adstitch_.
type MetricsWriter func(w *bytes.Buffer)

// metrics answers GET /metrics in the Prometheus text format: the
// server's own families (requests by route, origins, decisions), then the
// subsystems' writers.
func (s *Server) metrics(ctx *fasthttp.RequestCtx) {
	var b bytes.Buffer
	s.reqs.metrics.write(&b)
	s.writeOriginMetrics(&b)
	s.decisionStats.write(&b)
	for _, m := range s.metricWriters {
		m(&b)
	}
	ctx.SetContentType("text/plain; version=0.0.4; charset=utf-8")
	ctx.SetBody(b.Bytes())
}

// WriteCounter appends one counter sample with its HELP and TYPE lines.
func WriteCounter(w *bytes.Buffer, name, help string, v int64) {
	writeSample(w, name, help, "counter", v)
}

// WriteGauge appends one gauge sample with its HELP and TYPE lines.
func WriteGauge(w *bytes.Buffer, name, help string, v int64) { writeSample(w, name, help, "gauge", v) }

func writeSample(w *bytes.Buffer, name, help, typ string, v int64) {
	writeHeader(w, name, help, typ)
	w.WriteString(name + " ")
	w.WriteString(strconv.FormatInt(v, 10))
	w.WriteByte('\n')
}

// writeHeader appends a family's HELP and TYPE lines.
func writeHeader(w *bytes.Buffer, name, help, typ string) {
	w.WriteString("# HELP " + name + " " + help + "\n# TYPE " + name + " " + typ + "\n")
}

// writeLabelled appends one sample with a label set (`cache="ad_media"`).
func writeLabelled(w *bytes.Buffer, name, labels string, v uint64) {
	w.WriteString(name + "{" + labels + "} ")
	w.WriteString(strconv.FormatUint(v, 10))
	w.WriteByte('\n')
}

// originCache is one origin cache family member as /metrics labels it.
type originCache struct {
	name  string
	stats origin.Stats
}

// originCaches sums the caches by role: every stream's masters and media
// playlists, and the ads'.
func (s *Server) originCaches() []originCache {
	var master, media origin.Stats
	for _, st := range s.streams {
		addStats(&master, st.masters.Stats())
		addStats(&media, st.medias.Stats())
	}
	return []originCache{
		{"content_master", master}, {"content_media", media},
		{"ad_master", s.adMasters.Stats()}, {"ad_media", s.adMedias.Stats()},
	}
}

func addStats(sum *origin.Stats, s origin.Stats) {
	sum.Fetches += s.Fetches
	sum.Hits += s.Hits
	sum.Misses += s.Misses
	sum.Errors += s.Errors
	sum.Stale += s.Stale
	sum.Rejected += s.Rejected
	sum.Entries += s.Entries
}

func (s *Server) writeOriginMetrics(w *bytes.Buffer) {
	caches := s.originCaches()
	for _, f := range []struct {
		name, help, typ string
		v               func(origin.Stats) uint64
	}{
		{"adstitch_origin_fetches_total", "Playlist fetches sent to origins, by cache.", "counter",
			func(s origin.Stats) uint64 { return s.Fetches }},
		{"adstitch_origin_fetch_errors_total", "Failed playlist fetches (network, status, size or parse), by cache.", "counter",
			func(s origin.Stats) uint64 { return s.Errors }},
		{"adstitch_origin_stale_served_total", "Stale playlists served while their origin failed, by cache.", "counter",
			func(s origin.Stats) uint64 { return s.Stale }},
		{"adstitch_origin_rejected_total", "Playlist URLs refused by the origins allowlist, by cache.", "counter",
			func(s origin.Stats) uint64 { return s.Rejected }},
		{"adstitch_origin_cached_playlists", "Playlists held in the cache now, by cache.", "gauge",
			func(s origin.Stats) uint64 { return uint64(s.Entries) }},
	} {
		writeHeader(w, f.name, f.help, f.typ)
		for _, c := range caches {
			writeLabelled(w, f.name, `cache="`+c.name+`"`, f.v(c.stats))
		}
	}
}

// decisionMetrics time the decider and add up what it filled.
type decisionMetrics struct {
	latency  histogram
	availMs  atomic.Int64 // break time offered to decisions
	filledMs atomic.Int64 // ad time the decisions put in
}

// observeDecision records a decision's latency and fill: the break's
// seconds, and the seconds of the ads chosen (at most the break's).
func (s *Server) observeDecision(ctx context.Context, a Avail, dec *Decision, took time.Duration) {
	s.decisionStats.latency.observe(took)
	var filled float64
	for _, id := range dec.Ads {
		if d, err := s.ads.duration(ctx, id); err == nil {
			filled += d
		}
	}
	s.decisionStats.availMs.Add(int64(a.Duration * 1000))
	s.decisionStats.filledMs.Add(int64(min(filled, a.Duration) * 1000))
}

func (m *decisionMetrics) write(w *bytes.Buffer) {
	const lat = "adstitch_decision_duration_seconds"
	writeHeader(w, lat, "Time to decide a pod for a new (session, break), cache misses only.", "histogram")
	m.latency.write(w, lat, "")
	writeSeconds(w, "adstitch_avail_seconds_total", "Break seconds offered to decisions (fill rate = filled / offered).", m.availMs.Load())
	writeSeconds(w, "adstitch_avail_filled_seconds_total", "Ad seconds decisions put into breaks.", m.filledMs.Load())
}

// writeSeconds appends a counter of seconds kept in milliseconds.
func writeSeconds(w *bytes.Buffer, name, help string, ms int64) {
	writeHeader(w, name, help, "counter")
	w.WriteString(name + " ")
	w.WriteString(strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64))
	w.WriteByte('\n')
}
