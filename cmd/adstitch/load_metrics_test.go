//go:build unix

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/kafka"
	"github.com/adstitch/adstitch/analytics/kafka/kafkatest"
	"github.com/adstitch/adstitch/analytics/store/sqlitestore"
)

// failingFirst is the SQLite store refusing its first inserts, the way a
// locked or full disk would.
type failingFirst struct {
	analytics.Sink
	fail atomic.Int64 // inserts left to refuse
}

func (f *failingFirst) Insert(ctx context.Context, batch []analytics.Event) error {
	if f.fail.Add(-1) >= 0 {
		return errors.New("disk I/O error (test)")
	}
	return f.Sink.Insert(ctx, batch)
}

// `adstitch load --metrics` serves the consumer group's lag (summed over
// partitions, from the brokers), and what the loader inserted, failed and
// batched.
func TestLoaderMetrics(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cluster := kafkatest.NewCluster(t, 1)
	kc := kafka.Config{Brokers: cluster.Brokers, Topic: "metrics-test", GroupID: "metrics-loader", BatchSize: 40, BatchWait: 50 * time.Millisecond, Logger: log}
	if err := kafka.EnsureTopic(ctx, kc, 3); err != nil {
		t.Fatal(err)
	}
	const n = 120
	pub, err := kafka.NewPublisher(kc)
	if err != nil {
		t.Fatal(err)
	}
	if err := pub.Deliver(ctx, loaderEvents(t, n)); err != nil {
		t.Fatal(err)
	}
	pub.Close()

	// Before any loader ran, the whole topic is lag: nothing is committed.
	lag := newLagReader(kc)
	defer lag.close()
	if got, err := lag.read(ctx); err != nil || got != n {
		t.Fatalf("lag before loading = %d, %v; want %d", got, err, n)
	}

	st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sink := &failingFirst{Sink: st}
	sink.fail.Store(2)
	addr := freeAddr(t)
	lctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- runLoader(lctx, kc, sink, addr, log) }()

	var m map[string]float64
	deadline := time.Now().Add(30 * time.Second)
	for {
		m, err = scrape("http://" + addr + "/metrics")
		if err == nil && m["adstitch_loader_inserted_events_total"] >= n && m["adstitch_loader_lag"] == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("loader metrics never showed %d events in and no lag: %v %v", n, m, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if m["adstitch_loader_insert_errors_total"] != 2 || m["adstitch_loader_batches_total"] < n/40 ||
		m["adstitch_loader_consumed_total"] < n || m["adstitch_loader_lag_errors_total"] != 0 {
		t.Errorf("metrics %v", m)
	}
	if resp, err := http.Get("http://" + addr + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Errorf("/healthz: %v %v", resp, err)
	}
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get("http://" + addr + "/metrics"); err == nil {
		t.Error("metrics still served after the loader stopped")
	}
}

// loaderEvents are n valid events, JSON encoded as the spool keeps them.
func loaderEvents(t *testing.T, n int) [][]byte {
	t.Helper()
	var out [][]byte
	for i := range n {
		session := fmt.Sprintf("s-%03d", i%7)
		avail := "avail-" + strconv.Itoa(i)
		e := analytics.Event{
			ID: analytics.EventID(session, avail, 0, "house", analytics.Impression), Type: analytics.Impression,
			Time: time.Date(2026, 3, 1, 12, 0, i, 0, time.UTC), Source: analytics.SourceServer,
			Session: session, Stream: "show", Avail: avail, Ad: "house", Campaign: "house",
		}
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// scrape reads unlabelled samples from a /metrics page.
func scrape(url string) (map[string]float64, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain; version=0.0.4") {
		return nil, fmt.Errorf("%s: %s %s", url, resp.Status, resp.Header.Get("Content-Type"))
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		name, v, ok := strings.Cut(line, " ")
		f, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil || !strings.HasPrefix(name, "adstitch_loader_") {
			return nil, fmt.Errorf("bad line %q", line)
		}
		out[name] = f
	}
	return out, sc.Err()
}
