package origin

import (
	"errors"
	"net"
	"net/http"
	"time"
)

// newClient returns the client fetches go through: base (or a default one)
// with redirects limited to maxRedirects hops that each pass the allowlist.
func newClient(base *http.Client, allow allowList, timeout time.Duration) *http.Client {
	var c http.Client
	if base != nil {
		c = *base // shallow copy: the caller's client keeps its own CheckRedirect
	} else {
		c = http.Client{Transport: newTransport(timeout), Timeout: timeout}
	}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > maxRedirects {
			return &Error{URL: req.URL.Redacted(), Kind: ErrFetch, Err: errors.New("too many redirects")}
		}
		return allow.check(req.URL)
	}
	return &c
}

// newTransport bounds every stage of a connection so a slow or hostile
// origin cannot hold sockets or memory.
func newTransport(timeout time.Duration) *http.Transport {
	dialer := &net.Dialer{Timeout: min(timeout, 3*time.Second), KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    min(timeout, 3*time.Second),
		ResponseHeaderTimeout:  timeout,
		ExpectContinueTimeout:  time.Second,
		MaxIdleConns:           256,
		MaxIdleConnsPerHost:    32,
		MaxConnsPerHost:        64,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}
}
