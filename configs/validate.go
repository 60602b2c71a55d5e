package configs

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"
)

// Validation limits shared with the session token format, where stream ids
// travel.
const (
	MaxIDLength      = 64 // stream and fill ids
	MaxSessionKeyID  = 16
	MinSessionSecret = 32
	MinAPIKeyLength  = 16
)

// problems collects validation errors, each prefixed with the key it is
// about, so one run reports everything that is wrong.
type problems []error

func (p *problems) add(key, format string, args ...any) {
	*p = append(*p, errors.New(key+": "+fmt.Sprintf(format, args...)))
}

// Validate reports every problem in c, joined with errors.Join; nil if c is
// valid. Each message starts with the offending key. URLs written as paths
// are checked as if resolved against PublicURL.
func (c *Config) Validate() error {
	var p problems
	c.validateServer(&p)
	allow := c.validateOriginsAllow(&p)
	seen := map[string]string{}
	for i := range c.Streams {
		c.Streams[i].validate(&p, "streams["+strconv.Itoa(i)+"]", c, allow, seen)
	}
	seen = map[string]string{}
	for i := range c.Fill {
		c.Fill[i].validate(&p, "fill["+strconv.Itoa(i)+"]", c, allow, seen)
	}
	if c.Slate != nil {
		c.checkOriginURL(&p, "slate.hls", c.Slate.HLS, allow)
	}
	c.Origin.validate(&p)
	c.Sessions.validate(&p)
	c.AdSegments.validate(&p)
	validateAPIKeys(&p, c.APIKeys)
	c.Events.validate(&p)
	c.Variants.validate(&p)
	c.Redis.validate(&p)
	c.Log.validate(&p)
	return errors.Join(p...)
}

func (c *Config) validateServer(p *problems) {
	if host, port, err := net.SplitHostPort(c.Listen); err != nil || !validPort(port) {
		p.add("listen", "must be host:port, got %q", c.Listen)
	} else if host != "" && net.ParseIP(host) == nil && !validHostname(host) {
		p.add("listen", "invalid host %q", host)
	}
	if u, err := parseHTTPURL(c.PublicURL); err != nil {
		p.add("public_url", "must be an absolute http(s) URL, got %q", c.PublicURL)
	} else if u.RawQuery != "" || u.Fragment != "" {
		p.add("public_url", "must not have a query or fragment, got %q", c.PublicURL)
	}
	if c.DataDir == "" {
		p.add("data_dir", "required")
	}
	if c.ShutdownDelay < 0 || c.ShutdownDelay > Duration(MaxShutdownDelay) {
		p.add("shutdown_delay", "must be 0 to %s, got %s", MaxShutdownDelay, time.Duration(c.ShutdownDelay))
	}
}

// MaxShutdownDelay bounds shutdown_delay: orchestrators kill what does not
// stop within their grace period (Kubernetes: 30 s by default).
const MaxShutdownDelay = time.Minute

// validateOriginsAllow checks the entries and returns them as a set of
// canonical host:port strings.
func (c *Config) validateOriginsAllow(p *problems) map[string]bool {
	allow := make(map[string]bool, len(c.OriginsAllow))
	for i, a := range c.OriginsAllow {
		hp := canonicalHostPort(a)
		if hp == "" {
			p.add("origins_allow["+strconv.Itoa(i)+"]", "must be host:port, got %q", a)
			continue
		}
		allow[hp] = true
	}
	return allow
}

// checkOriginURL checks a URL adstitch fetches: http(s) or a server path,
// and its host:port allowed.
func (c *Config) checkOriginURL(p *problems, key, raw string, allow map[string]bool) {
	if raw == "" {
		p.add(key, "required")
		return
	}
	u, err := parseHTTPURL(c.ResolvedURL(raw))
	if err != nil {
		if isServerPath(raw) {
			return // public_url is reported instead
		}
		p.add(key, "must be an http(s) URL or a path starting with \"/\", got %q", raw)
		return
	}
	if hp := hostPort(u); !allow[hp] {
		p.add(key, "host %q is not in origins_allow", hp)
	}
}

func (s *Stream) validate(p *problems, key string, c *Config, allow map[string]bool, seen map[string]string) {
	checkID(p, key+".id", s.ID, seen)
	c.checkOriginURL(p, key+".origin", s.Origin, allow)
	switch s.Kind {
	case KindVOD:
		validateSchedule(p, key+".breaks", s.Breaks)
	case KindLive:
		if len(s.Breaks) > 0 {
			p.add(key+".breaks", "a schedule is only valid for kind %q", KindVOD)
		}
	case "":
		p.add(key+".kind", "required (%q or %q)", KindVOD, KindLive)
	default:
		p.add(key+".kind", "must be %q or %q, got %q", KindVOD, KindLive, s.Kind)
	}
	if s.BreakDuration <= 0 {
		p.add(key+".break_duration", "must be positive")
	}
	s.Ads.validate(p, key+".ads", c, allow)
}

