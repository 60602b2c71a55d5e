package configs

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func envMap(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestEnvOverrides(t *testing.T) {
	secret := strings.Repeat("s", 32)
	env := map[string]string{
		"ADSTITCH_LISTEN":                    "0.0.0.0:9000",
		"ADSTITCH_PUBLIC_URL":                "https://ads.test",
		"ADSTITCH_DATA_DIR":                  "/data",
		"ADSTITCH_GEOIP":                     "/geo.mmdb",
		"ADSTITCH_DEMO":                      "false",
		"ADSTITCH_ORIGINS_ALLOW":             " origin.test:80 , ,cdn.test:443",
		"ADSTITCH_SLATE_HLS":                 "https://cdn.test/slate.m3u8",
		"ADSTITCH_ORIGIN_TIMEOUT":            "3s",
		"ADSTITCH_ORIGIN_MAX_PLAYLIST_BYTES": "1024",
		"ADSTITCH_ORIGIN_STALE_FOR":          "90",
		"ADSTITCH_ORIGIN_VOD_TTL":            "1m",
		"ADSTITCH_SESSIONS_KEYS":             "new:" + secret + ",old:" + secret + ":x",
		"ADSTITCH_SESSIONS_ACTIVE":           "old",
		"ADSTITCH_SESSIONS_TTL":              "1h",
		"ADSTITCH_AD_SEGMENTS_MODE":          "redirect",
		"ADSTITCH_AD_SEGMENTS_CDN_PREFIX":    "https://cdn.test/ads",
		"ADSTITCH_API_KEYS":                  "key:with:colons-0123:admin",
		"ADSTITCH_LOG_LEVEL":                 "debug",
		"ADSTITCH_LOG_FORMAT":                "text",
		"ADSTITCH_LOG_REQUESTS":              "true",
		"ADSTITCH_EVENTS_KAFKA_BROKERS":      "k1:9092,k2:9092",
		"ADSTITCH_EVENTS_CLICKHOUSE_DSN":     "clickhouse://ch:9000/adstitch",
		"ADSTITCH_TEST_CLICKHOUSE_DSN":       "ignored: other tools share the prefix",
	}
	c, err := parse([]byte(minimalYAML+"demo: true\nlisten: 127.0.0.1:1\n"), "t.yaml", envMap(env))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Listen: "0.0.0.0:9000", PublicURL: "https://ads.test", DataDir: "/data", GeoIP: "/geo.mmdb",
		Streams:      []Stream{{ID: "s1", Origin: "http://origin.test/s1/master.m3u8", Kind: KindLive, BreakDuration: DefaultBreakDuration}},
		Slate:        &Slate{HLS: "https://cdn.test/slate.m3u8"},
		OriginsAllow: []string{"origin.test:80", "cdn.test:443"},
		Origin:       OriginOptions{Timeout: Duration(3 * time.Second), MaxPlaylistBytes: 1024, StaleFor: Duration(90 * time.Second), VODTTL: Duration(time.Minute)},
		Sessions: SessionOptions{
			Keys:   []SessionKey{{ID: "new", Secret: secret}, {ID: "old", Secret: secret + ":x"}},
			Active: "old", TTL: Duration(time.Hour),
		},
		AdSegments: AdSegmentOptions{Mode: AdSegmentsRedirect, CDNPrefix: "https://cdn.test/ads"},
		APIKeys:    []APIKey{{Key: "key:with:colons-0123", Role: RoleAdmin}},
		Log:        LogOptions{Level: "debug", Format: "text", Requests: true},
		Events: EventOptions{
			Spool:  SpoolOptions{Dir: "/data/spool", MaxBytes: DefaultSpoolMaxBytes},
			SQLite: SQLiteOptions{Path: "/data/events.db"},
			Kafka: &KafkaOptions{Brokers: []string{"k1:9092", "k2:9092"}, Topic: DefaultKafkaTopic, Compression: DefaultKafkaCompress,
				GroupID: DefaultKafkaGroup, BatchSize: DefaultKafkaBatchSize, BatchWait: DefaultKafkaBatchWait},
			ClickHouse: &ClickHouseOptions{DSN: "clickhouse://ch:9000/adstitch"},
		},
		Variants: defaultVariants("/data/variants", "https://ads.test/v1/variants/"),
	}
	if !reflect.DeepEqual(*c, want) {
		t.Fatalf("got  %+v\nwant %+v", *c, want)
	}
}

func TestEnvEmptyValueReplaces(t *testing.T) {
	c, err := parse([]byte("demo: true\norigins_allow: [a:1]\n"), "t.yaml", envMap(map[string]string{"ADSTITCH_ORIGINS_ALLOW": ""}))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.OriginsAllow, []string{"127.0.0.1:8080"}) {
		t.Fatalf("origins_allow = %q", c.OriginsAllow)
	}
}

