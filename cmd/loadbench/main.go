// Command loadbench measures adstitch's personalized media playlists
// against the same bytes served static by a fasthttp handler, with wrk, in
// one invocation (make bench). It owns nothing the server uses: it starts
// a synthetic live origin, adstitch and the static baseline in-process.
//
// It exits non-zero only when the harness fails (wrk missing, errors,
// non-2xx answers, no ads stitched), never because the target is missed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"
)

func main() {
	var o options
	flag.DurationVar(&o.wrk.Duration, "duration", 10*time.Second, "length of each wrk run (whole seconds)")
	flag.IntVar(&o.wrk.Conns, "conns", 32, "wrk connections")
	flag.IntVar(&o.wrk.Threads, "threads", 1, "wrk threads")
	flag.IntVar(&o.sessions, "sessions", 1000, "distinct sessions the personalized run rotates through")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := run(ctx, o, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
	res.print(os.Stdout)
}
