package configs

import (
	"strings"
	"testing"
)

func TestEventOptionsValidation(t *testing.T) {
	cases := []struct {
		yaml string
		want string
	}{
		{"events: {kafka: {brokers: []}}", "events.kafka.brokers: must list at least one host:port"},
		{"events: {kafka: {brokers: [nohost]}}", `events.kafka.brokers[0]: must be host:port, got "nohost"`},
		{"events: {kafka: {brokers: [\"k:9092\"], compression: brotli}}", `events.kafka.compression: must be snappy, lz4, zstd, gzip or none, got "brotli"`},
		{"events: {clickhouse: {dsn: \"mysql://x\"}}", "events.clickhouse.dsn: must look like clickhouse://host:9000/database"},
		{"events: {spool: {max_bytes: 10}}", "events.spool.max_bytes: must be at least 1 MiB, got 10"},
	}
	for _, tc := range cases {
		_, err := parse([]byte(minimalYAML+tc.yaml+"\n"), "t.yaml", envMap(nil))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.yaml, err, tc.want)
		}
	}
	c, err := parse([]byte(minimalYAML+"events: {kafka: {brokers: [\"127.0.0.1:9092\"]}, clickhouse: {dsn: \"clickhouse://127.0.0.1:9000/adstitch\"}}\n"), "t.yaml", envMap(nil))
	if err != nil {
		t.Fatal(err)
	}
	if k := c.Events.Kafka; k.Topic != "adstitch.events" || k.Compression != "snappy" || k.BatchSize != 5000 {
		t.Fatalf("kafka defaults %+v", k)
	}
}