func TestEnvErrors(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"ADSTITCH_DEMO": "yes please"}, `ADSTITCH_DEMO: invalid boolean "yes please": want true or false`},
		{map[string]string{"ADSTITCH_ORIGIN_TIMEOUT": "abc"}, `ADSTITCH_ORIGIN_TIMEOUT: invalid duration "abc": want 30s, 1m30s or a number of seconds`},
		{map[string]string{"ADSTITCH_ORIGIN_MAX_PLAYLIST_BYTES": "2MB"}, `ADSTITCH_ORIGIN_MAX_PLAYLIST_BYTES: invalid integer "2MB"`},
		{map[string]string{"ADSTITCH_SESSIONS_KEYS": "k1:" + strings.Repeat("x", 32) + ",secretwithoutid"}, `ADSTITCH_SESSIONS_KEYS: entry 2: want id:secret`},
		{map[string]string{"ADSTITCH_API_KEYS": "0123456789abcdef"}, `ADSTITCH_API_KEYS: entry 1: want key:role`},
		{map[string]string{"ADSTITCH_STREAMS": "vod"}, `ADSTITCH_STREAMS: this list can only be set in the YAML file`},
		{map[string]string{"ADSTITCH_SESSIONS_TTL": "1d", "ADSTITCH_LOG_LEVEL": "loud"}, `ADSTITCH_SESSIONS_TTL: invalid duration "1d": want 30s, 1m30s or a number of seconds`},
		{map[string]string{"ADSTITCH_LOG_LEVEL": "loud"}, `log.level: must be debug, info, warn or error, got "loud"`},
	} {
		_, err := parse([]byte(minimalYAML), "t.yaml", envMap(tc.env))
		if err == nil || err.Error() != "config t.yaml: "+tc.want {
			t.Errorf("env %v:\ngot  %v\nwant config t.yaml: %s", tc.env, err, tc.want)
		}
	}
}

// TestEnvNames pins the full list of variables, so a new config field shows
// up here (and in the docs) on purpose.
func TestEnvNames(t *testing.T) {
	var names []string
	err := applyEnv(&Config{}, func(k string) (string, bool) { names = append(names, k); return "", false })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"ADSTITCH_LISTEN", "ADSTITCH_PUBLIC_URL", "ADSTITCH_DATA_DIR", "ADSTITCH_SHUTDOWN_DELAY", "ADSTITCH_GEOIP", "ADSTITCH_DEMO",
		"ADSTITCH_STREAMS", "ADSTITCH_FILL", "ADSTITCH_SLATE_HLS", "ADSTITCH_ORIGINS_ALLOW",
		"ADSTITCH_ORIGIN_TIMEOUT", "ADSTITCH_ORIGIN_MAX_PLAYLIST_BYTES", "ADSTITCH_ORIGIN_STALE_FOR", "ADSTITCH_ORIGIN_VOD_TTL",
		"ADSTITCH_SESSIONS_KEYS", "ADSTITCH_SESSIONS_ACTIVE", "ADSTITCH_SESSIONS_TTL",
		"ADSTITCH_AD_SEGMENTS_MODE", "ADSTITCH_AD_SEGMENTS_CDN_PREFIX", "ADSTITCH_API_KEYS",
		"ADSTITCH_EVENTS_SPOOL_DIR", "ADSTITCH_EVENTS_SPOOL_MAX_BYTES", "ADSTITCH_EVENTS_SPOOL_FSYNC_EACH", "ADSTITCH_EVENTS_SQLITE_PATH",
		"ADSTITCH_EVENTS_KAFKA_BROKERS", "ADSTITCH_EVENTS_KAFKA_TOPIC", "ADSTITCH_EVENTS_KAFKA_COMPRESSION",
		"ADSTITCH_EVENTS_KAFKA_GROUP_ID", "ADSTITCH_EVENTS_KAFKA_BATCH_SIZE", "ADSTITCH_EVENTS_KAFKA_BATCH_WAIT",
		"ADSTITCH_EVENTS_CLICKHOUSE_DSN", "ADSTITCH_REDIS_ADDR",
		"ADSTITCH_VARIANTS_DIR", "ADSTITCH_VARIANTS_URL_PREFIX", "ADSTITCH_VARIANTS_MAX_BYTES",
		"ADSTITCH_VARIANTS_MAX_UPLOAD_BYTES", "ADSTITCH_VARIANTS_CONCURRENCY", "ADSTITCH_VARIANTS_RENDER_TIMEOUT",
		"ADSTITCH_VARIANTS_PRERENDER_LIMIT", "ADSTITCH_VARIANTS_FONT_DIRS",
		"ADSTITCH_VARIANTS_MIN_SPOT_DURATION", "ADSTITCH_VARIANTS_MAX_SPOT_DURATION",
		"ADSTITCH_LOG_LEVEL", "ADSTITCH_LOG_FORMAT", "ADSTITCH_LOG_REQUESTS",
	}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("got %q", names)
	}
}

// TestEnvThroughParse uses the real process environment once.
func TestEnvThroughParse(t *testing.T) {
	t.Setenv("ADSTITCH_SESSIONS_TTL", "2h")
	c, err := Parse([]byte(minimalYAML), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Sessions.TTL != Duration(2*time.Hour) {
		t.Fatalf("ttl = %s", c.Sessions.TTL)
	}
}
