package variants

import (
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"
)

// Defaults for the zero values of Config.
const (
	DefaultMaxBytes      = 10 << 30
	DefaultConcurrency   = 1
	DefaultRenderTimeout = 5 * time.Minute
	DefaultMaxQueued     = 1000
	DefaultRetryAfter    = time.Minute
	DefaultGrace         = 15 * time.Minute
)

// maxAttempts bounds renders of one variant (per process lifetime).
const maxAttempts = 3

// Config configures a Service. Zero values take the defaults above.
type Config struct {
	Dir           string        // where variants live: Dir/<id>/...; created if missing
	MaxBytes      int64         // bound of ready variants on disk, evicted LRU
	Concurrency   int           // renders at once
	RenderTimeout time.Duration // per render: the RenderFunc's ctx deadline
	MaxQueued     int           // Low requests beyond it fail with "queue full" until a later Ensure finds room
	URLPrefix     string        // MasterURL = URLPrefix + ID + "/master.m3u8", e.g. "http://host/v1/variants/"
	RetryAfter    time.Duration // a failed variant is rendered again by an Ensure after this (at most 3 attempts)
	Grace         time.Duration // a variant used within Grace is never evicted (players mid-pod)
	// OnReady is called outside locks once each time a variant becomes
	// ready here, incl. ones found on disk (by New, Ensure or a worker). It
	// may run on Ensure's caller's goroutine: keep it quick.
	OnReady func(Variant)
	Log     *slog.Logger // default slog.Default()
}

func (c Config) withDefaults() (Config, error) {
	if c.Dir == "" {
		return c, errors.New("variants: Dir is required")
	}
	abs, err := filepath.Abs(c.Dir)
	if err != nil {
		return c, fmt.Errorf("variants: Dir %s: %w", c.Dir, err)
	}
	c.Dir = abs
	for _, f := range []struct {
		name string
		bad  bool
	}{
		{"MaxBytes", c.MaxBytes < 0},
		{"Concurrency", c.Concurrency < 0},
		{"RenderTimeout", c.RenderTimeout < 0},
		{"MaxQueued", c.MaxQueued < 0},
		{"RetryAfter", c.RetryAfter < 0},
		{"Grace", c.Grace < 0},
	} {
		if f.bad {
			return c, fmt.Errorf("variants: %s must not be negative", f.name)
		}
	}
	c.MaxBytes = orDefault(c.MaxBytes, DefaultMaxBytes)
	c.Concurrency = orDefault(c.Concurrency, DefaultConcurrency)
	c.RenderTimeout = orDefault(c.RenderTimeout, DefaultRenderTimeout)
	c.MaxQueued = orDefault(c.MaxQueued, DefaultMaxQueued)
	c.RetryAfter = orDefault(c.RetryAfter, DefaultRetryAfter)
	c.Grace = orDefault(c.Grace, DefaultGrace)
	if c.Log == nil {
		c.Log = slog.Default()
	}
	return c, nil
}

func orDefault[T int | int64 | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}
