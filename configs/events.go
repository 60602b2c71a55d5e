package configs

import (
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
)

// EventOptions says where ad events go. Without Kafka the spool feeds the
// embedded SQLite store; with Kafka the spool feeds Kafka and `adstitch
// load` workers feed ClickHouse (or SQLite).
type EventOptions struct {
	Spool      SpoolOptions       `yaml:"spool"`
	SQLite     SQLiteOptions      `yaml:"sqlite"`
	Kafka      *KafkaOptions      `yaml:"kafka"`
	ClickHouse *ClickHouseOptions `yaml:"clickhouse"`
}

// SpoolOptions bound the local durable log every event is written to first.
type SpoolOptions struct {
	Dir      string `yaml:"dir"`       // default <data_dir>/spool
	MaxBytes int64  `yaml:"max_bytes"` // unsent events kept at most (default 1 GiB)
	// FsyncEach answers a beacon only once its event is fsynced: durable
	// through a power loss, at the cost of a disk flush per group of
	// beacons. Default false: answered once written (it survives the
	// process being killed) and fsynced within 20 ms.
	FsyncEach bool `yaml:"fsync_each"`
}

// SQLiteOptions name the embedded analytics database.
type SQLiteOptions struct {
	Path string `yaml:"path"` // default <data_dir>/events.db
}

// KafkaOptions configure the event topic.
type KafkaOptions struct {
	Brokers     []string `yaml:"brokers"`     // host:port, at least one
	Topic       string   `yaml:"topic"`       // default adstitch.events
	Compression string   `yaml:"compression"` // snappy (default), lz4, zstd, gzip, none
	GroupID     string   `yaml:"group_id"`    // loader consumer group, default adstitch-loader
	BatchSize   int      `yaml:"batch_size"`  // loader: events per store insert (default 5000)
	BatchWait   Duration `yaml:"batch_wait"`  // loader: longest wait to fill a batch (default 1s)
}

// ClickHouseOptions locate the analytics warehouse.
type ClickHouseOptions struct {
	DSN string `yaml:"dsn"` // clickhouse://host:9000/database
}

// Event defaults.
const (
	DefaultSpoolMaxBytes  = 1 << 30
	DefaultKafkaTopic     = "adstitch.events"
	DefaultKafkaCompress  = "snappy"
	DefaultKafkaGroup     = "adstitch-loader"
	DefaultKafkaBatchSize = 5000
	DefaultKafkaBatchWait = Duration(1e9)
	RoleAnalyst           = "analyst"
)

func (e *EventOptions) setDefaults(dataDir string) {
	setString(&e.Spool.Dir, filepath.Join(dataDir, "spool"))
	if e.Spool.MaxBytes == 0 {
		e.Spool.MaxBytes = DefaultSpoolMaxBytes
	}
	setString(&e.SQLite.Path, filepath.Join(dataDir, "events.db"))
	if k := e.Kafka; k != nil {
		setString(&k.Topic, DefaultKafkaTopic)
		setString(&k.Compression, DefaultKafkaCompress)
		setString(&k.GroupID, DefaultKafkaGroup)
		if k.BatchSize == 0 {
			k.BatchSize = DefaultKafkaBatchSize
		}
		setDuration(&k.BatchWait, DefaultKafkaBatchWait)
	}
}

func (e *EventOptions) validate(p *problems) {
	if e.Spool.MaxBytes < 1<<20 {
		p.add("events.spool.max_bytes", "must be at least 1 MiB, got %d", e.Spool.MaxBytes)
	}
	if k := e.Kafka; k != nil {
		if len(k.Brokers) == 0 {
			p.add("events.kafka.brokers", "must list at least one host:port")
		}
		for i, b := range k.Brokers {
			if _, port, err := net.SplitHostPort(b); err != nil || !validPort(port) {
				p.add("events.kafka.brokers["+strconv.Itoa(i)+"]", "must be host:port, got %q", b)
			}
		}
		switch k.Compression {
		case "snappy", "lz4", "zstd", "gzip", "none":
		default:
			p.add("events.kafka.compression", "must be snappy, lz4, zstd, gzip or none, got %q", k.Compression)
		}
		if k.BatchSize < 1 || k.BatchSize > 1_000_000 {
			p.add("events.kafka.batch_size", "must be 1..1000000, got %d", k.BatchSize)
		}
		if k.BatchWait <= 0 {
			p.add("events.kafka.batch_wait", "must be positive")
		}
	}
	if c := e.ClickHouse; c != nil {
		u, err := url.Parse(c.DSN)
		if err != nil || !strings.HasPrefix(u.Scheme, "clickhouse") && u.Scheme != "tcp" || u.Host == "" {
			p.add("events.clickhouse.dsn", "must look like clickhouse://host:9000/database")
		}
	}
}
