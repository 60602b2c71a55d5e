package kafka

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	kafkago "github.com/segmentio/kafka-go"
)

// Defaults applied by Config.withDefaults.
const (
	DefaultTopic       = "adstitch.events"
	DefaultCompression = "snappy"
	DefaultBatchSize   = 5000
	DefaultBatchWait   = time.Second
	DefaultGroupID     = "adstitch-loader"
	DefaultPartitions  = 6
)

// ErrInvalidConfig is wrapped by every configuration error.
var ErrInvalidConfig = errors.New("invalid kafka config")

// Config is what the publisher and the loader share. Zero fields take the
// defaults above.
type Config struct {
	Brokers     []string      // host:port of one or more brokers
	Topic       string        // default "adstitch.events"
	Compression string        // "snappy" (default) | "lz4" | "zstd" | "gzip" | "none"
	BatchSize   int           // loader: events per sink insert (default 5000)
	BatchWait   time.Duration // loader: max wait to fill a batch (default 1 s)
	GroupID     string        // loader consumer group (default "adstitch-loader")
	Logger      *slog.Logger  // default slog.Default()
}

// withDefaults returns cfg with defaults filled in, or an error naming the
// bad field.
func (cfg Config) withDefaults() (Config, error) {
	var brokers []string
	for _, b := range cfg.Brokers {
		if b = strings.TrimSpace(b); b != "" {
			brokers = append(brokers, b)
		}
	}
	if len(brokers) == 0 {
		return cfg, fmt.Errorf("%w: brokers: at least one host:port is required", ErrInvalidConfig)
	}
	cfg.Brokers = brokers
	if cfg.Topic == "" {
		cfg.Topic = DefaultTopic
	}
	if cfg.Compression == "" {
		cfg.Compression = DefaultCompression
	}
	if _, err := codec(cfg.Compression); err != nil {
		return cfg, err
	}
	switch {
	case cfg.BatchSize < 0:
		return cfg, fmt.Errorf("%w: batch_size %d: must not be negative", ErrInvalidConfig, cfg.BatchSize)
	case cfg.BatchSize == 0:
		cfg.BatchSize = DefaultBatchSize
	}
	switch {
	case cfg.BatchWait < 0:
		return cfg, fmt.Errorf("%w: batch_wait %s: must not be negative", ErrInvalidConfig, cfg.BatchWait)
	case cfg.BatchWait == 0:
		cfg.BatchWait = DefaultBatchWait
	}
	if cfg.GroupID == "" {
		cfg.GroupID = DefaultGroupID
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return cfg, nil
}

// codec maps a compression name to kafka-go's codec; 0 means none.
func codec(name string) (kafkago.Compression, error) {
	switch name {
	case "snappy":
		return kafkago.Snappy, nil
	case "lz4":
		return kafkago.Lz4, nil
	case "zstd":
		return kafkago.Zstd, nil
	case "gzip":
		return kafkago.Gzip, nil
	case "none":
		return 0, nil
	}
	return 0, fmt.Errorf("%w: compression %q: want snappy, lz4, zstd, gzip or none", ErrInvalidConfig, name)
}

// clientLoggers bridges kafka-go's printf loggers to slog: errors at Warn
// (the client retries them itself), chatter at Debug only when enabled.
func clientLoggers(log *slog.Logger, component string) (info, errs kafkago.Logger) {
	log = log.With("component", component)
	errs = kafkago.LoggerFunc(func(msg string, args ...any) {
		log.Warn("kafka client", "detail", fmt.Sprintf(msg, args...))
	})
	if log.Handler().Enabled(context.Background(), slog.LevelDebug) {
		info = kafkago.LoggerFunc(func(msg string, args ...any) {
			log.Debug("kafka client", "detail", fmt.Sprintf(msg, args...))
		})
	}
	return info, errs
}
