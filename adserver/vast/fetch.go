package vast

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
)

// fetch requests one VAST document. hop is the number of wrapper hops
// already followed, for error messages.
func (r *resolver) fetch(ctx context.Context, rawURL string, hop int) (*Document, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, &Error{URL: rawURL, Hop: hop, Kind: ErrNotAllowed, Err: err}
	}
	if err := r.client.checkTarget(u); err != nil {
		return nil, withHop(err, hop)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{URL: u.Redacted(), Hop: hop, Kind: ErrNotAllowed, Err: err}
	}
	req.Header.Set("Accept", "application/xml, text/xml;q=0.9, */*;q=0.1")
	req.Header.Set("User-Agent", userAgent)
	if ip := r.macros["DEVICEIP"]; ip != "" {
		req.Header.Set("X-Device-IP", ip)
	}
	if ua := r.macros["DEVICEUA"]; ua != "" {
		req.Header.Set("X-Device-User-Agent", ua)
	}
	r.client.stats.requests.Add(1)
	resp, err := r.http.Do(req)
	if err != nil {
		return nil, requestError(ctx, u, hop, err)
	}
	defer func() {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10)) // let the connection be reused
		_ = resp.Body.Close()
	}()
	switch {
	case resp.StatusCode == http.StatusNoContent:
		return nil, &Error{URL: u.Redacted(), Hop: hop, Kind: ErrNoAds, Err: errors.New("204 No Content")}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, &Error{URL: u.Redacted(), Hop: hop, Status: resp.StatusCode, Kind: ErrUnavailable}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, requestError(ctx, u, hop, err)
	}
	switch {
	case len(body) > maxBody:
		return nil, &Error{URL: u.Redacted(), Hop: hop, Kind: ErrBadVAST, Err: errors.New("response larger than " + strconv.Itoa(maxBody) + " bytes")}
	case len(bytes.TrimSpace(body)) == 0:
		return nil, &Error{URL: u.Redacted(), Hop: hop, Kind: ErrNoAds, Err: errors.New("empty response")}
	}
	doc, err := Parse(body)
	if err != nil {
		return nil, &Error{URL: u.Redacted(), Hop: hop, Kind: ErrBadVAST, Err: err}
	}
	return doc, nil
}

// requestError classifies a failed request or body read: a refused
// redirect keeps its *Error, the caller's cancellation is returned as is,
// deadlines become ErrTimeout and the rest ErrUnavailable.
func requestError(ctx context.Context, u *url.URL, hop int, err error) error {
	var verr *Error
	if errors.As(err, &verr) {
		return withHop(verr, hop)
	}
	cerr := ctx.Err()
	if cerr != nil && !errors.Is(cerr, context.DeadlineExceeded) {
		return &canceledError{url: u.Redacted(), err: cerr}
	}
	var nerr net.Error
	if cerr != nil || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &nerr) && nerr.Timeout() {
		return &Error{URL: u.Redacted(), Hop: hop, Kind: ErrTimeout, Err: err}
	}
	return &Error{URL: u.Redacted(), Hop: hop, Kind: ErrUnavailable, Err: err}
}

// withHop records on a fresh *Error which hop it happened at.
func withHop(err error, hop int) error {
	var verr *Error
	if errors.As(err, &verr) {
		verr.Hop = hop
	}
	return err
}

// canceledError reports the caller's cancellation; it wraps the context's
// error and no sentinel.
type canceledError struct {
	url string
	err error
}

func (e *canceledError) Error() string { return "fetch vast " + e.url + ": " + e.err.Error() }
func (e *canceledError) Unwrap() error { return e.err }
