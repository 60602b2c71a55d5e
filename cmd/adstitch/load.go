package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/adstitch/adstitch/adserver"
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
	metricsAddr := fs.String("metrics", "", "serve Prometheus /metrics and /healthz on this address (e.g. :9101)")
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
	// The first signal drains; a second one ends the process at once
	// (what is spooled survives that: the kernel holds it).
	context.AfterFunc(ctx, stop)
	sink, err := openSink(ctx, cfg, *sinkName)
	if err != nil {
		return err
	}
	defer sink.Close()
	return runLoader(ctx, kafkaConfig(cfg.Events.Kafka, log), sink, *metricsAddr, log)
}

// runLoader loads events into sink until ctx ends, serving the loader's
// metrics on metricsAddr meanwhile ("" for none).
func runLoader(ctx context.Context, kc kafka.Config, sink analytics.Sink, metricsAddr string, log *slog.Logger) error {
	l, err := kafka.NewLoader(kc, sink)
	if err != nil {
		return err
	}
	if metricsAddr != "" {
		lag := newLagReader(kc)
		defer lag.close()
		ln, err := net.Listen("tcp", metricsAddr)
		if err != nil {
			return fmt.Errorf("--metrics %s: %w", metricsAddr, err)
		}
		stopMetrics := serveMetrics(ln, loaderMetrics(l, lag), log)
		defer stopMetrics()
		log.Info("loader metrics", "addr", ln.Addr().String())
	}
	log.Info("loading events", "topic", kc.Topic, "group", kc.GroupID)
	return l.Run(ctx)
}

// loaderMetrics are the loader's samples: its consumer group's lag and
// what it inserted.
func loaderMetrics(l *kafka.Loader, lag *lagReader) adserver.MetricsWriter {
	return func(w *bytes.Buffer) {
		st := l.Stats()
		ctx, cancel := context.WithTimeout(context.Background(), lagTimeout)
		defer cancel()
		n, err := lag.read(ctx)
		if err != nil {
			n = st.Lag // the reader's last view of one partition: better than nothing
		}
		adserver.WriteGauge(w, "adstitch_loader_lag", "Events in the topic the loader's consumer group has not committed, summed over partitions.", n)
		adserver.WriteCounter(w, "adstitch_loader_lag_errors_total", "Lag reads the brokers did not answer (adstitch_loader_lag then shows the reader's last lag).", lag.errors.Load())
		adserver.WriteCounter(w, "adstitch_loader_consumed_total", "Records fetched from Kafka.", st.Consumed)
		adserver.WriteCounter(w, "adstitch_loader_inserted_events_total", "Events in batches the store accepted (redeliveries included).", st.Inserted)
		adserver.WriteCounter(w, "adstitch_loader_batches_total", "Batches the store accepted.", st.Batches)
		adserver.WriteCounter(w, "adstitch_loader_insert_errors_total", "Failed store inserts (each retried).", st.InsertErrors)
		adserver.WriteCounter(w, "adstitch_loader_commit_errors_total", "Failed Kafka offset commits (their records are loaded again).", st.CommitErrors)
		adserver.WriteCounter(w, "adstitch_loader_malformed_total", "Records skipped because they are not events.", st.Malformed)
		adserver.WriteCounter(w, "adstitch_loader_fetch_errors_total", "Kafka fetches and group joins that failed (each retried).", st.FetchErrors)
		adserver.WriteCounter(w, "adstitch_loader_rejoins_total", "Fresh consumer-group memberships taken because the group made no progress.", st.Rejoins)
	}
}

// serveMetrics answers GET /metrics (and /healthz) on ln with net/http:
// the loader has no fasthttp server. The returned func stops it.
func serveMetrics(ln net.Listener, write adserver.MetricsWriter, log *slog.Logger) (stop func()) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, _ *http.Request) {
		var b bytes.Buffer
		write(&b)
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_, _ = w.Write(b.Bytes())
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"status":"ok"}`)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "err", err)
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	}
}

// lagTimeout bounds the broker round trips of one lag read.
const lagTimeout = 2 * time.Second

// lagReader reads the consumer group's lag for the metrics, counting the
// reads the brokers did not answer.
type lagReader struct {
	lag    *kafka.GroupLag
	errors atomic.Int64
}

func newLagReader(kc kafka.Config) *lagReader { return &lagReader{lag: kafka.NewGroupLag(kc)} }

func (r *lagReader) close() { r.lag.Close() }

func (r *lagReader) read(ctx context.Context) (int64, error) {
	n, err := r.lag.Lag(ctx)
	if err != nil {
		r.errors.Add(1)
	}
	return n, err
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
