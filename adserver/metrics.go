package adserver

import (
	"bytes"
	"strconv"

	"github.com/valyala/fasthttp"
)

// MetricsWriter appends Prometheus text-format samples for a subsystem
// (the event pipeline, the loader...). Names are prefixed adstitch_.
type MetricsWriter func(w *bytes.Buffer)

// metrics answers GET /metrics in the Prometheus text format.
func (s *Server) metrics(ctx *fasthttp.RequestCtx) {
	var b bytes.Buffer
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
	w.WriteString("# HELP " + name + " " + help + "\n# TYPE " + name + " " + typ + "\n" + name + " ")
	w.WriteString(strconv.FormatInt(v, 10))
	w.WriteByte('\n')
}
