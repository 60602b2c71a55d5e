package main

import (
	"context"
	"fmt"
	"github.com/adstitch/adstitch/adserver"
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

func openControl(cfg *configs.Config, log *slog.Logger, v *adserver.VariantDeps, validate func(context.Context, *campaign.Creative) error) (*controlPlane, error) {
	st, err := store.Open(controlDBPath(cfg))
	if err != nil {
		return nil, fmt.Errorf("control store: %w", err)
	}
	opts := api.Options{Keys: cfg.APIKeys, Log: log, ValidateCreative: validate}
	if v != nil {
		opts.Media, opts.CheckTemplate = uploadOptions(cfg, v)
		opts.Variants = v.Service
	}
	a := api.New(st, opts)
	return &controlPlane{store: st, api: a}, nil
}

func (c *controlPlane) close() { _ = c.store.Close() }