// validateSchedule allows one preroll, one postroll and distinct positive
// midroll offsets, in any order.
func validateSchedule(p *problems, key string, breaks []BreakSpec) {
	seen := make(map[BreakSpec]int, len(breaks))
	for i, b := range breaks {
		k := key + "[" + strconv.Itoa(i) + "]"
		switch {
		case b.Kind < Preroll || b.Kind > Postroll:
			p.add(k, "invalid break kind %d", b.Kind)
			continue
		case b.Kind == Midroll && b.Offset <= 0:
			p.add(k, "offset must be positive (use preroll for the start), got %s", b.Offset)
			continue
		case b.Kind != Midroll && b.Offset != 0:
			p.add(k, "%s takes no offset", b.Kind)
			continue
		}
		if j, dup := seen[b]; dup {
			p.add(k, "duplicate of %s[%d] (%s)", key, j, b)
			continue
		}
		seen[b] = i
	}
}

func (f *FillAd) validate(p *problems, key string, c *Config, allow map[string]bool, seen map[string]string) {
	checkID(p, key+".id", f.ID, seen)
	c.checkOriginURL(p, key+".hls", f.HLS, allow)
}

// checkID checks an [a-z0-9-]+ id and its uniqueness among seen (id → key).
func checkID(p *problems, key, id string, seen map[string]string) {
	switch {
	case id == "":
		p.add(key, "required")
		return
	case len(id) > MaxIDLength:
		p.add(key, "must be at most %d bytes, got %d", MaxIDLength, len(id))
		return
	case !isLowerID(id):
		p.add(key, "must match [a-z0-9-]+, got %q", id)
		return
	}
	if first, dup := seen[id]; dup {
		p.add(key, "duplicate %q (also %s)", id, first)
		return
	}
	seen[id] = key
}

func (o *OriginOptions) validate(p *problems) {
	if o.Timeout <= 0 {
		p.add("origin.timeout", "must be positive")
	}
	if o.MaxPlaylistBytes <= 0 {
		p.add("origin.max_playlist_bytes", "must be positive")
	}
	if o.StaleFor <= 0 {
		p.add("origin.stale_for", "must be positive")
	}
	if o.VODTTL <= 0 {
		p.add("origin.vod_ttl", "must be positive")
	}
}

func (s *SessionOptions) validate(p *problems) {
	ids := make(map[string]int, len(s.Keys))
	for i, k := range s.Keys {
		key := "sessions.keys[" + strconv.Itoa(i) + "]"
		switch {
		case k.ID == "" || len(k.ID) > MaxSessionKeyID || !isKeyID(k.ID):
			p.add(key+".id", "must be 1 to %d characters of [A-Za-z0-9_-], got %q", MaxSessionKeyID, k.ID)
		case ids[k.ID] > 0:
			p.add(key+".id", "duplicate %q (also sessions.keys[%d])", k.ID, ids[k.ID]-1)
		default:
			ids[k.ID] = i + 1
		}
		if len(k.Secret) < MinSessionSecret {
			p.add(key+".secret", "must be at least %d bytes, got %d", MinSessionSecret, len(k.Secret))
		}
	}
	if s.Active != "" && ids[s.Active] == 0 {
		p.add("sessions.active", "%q is not the id of a key in sessions.keys", s.Active)
	}
	if s.TTL <= 0 {
		p.add("sessions.ttl", "must be positive")
	}
}

func (a *AdSegmentOptions) validate(p *problems) {
	switch a.Mode {
	case AdSegmentsProxy:
	case AdSegmentsRedirect:
		if a.CDNPrefix == "" {
			p.add("ad_segments.cdn_prefix", "required for mode %q", AdSegmentsRedirect)
			return
		}
	default:
		p.add("ad_segments.mode", "must be %q or %q, got %q", AdSegmentsProxy, AdSegmentsRedirect, a.Mode)
	}
	if a.CDNPrefix != "" {
		if _, err := parseHTTPURL(a.CDNPrefix); err != nil {
			p.add("ad_segments.cdn_prefix", "must be an absolute http(s) URL, got %q", a.CDNPrefix)
		}
	}
}

// validateAPIKeys never echoes a key: messages end up in logs.
func validateAPIKeys(p *problems, keys []APIKey) {
	seen := make(map[string]int, len(keys))
	for i, k := range keys {
		key := "api_keys[" + strconv.Itoa(i) + "]"
		if len(k.Key) < MinAPIKeyLength {
			p.add(key+".key", "must be at least %d characters, got %d", MinAPIKeyLength, len(k.Key))
		} else if j, dup := seen[k.Key]; dup {
			p.add(key+".key", "duplicate of api_keys[%d].key", j)
		} else {
			seen[k.Key] = i
		}
		if k.Role != RoleAdmin && k.Role != RoleService && k.Role != RoleAnalyst {
			p.add(key+".role", "must be %q, %q or %q, got %q", RoleAdmin, RoleService, RoleAnalyst, k.Role)
		}
	}
}

func (l *LogOptions) validate(p *problems) {
	switch l.Level {
	case "debug", "info", "warn", "error":
	default:
		p.add("log.level", "must be debug, info, warn or error, got %q", l.Level)
	}
	if l.Format != "json" && l.Format != "text" {
		p.add("log.format", "must be json or text, got %q", l.Format)
	}
}
