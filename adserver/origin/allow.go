package origin

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// allowList is the set of "host:port" an origin URL may point at, hosts
// lowercased. It is built once and only read afterwards.
type allowList map[string]struct{}

// parseAllow normalizes entries: "Host:Port" is lowercased; an entry
// without a port allows the scheme default ports 80 and 443.
func parseAllow(entries []string) (allowList, error) {
	allow := make(allowList, len(entries))
	var errs []error
	for _, entry := range entries {
		entry = strings.TrimSpace(entry)
		host, port, err := net.SplitHostPort(entry)
		if err != nil {
			if strings.Contains(entry, ":") && !strings.HasPrefix(entry, "[") {
				errs = append(errs, fmt.Errorf("allow entry %q: %w", entry, err))
				continue
			}
			host = strings.Trim(entry, "[]")
			port = ""
		}
		if host == "" || strings.ContainsAny(host, "/@?#") {
			errs = append(errs, fmt.Errorf("allow entry %q: want host:port", entry))
			continue
		}
		host = strings.ToLower(host)
		if port == "" {
			allow[net.JoinHostPort(host, "80")] = struct{}{}
			allow[net.JoinHostPort(host, "443")] = struct{}{}
			continue
		}
		allow[net.JoinHostPort(host, port)] = struct{}{}
	}
	return allow, errors.Join(errs...)
}

// check reports whether u may be fetched: http or https, no userinfo, and
// its host:port (default port filled in) on the list.
func (a allowList) check(u *url.URL) error {
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return &Error{URL: u.Redacted(), Kind: ErrNotAllowed, Err: fmt.Errorf("scheme %q", u.Scheme)}
	case u.User != nil:
		return &Error{URL: u.Redacted(), Kind: ErrNotAllowed, Err: errors.New("userinfo in URL")}
	case u.Host == "" || u.Hostname() == "":
		return &Error{URL: u.Redacted(), Kind: ErrNotAllowed, Err: errors.New("no host")}
	}
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	hostPort := net.JoinHostPort(strings.ToLower(u.Hostname()), port)
	if _, ok := a[hostPort]; !ok {
		return &Error{URL: u.Redacted(), Host: hostPort, Kind: ErrNotAllowed}
	}
	return nil
}

// checkRaw parses rawURL and checks it.
func (a allowList) checkRaw(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return &Error{URL: rawURL, Kind: ErrNotAllowed, Err: err}
	}
	return a.check(u)
}
