package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/demoorigin"
	"github.com/adstitch/adstitch/variants/demo"
)

// demoCmd serves the demo media as a standalone origin, for trying a
// config that points at an origin on another port (configs/example.yaml).
func demoCmd(args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:9000", "address of the demo origin")
	dir := fs.String("dir", "./var/demo", "where the demo media is rendered and kept")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	assets, err := demo.Prepare(ctx, *dir, log)
	if err != nil {
		return fmt.Errorf("demo media: %w", err)
	}
	o := demoorigin.New(assets.Dir, demoorigin.Options{})
	srv := &fasthttp.Server{Handler: o.Handler, Name: "adstitch-demo"}
	fmt.Printf("demo origin on http://%s%s (vod/master.m3u8, live/master.m3u8?cue=cueout|daterange|oatcls, ads/…, slate/…)\n", *listen, demoorigin.Prefix)
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe(*listen) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return srv.Shutdown()
	}
}
