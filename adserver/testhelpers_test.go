package adserver

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/adstitch/adstitch/adserver/origin"
	"github.com/adstitch/adstitch/configs"
)

func contextWithCancel() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

func testOriginOpts(cfg *configs.Config) origin.Options {
	return origin.Options{
		Allow: cfg.OriginsAllow, Timeout: time.Duration(cfg.Origin.Timeout),
		MaxBytes: cfg.Origin.MaxPlaylistBytes, StaleFor: time.Duration(cfg.Origin.StaleFor),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}
