package main

import (
	"context"
	"fmt"
	"net"

	"github.com/valyala/fasthttp"
)

// runBaseline sends wrk's same requests, for as long, to a fasthttp server
// that answers each at once the way adstitch does (204, or 302 to the
// CDN) and does nothing else: what wrk and this machine's HTTP stack
// manage at this moment. These machines' speed drifts by a tenth within
// an hour, so the report judges adstitch against it side by side (a
// ratio) as well as against the target.
func runBaseline(ctx context.Context, o options, bin, script, tokensFile string) (wrkRun, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return wrkRun{}, fmt.Errorf("baseline listen: %w", err)
	}
	status := o.beacons.route().status
	srv := &fasthttp.Server{Name: "eventbench-baseline", Handler: func(ctx *fasthttp.RequestCtx) {
		if status == fasthttp.StatusFound {
			ctx.Response.Header.Set("Location", "https://cdn.example/ads/house/seg0.ts")
		}
		ctx.SetStatusCode(status)
	}}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	run, err := runWrk(ctx, bin, o.wrk, o.duration, script, tokensFile, "http://"+ln.Addr().String()+"/")
	if serr := srv.Shutdown(); err == nil && serr != nil {
		err = fmt.Errorf("baseline shutdown: %w", serr)
	}
	<-served
	if err != nil {
		return wrkRun{}, fmt.Errorf("baseline: %w", err)
	}
	if run.report.non2xx > 0 || run.report.answered() == 0 {
		return wrkRun{}, fmt.Errorf("baseline: %d of %d answers above 399", run.report.non2xx, run.report.requests)
	}
	return run, nil
}
