package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/kafka"
	"github.com/adstitch/adstitch/analytics/store/chstore"
	"github.com/adstitch/adstitch/analytics/store/sqlitestore"
	"github.com/adstitch/adstitch/configs"
)

// loadCmd consumes the event topic into a store, committing Kafka offsets
// only after the store confirmed each batch.
func loadCmd(args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "YAML config file (needs events.kafka)")
	sinkName := fs.String("sink", "", "clickhouse or sqlite (default: clickhouse when configured, else sqlite)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := configs.Load(*cfgPath)
	if err != nil {
		return err
	}
	if cfg.Events.Kafka == nil {
		return errors.New("load: the config has no events.kafka section")
	}
	log := newLogger(cfg.Log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sink, err := openSink(ctx, cfg, *sinkName)
	if err != nil {
		return err
	}
	defer sink.Close()
	l, err := kafka.NewLoader(kafkaConfig(cfg.Events.Kafka, log), sink)
	if err != nil {
		return err
	}
	log.Info("loading events", "topic", cfg.Events.Kafka.Topic, "sink", *sinkName)
	return l.Run(ctx)
}

func openSink(ctx context.Context, cfg *configs.Config, name string) (analytics.Sink, error) {
	if name == "" {
		name = "sqlite"
		if cfg.Events.ClickHouse != nil {
			name = "clickhouse"
		}
	}
	switch name {
	case "clickhouse":
		if cfg.Events.ClickHouse == nil {
			return nil, errors.New("--sink clickhouse: the config has no events.clickhouse.dsn")
		}
		return chstore.Open(ctx, cfg.Events.ClickHouse.DSN)
	case "sqlite":
		return sqlitestore.Open(cfg.Events.SQLite.Path)
	}
	return nil, fmt.Errorf("--sink %q: use clickhouse or sqlite", name)
}

// migrateCmd applies the analytics schemas: ClickHouse when configured,
// and the embedded SQLite store.
func migrateCmd(args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "YAML config file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := configs.Load(*cfgPath)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if ch := cfg.Events.ClickHouse; ch != nil {
		st, err := chstore.Open(ctx, ch.DSN)
		if err != nil {
			return err
		}
		defer st.Close()
		if err := st.Migrate(ctx); err != nil {
			return fmt.Errorf("clickhouse: %w", err)
		}
		fmt.Println("clickhouse schema is up to date")
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return err
	}
	st, err := sqlitestore.Open(cfg.Events.SQLite.Path)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	fmt.Println("sqlite schema is up to date:", cfg.Events.SQLite.Path)
	return st.Close()
}
