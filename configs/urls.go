package configs

import (
	"errors"
	"net"
	"net/url"
	"strings"
)

// ResolvedURL returns s made absolute: a path starting with a single "/" is
// appended to PublicURL (keeping PublicURL's own path prefix); anything else
// is returned unchanged. Parse already resolves Stream.Origin, FillAd.HLS and
// Slate.HLS in place, so the server uses those fields as they are; call this
// for other URLs written as paths.
func (c *Config) ResolvedURL(s string) string {
	if !isServerPath(s) {
		return s
	}
	return strings.TrimSuffix(c.PublicURL, "/") + s
}

// isServerPath reports whether s is a path on this server; "//host/x" is a
// scheme-relative URL, not a path, and is left for validation to reject.
func isServerPath(s string) bool {
	return strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//")
}

// resolveURLs rewrites every origin and ad URL written as a path.
func (c *Config) resolveURLs() {
	for i := range c.Streams {
		c.Streams[i].Origin = c.ResolvedURL(c.Streams[i].Origin)
	}
	for i := range c.Fill {
		c.Fill[i].HLS = c.ResolvedURL(c.Fill[i].HLS)
	}
	if c.Slate != nil {
		c.Slate.HLS = c.ResolvedURL(c.Slate.HLS)
	}
}

// allowDemoOrigin lets demo mode fetch from its own built-in origin.
func (c *Config) allowDemoOrigin() {
	if !c.Demo {
		return
	}
	u, err := parseHTTPURL(c.PublicURL)
	if err != nil {
		return // validation reports public_url
	}
	self := hostPort(u)
	for _, a := range c.OriginsAllow {
		if canonicalHostPort(a) == self {
			return
		}
	}
	c.OriginsAllow = append(c.OriginsAllow, self)
}

var errNotHTTPURL = errors.New("not an absolute http(s) URL")

// parseHTTPURL parses an absolute http or https URL with a host.
func parseHTTPURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errNotHTTPURL
	}
	return u, nil
}

// hostPort is u's lower-cased host:port with the scheme's default port
// filled in, the form origins_allow entries are compared in.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// canonicalHostPort lower-cases the host of a host:port entry; "" if the
// entry is not host:port.
func canonicalHostPort(s string) string {
	host, port, err := net.SplitHostPort(s)
	if err != nil || host == "" || !validPort(port) {
		return ""
	}
	return net.JoinHostPort(strings.ToLower(host), port)
}

// validPort reports whether p is a decimal port number 0..65535.
func validPort(p string) bool {
	if p == "" || len(p) > 5 {
		return false
	}
	n := 0
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n <= 65535
}
