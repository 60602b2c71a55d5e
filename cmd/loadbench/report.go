package main

import (
	"fmt"
	"io"
	"time"
)

// target is the product goal: personalized throughput at least half of
// the same bytes served static.
const target = 0.5

// ratio is personalized over static requests per second.
func (r *result) ratio() float64 {
	if r.static.ReqPerSec == 0 {
		return 0
	}
	return r.personalized.ReqPerSec / r.static.ReqPerSec
}

// print writes the side-by-side table.
func (r *result) print(w io.Writer) {
	fmt.Fprintf(w, "load: personalized vs static (%s, %d sessions)\n", r.opts.wrk, r.opts.sessions)
	row := func(name string, x wrkResult) {
		fmt.Fprintf(w, "%-12s  %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms", name, x.ReqPerSec, ms(x.P50), ms(x.P99))
		if c := x.cpuPerRequest(); c > 0 {
			fmt.Fprintf(w, "  server cpu %5.1f µs/req", float64(c)/float64(time.Microsecond))
		}
		fmt.Fprintln(w)
	}
	row("personalized", r.personalized)
	row("static", r.static)
	verdict := "met"
	if r.ratio() < target {
		verdict = "MISSED"
	}
	fmt.Fprintf(w, "ratio personalized/static: %.2f (target >= %.2f, %s; playlist %d bytes)\n",
		r.ratio(), target, verdict, r.playlistSize)
	if p, s := r.personalized.cpuPerRequest(), r.static.cpuPerRequest(); p > 0 && s > 0 {
		fmt.Fprintf(w, "server cpu per request personalized/static: %.2f (less noisy than req/s)\n", float64(p)/float64(s))
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
