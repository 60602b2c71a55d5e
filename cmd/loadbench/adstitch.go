package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/adstitch/adstitch/adserver"
	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/configs"
)

// benchStream is the id of the one live stream the bench personalizes.
const benchStream = "live"

// benchKey signs the bench's sessions; fixed so the config is reproducible.
const benchKey = "loadbench-fixed-session-key-0123456789abcdef"

// stitcher is the in-process adstitch data plane under test.
type stitcher struct {
	srv  *adserver.Server
	base string // http://host:port
	done chan error
}

// startAdstitch serves adstitch on 127.0.0.1:0 with one live stream on o
// and its house ad as fill, until ctx ends.
func startAdstitch(ctx context.Context, o *origin, dataDir string) (*stitcher, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("adstitch listen: %w", err)
	}
	cfg, err := configs.Parse(adstitchYAML(ln.Addr().String(), o, dataDir), "loadbench.yaml")
	if err != nil {
		ln.Close()
		return nil, err
	}
	var keys []session.Key
	for _, k := range cfg.Sessions.Keys {
		keys = append(keys, session.Key{ID: k.ID, Secret: []byte(k.Secret)})
	}
	ring, err := session.NewKeyring(keys, cfg.Sessions.Active, time.Duration(cfg.Sessions.TTL))
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("session keyring: %w", err)
	}
	srv, err := adserver.New(adserver.Deps{
		Config: cfg, Keyring: ring, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("adstitch: %w", err)
	}
	s := &stitcher{srv: srv, base: "http://" + ln.Addr().String(), done: make(chan error, 1)}
	go func() { s.done <- srv.Serve(ctx, ln) }()
	return s, nil
}

// wait returns Serve's result once ctx has ended, and releases the caches.
func (s *stitcher) wait() error {
	err := <-s.done
	s.srv.Close()
	return err
}

// adstitchYAML is the bench's configuration, written the way an operator
// would, so configs.Parse validates it like any other.
func adstitchYAML(listen string, o *origin, dataDir string) []byte {
	return fmt.Appendf(nil, `listen: %s
data_dir: %q
streams:
  - {id: %s, origin: %q, kind: live, break_duration: 20s}
fill:
  - {id: house, hls: %q}
origins_allow: [%s]
sessions:
  keys:
    - {id: bench, secret: %q}
log: {level: error}
`, listen, dataDir, benchStream, o.url("/live/master.m3u8"), o.url("/house/master.m3u8"), o.host, benchKey)
}
