package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// options are the bench's flags.
type options struct {
	wrk      wrkOptions
	sessions int
}

// result is one bench invocation: both runs under the same settings.
type result struct {
	opts         options
	playlistSize int
	personalized wrkResult
	static       wrkResult
}

// run starts the origin, adstitch and the static baseline in-process, loads
// each with wrk in turn and returns both measurements.
func run(ctx context.Context, o options, progress io.Writer) (res *result, err error) {
	if o.sessions < 1 || o.wrk.Conns < 1 || o.wrk.Threads < 1 || o.wrk.Duration <= 0 {
		return nil, errors.New("-sessions, -conns, -threads and -duration must be positive")
	}
	bin, err := findWrk()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "loadbench-")
	if err != nil {
		return nil, fmt.Errorf("temp dir: %w", err)
	}
	defer os.RemoveAll(dir)

	org, err := startOrigin()
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, shutdown(org.close)) }()
	sctx, stop := context.WithCancel(ctx)
	st, err := startAdstitch(sctx, org, dir)
	if err != nil {
		stop()
		return nil, err
	}
	defer func() { stop(); err = errors.Join(err, st.wait()) }()

	fmt.Fprintf(progress, "creating %d sessions …\n", o.sessions)
	api := newAPIClient(st.base)
	defer api.close() // before adstitch drains: it waits for open connections
	paths, err := api.mediaPaths(ctx, o.sessions)
	if err != nil {
		return nil, err
	}
	pl, err := api.fetchPersonalized(ctx, paths[0]) // warms the caches, proves ads are stitched
	if err != nil {
		return nil, err
	}
	static, err := startStatic(pl)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, static.close()) }()
	// Both runs use the same script: wrk spends the same work per request,
	// and the static server ignores the path.
	script, err := writeRotationScript(dir, paths)
	if err != nil {
		return nil, err
	}

	res = &result{opts: o, playlistSize: len(pl.body)}
	fmt.Fprintf(progress, "personalized: %s …\n", o.wrk)
	if res.personalized, err = runWrk(ctx, bin, o.wrk, script, st.base+"/"); err != nil {
		return nil, err
	}
	if _, err := api.fetchPersonalized(ctx, paths[len(paths)-1]); err != nil {
		return nil, fmt.Errorf("after the run: %w", err)
	}
	fmt.Fprintf(progress, "static: %s …\n", o.wrk)
	if res.static, err = runWrk(ctx, bin, o.wrk, script, static.base+"/"); err != nil {
		return nil, err
	}
	return res, nil
}

func shutdown(f func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return f(ctx)
}
