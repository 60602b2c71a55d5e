package adserver

import (
	"bytes"

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
