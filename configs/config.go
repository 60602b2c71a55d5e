package configs

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"

	"gopkg.in/yaml.v3"
)

//go:embed default.yaml
var defaultYAML []byte

// Config is adstitch's whole configuration. After Load or Parse it is
// complete: defaults are applied, path URLs are absolute and it is valid.
type Config struct {
	Listen    string `yaml:"listen"`     // address to serve on, host:port
	PublicURL string `yaml:"public_url"` // base of the absolute URLs handed to players
	DataDir   string `yaml:"data_dir"`   // state: generated session key, spool, databases
	// ShutdownDelay keeps serving, not ready, this long after SIGTERM before
	// the drain starts, while load balancers take the instance out.
	ShutdownDelay Duration         `yaml:"shutdown_delay"`
	GeoIP         string           `yaml:"geoip"`         // optional GeoIP2/GeoLite2/DB-IP City .mmdb
	Demo          bool             `yaml:"demo"`          // serve the built-in demo origin under /origin/
	Streams       []Stream         `yaml:"streams"`       // the channels and titles adstitch personalizes
	Fill          []FillAd         `yaml:"fill"`          // house ads used when no campaign fills a break
	Slate         *Slate           `yaml:"slate"`         // optional filler for time no ad covers
	OriginsAllow  []string         `yaml:"origins_allow"` // host:port list adstitch may fetch from
	Origin        OriginOptions    `yaml:"origin"`
	Sessions      SessionOptions   `yaml:"sessions"`
	AdSegments    AdSegmentOptions `yaml:"ad_segments"`
	APIKeys       []APIKey         `yaml:"api_keys"`
	Events        EventOptions     `yaml:"events"`
	Redis         *RedisOptions    `yaml:"redis"` // optional: shared frequency caps
	Variants      VariantOptions   `yaml:"variants"`
	Log           LogOptions       `yaml:"log"`
}

// Stream is one origin stream served with ads.
type Stream struct {
	ID            string       `yaml:"id"`             // [a-z0-9-]+, unique; appears in URLs
	Origin        string       `yaml:"origin"`         // URL of the origin master playlist
	Kind          string       `yaml:"kind"`           // KindVOD or KindLive
	Breaks        []BreakSpec  `yaml:"breaks"`         // VOD schedule; only valid for KindVOD
	BreakDuration Duration     `yaml:"break_duration"` // scheduled breaks and cue-outs without a duration
	Genre         string       `yaml:"genre"`          // free text, used for targeting
	Ads           *ExternalAds `yaml:"ads"`            // optional external ad server (VAST) asked first
}

// Stream kinds.
const (
	KindVOD  = "vod"
	KindLive = "live"
)

// FillAd is a house ad: an HLS asset that fills breaks no campaign won.
type FillAd struct {
	ID  string `yaml:"id"`  // [a-z0-9-]+, unique
	HLS string `yaml:"hls"` // URL of the ad's master playlist
}

// Slate is shown for the part of a break no ad covers.
type Slate struct {
	HLS string `yaml:"hls"` // URL of the slate's master playlist
}

// OriginOptions bound how origin playlists are fetched and cached.
type OriginOptions struct {
	Timeout          Duration `yaml:"timeout"`            // per fetch
	MaxPlaylistBytes int64    `yaml:"max_playlist_bytes"` // larger playlists are refused
	StaleFor         Duration `yaml:"stale_for"`          // how long the last good playlist is served when the origin fails
	VODTTL           Duration `yaml:"vod_ttl"`            // cache lifetime of VOD / ENDLIST playlists
}

// SessionOptions configure the signed session tokens.
type SessionOptions struct {
	Keys   []SessionKey `yaml:"keys"`   // HMAC keys; empty = the server generates one in DataDir
	Active string       `yaml:"active"` // id of the key that signs new tokens
	TTL    Duration     `yaml:"ttl"`    // token lifetime
}

// SessionKey is one HMAC key. Tokens name the key that signed them, so old
// keys keep opening existing sessions while Active signs new ones.
type SessionKey struct {
	ID     string `yaml:"id"`     // 1..16 chars of [A-Za-z0-9_-]
	Secret string `yaml:"secret"` // at least 32 bytes
}

// AdSegmentOptions choose how players fetch ad segments.
type AdSegmentOptions struct {
	Mode      string `yaml:"mode"`       // AdSegmentsProxy or AdSegmentsRedirect
	CDNPrefix string `yaml:"cdn_prefix"` // redirect target prefix; required for AdSegmentsRedirect
}

// Ad segment modes.
const (
	AdSegmentsProxy    = "proxy"    // adstitch serves ad segments itself
	AdSegmentsRedirect = "redirect" // adstitch records the beacon and redirects to CDNPrefix
)

// APIKey grants a role on the control-plane API.
type APIKey struct {
	Key  string `yaml:"key"`  // at least 16 characters
	Role string `yaml:"role"` // RoleAdmin, RoleService or RoleAnalyst
}

// API roles.
const (
	RoleAdmin   = "admin"
	RoleService = "service"
)

// LogOptions configure log/slog output.
type LogOptions struct {
	Level  string `yaml:"level"`  // debug, info, warn or error
	Format string `yaml:"format"` // json or text
	// Requests logs every HTTP request (request_id, route, status,
	// duration_ms). Off by default: failed and slow requests are logged
	// anyway, and a line per request costs the playlist path.
	Requests bool `yaml:"requests"`
}

// Load reads the YAML file at path, or the embedded default.yaml when path is
// "", and completes it like Parse.
func Load(path string) (*Config, error) {
	if path == "" {
		return Parse(defaultYAML, "default.yaml")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(data, path)
}

// Parse decodes YAML data, applies ADSTITCH_* environment overrides, fills
// defaults, resolves path URLs and validates. name labels error messages.
func Parse(data []byte, name string) (*Config, error) {
	return parse(data, name, os.LookupEnv)
}

// Default returns the embedded default (demo) configuration without
// environment overrides. It panics only if the embedded file is broken, which
// the package tests rule out.
func Default() *Config {
	c, err := parse(defaultYAML, "default.yaml", noEnv)
	if err != nil {
		panic(err)
	}
	return c
}

func noEnv(string) (string, bool) { return "", false }

// parse is Parse with the environment injected, so tests need not mutate the
// process environment.
func parse(data []byte, name string, lookupEnv func(string) (string, bool)) (*Config, error) {
	c := &Config{}
	if err := decodeStrict(data, c); err != nil {
		return nil, fmt.Errorf("config %s: %w", name, err)
	}
	if err := applyEnv(c, lookupEnv); err != nil {
		return nil, fmt.Errorf("config %s: %w", name, err)
	}
	c.setDefaults()
	c.resolveURLs()
	c.allowDemoOrigin()
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("config %s: %w", name, err)
	}
	return c, nil
}

// decodeStrict decodes exactly one YAML document; unknown keys are errors
// that name their line. An empty document is an empty config.
func decodeStrict(data []byte, c *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return err
		}
		return fmt.Errorf("yaml: line %d: only one document is allowed", extra.Line)
	}
	return nil
}
