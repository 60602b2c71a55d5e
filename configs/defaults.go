package configs

import (
	"net"
	"strings"
	"time"
)

// Defaults for zero values. A zero duration or size means "not set", so it
// cannot be used to switch a feature off.
const (
	DefaultListen           = "127.0.0.1:8080"
	DefaultDataDir          = "./var"
	DefaultBreakDuration    = Duration(30 * time.Second)
	DefaultOriginTimeout    = Duration(2 * time.Second)
	DefaultMaxPlaylistBytes = 2 << 20
	DefaultStaleFor         = Duration(30 * time.Second)
	DefaultVODTTL           = Duration(5 * time.Minute)
	DefaultSessionTTL       = Duration(24 * time.Hour)
	DefaultAdSegmentsMode   = AdSegmentsProxy
	DefaultLogLevel         = "info"
	DefaultLogFormat        = "json"
)

func (c *Config) setDefaults() {
	setString(&c.Listen, DefaultListen)
	setString(&c.PublicURL, defaultPublicURL(c.Listen))
	setString(&c.DataDir, DefaultDataDir)
	for i := range c.Streams {
		setDuration(&c.Streams[i].BreakDuration, DefaultBreakDuration)
	}
	c.Origin.setDefaults()
	c.Sessions.setDefaults()
	setString(&c.AdSegments.Mode, DefaultAdSegmentsMode)
	setString(&c.Log.Level, DefaultLogLevel)
	setString(&c.Log.Format, DefaultLogFormat)
	c.Events.setDefaults(c.DataDir)
	c.Variants.setDefaults(c.DataDir, strings.TrimRight(c.PublicURL, "/"))
}

func (o *OriginOptions) setDefaults() {
	setDuration(&o.Timeout, DefaultOriginTimeout)
	if o.MaxPlaylistBytes == 0 {
		o.MaxPlaylistBytes = DefaultMaxPlaylistBytes
	}
	setDuration(&o.StaleFor, DefaultStaleFor)
	setDuration(&o.VODTTL, DefaultVODTTL)
}

func (s *SessionOptions) setDefaults() {
	if s.Active == "" && len(s.Keys) > 0 {
		s.Active = s.Keys[0].ID
	}
	setDuration(&s.TTL, DefaultSessionTTL)
}

// defaultPublicURL is "http://" + listen, with a wildcard or empty host
// replaced by loopback: "http://0.0.0.0:8080" is not a URL a client can use.
func defaultPublicURL(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "http://" + listen // validation reports the bad listen address
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

func setString(p *string, def string) {
	if *p == "" {
		*p = def
	}
}

func setDuration(p *Duration, def Duration) {
	if *p == 0 {
		*p = def
	}
}
