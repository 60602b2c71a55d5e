package kafka

import (
	"context"
	"errors"
	"testing"
	"time"

	kafkago "github.com/segmentio/kafka-go"

	"github.com/adstitch/adstitch/analytics/kafka/kafkatest"
)

func TestConfigDefaults(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   Config
		want Config // Logger not compared
		err  string
	}{
		{
			name: "defaults",
			in:   Config{Brokers: []string{" k1:9092 ", "", "k2:9092"}},
			want: Config{Brokers: []string{"k1:9092", "k2:9092"}, Topic: "adstitch.events", Compression: "snappy",
				BatchSize: 5000, BatchWait: time.Second, GroupID: "adstitch-loader"},
		},
		{
			name: "explicit",
			in: Config{Brokers: []string{"k:1"}, Topic: "t", Compression: "zstd", BatchSize: 10,
				BatchWait: time.Millisecond, GroupID: "g"},
			want: Config{Brokers: []string{"k:1"}, Topic: "t", Compression: "zstd", BatchSize: 10,
				BatchWait: time.Millisecond, GroupID: "g"},
		},
		{name: "no brokers", in: Config{Brokers: []string{" "}}, err: "invalid kafka config: brokers: at least one host:port is required"},
		{name: "bad codec", in: Config{Brokers: []string{"k:1"}, Compression: "brotli"},
			err: `invalid kafka config: compression "brotli": want snappy, lz4, zstd, gzip or none`},
		{name: "negative batch", in: Config{Brokers: []string{"k:1"}, BatchSize: -1},
			err: "invalid kafka config: batch_size -1: must not be negative"},
		{name: "negative wait", in: Config{Brokers: []string{"k:1"}, BatchWait: -time.Second},
			err: "invalid kafka config: batch_wait -1s: must not be negative"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.withDefaults()
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || !errors.Is(err, ErrInvalidConfig) {
					t.Fatalf("err = %v, want %q wrapping ErrInvalidConfig", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Logger == nil {
				t.Error("no default logger")
			}
			got.Logger = nil
			if got.Topic != tt.want.Topic || got.Compression != tt.want.Compression || got.BatchSize != tt.want.BatchSize ||
				got.BatchWait != tt.want.BatchWait || got.GroupID != tt.want.GroupID || len(got.Brokers) != len(tt.want.Brokers) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got.Brokers {
				if got.Brokers[i] != tt.want.Brokers[i] {
					t.Fatalf("brokers = %q, want %q", got.Brokers, tt.want.Brokers)
				}
			}
		})
	}
}

func TestConstructorsRejectBadConfig(t *testing.T) {
	if _, err := NewPublisher(Config{}); !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("NewPublisher: err = %v, want ErrInvalidConfig", err)
	}
	if _, err := NewLoader(Config{Brokers: []string{"k:1"}}, nil); !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("NewLoader without sink: err = %v, want ErrInvalidConfig", err)
	}
	if err := EnsureTopic(context.Background(), Config{Compression: "lzma"}, 1); !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("EnsureTopic: err = %v, want ErrInvalidConfig", err)
	}
}

// TestEnsureTopic creates the topic once with min(3, brokers) replicas and
// leaves an existing one alone.
func TestEnsureTopic(t *testing.T) {
	for _, tt := range []struct {
		brokers, partitions, wantParts, wantReplicas int
	}{
		{brokers: 1, partitions: 0, wantParts: DefaultPartitions, wantReplicas: 1},
		{brokers: 2, partitions: 4, wantParts: 4, wantReplicas: 2},
		{brokers: 4, partitions: 2, wantParts: 2, wantReplicas: 3},
	} {
		tc := kafkatest.NewCluster(t, tt.brokers)
		cfg := Config{Brokers: tc.Brokers, Topic: "events.t", Logger: testLogger(t)}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for range 2 { // the second call finds the topic
			if err := EnsureTopic(ctx, cfg, tt.partitions); err != nil {
				t.Fatalf("%d brokers: %v", tt.brokers, err)
			}
		}
		if err := EnsureTopic(ctx, cfg, 9); err != nil { // an existing topic keeps its partitions
			t.Fatal(err)
		}
		client := &kafkago.Client{Addr: kafkago.TCP(tc.Brokers...)}
		meta, err := client.Metadata(ctx, &kafkago.MetadataRequest{Topics: []string{"events.t"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(meta.Topics) != 1 || len(meta.Topics[0].Partitions) != tt.wantParts {
			t.Fatalf("%d brokers: topics %+v, want %d partitions", tt.brokers, meta.Topics, tt.wantParts)
		}
		if got := len(meta.Topics[0].Partitions[0].Replicas); got != tt.wantReplicas {
			t.Errorf("%d brokers: %d replicas, want %d", tt.brokers, got, tt.wantReplicas)
		}
	}
}

func TestLoaderRunsOnce(t *testing.T) {
	tc := kafkatest.NewCluster(t, 1)
	l, err := NewLoader(testConfig(t, tc), newRecordingSink())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.Run(ctx); err != nil {
		t.Fatalf("Run with ended ctx: %v", err)
	}
	if err := l.Run(context.Background()); !errors.Is(err, ErrLoaderUsed) {
		t.Fatalf("second Run: err = %v, want ErrLoaderUsed", err)
	}
}
