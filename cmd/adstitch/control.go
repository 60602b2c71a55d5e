package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control/api"
	"github.com/adstitch/adstitch/adserver/control/store"
	"github.com/adstitch/adstitch/configs"
)

// controlPlane is the marketer API and its store, run inside serve.
type controlPlane struct {
	store *store.Store
	api   *api.API
}

func openControl(cfg *configs.Config, log *slog.Logger, validate func(context.Context, *campaign.Creative) error) (*controlPlane, error) {
	st, err := store.Open(controlDBPath(cfg))
	if err != nil {
		return nil, fmt.Errorf("control store: %w", err)
	}
	a := api.New(st, api.Options{Keys: cfg.APIKeys, Log: log, ValidateCreative: validate})
	return &controlPlane{store: st, api: a}, nil
}

func (c *controlPlane) close() { _ = c.store.Close() }
