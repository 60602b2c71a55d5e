package vast

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults and bounds of Client.
const (
	DefaultTimeout     = 1500 * time.Millisecond // whole Fetch, wrapper hops included
	DefaultMaxWrappers = 5                       // VAST 4 players must follow at least five

	maxBody           = 1 << 20 // bytes of one VAST response
	maxAdsPerDocument = 32      // ads taken from one response; a pod is never longer
	maxRedirects      = 5       // HTTP redirects per request
	userAgent         = "adstitch-vast/1"
)

// Client calls an external ad server and resolves its answer to inline ads.
// The zero value is usable. A Client is safe for concurrent use and must
// not be copied after first use (it holds counters).
type Client struct {
	HTTP        *http.Client  // nil: a client on http.DefaultTransport
	Timeout     time.Duration // for a whole Fetch; <= 0: DefaultTimeout
	MaxWrappers int           // wrapper hops followed; 0: DefaultMaxWrappers, < 0: none
	// Allow says whether a host (lower case, without port) may be
	// requested, for the first URL, every wrapper hop and every redirect.
	// nil allows every host; only http and https are ever requested.
	Allow func(host string) bool

	stats counters
}

// Fetch expands template with m, requests it, follows wrapper chains and
// returns the inline ads that carry an HLS media file, in play order (ads
// of a pod by sequence, then stand-alone ads), with the impression,
// tracking and error URLs of the wrappers that led to them appended.
//
// Ads that cannot be used are left out and counted in Stats: no linear
// creative, no HLS media file, no duration, a wrapper chain that failed
// while other ads of the response resolved. When nothing is left the error
// wraps ErrTimeout, ErrTooManyWrappers (ErrWrapperLoop too for a loop),
// ErrNotAllowed, ErrBadVAST, ErrUnavailable or ErrNoAds (the errors of
// several failed wrappers are joined). A cancellation of ctx by the caller
// is returned as ctx's error.
func (c *Client) Fetch(ctx context.Context, template string, m Macros) ([]InlineAd, error) {
	c.stats.fetches.Add(1)
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	r := &resolver{client: c, http: c.httpClient(), macros: m, maxHops: c.maxHops()}
	ads, err := r.resolve(ctx, Expand(template, m), nil, true, true)
	if err != nil {
		c.stats.countFailure(err)
		return nil, err
	}
	c.stats.ads.Add(uint64(len(ads)))
	return ads, nil
}

func (c *Client) maxHops() int {
	switch {
	case c.MaxWrappers == 0:
		return DefaultMaxWrappers
	case c.MaxWrappers < 0:
		return 0
	}
	return c.MaxWrappers
}

// httpClient is c.HTTP (or a default) with redirects bounded and checked
// against Allow like every other request.
func (c *Client) httpClient() *http.Client {
	base := c.HTTP
	if base == nil {
		base = &http.Client{}
	}
	hc := *base // shallow copy: the caller's client keeps its CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return &Error{URL: req.URL.Redacted(), Kind: ErrUnavailable, Err: errors.New("too many redirects")}
		}
		if err := c.checkTarget(req.URL); err != nil {
			return err
		}
		if base.CheckRedirect != nil {
			return base.CheckRedirect(req, via)
		}
		return nil
	}
	return &hc
}

// checkTarget refuses anything but http(s) URLs with a host Allow accepts.
func (c *Client) checkTarget(u *url.URL) error {
	refuse := func(why string) error {
		return &Error{URL: u.Redacted(), Kind: ErrNotAllowed, Err: errors.New(why)}
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return refuse("scheme " + `"` + u.Scheme + `"`)
	case u.User != nil:
		return refuse("userinfo in URL")
	case u.Hostname() == "":
		return refuse("no host")
	}
	host := strings.ToLower(u.Hostname())
	if c.Allow != nil && !c.Allow(host) {
		return refuse("host " + `"` + host + `"`)
	}
	return nil
}
