package origin

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
)

// fetch GETs rawURL (already allowlisted) and returns its body, at most
// maxBytes long. ctx carries the fetch deadline.
func (c *Cache[T]) fetch(ctx context.Context, rawURL string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, &Error{URL: rawURL, Kind: ErrNotAllowed, Err: err}
	}
	req.Header.Set("Accept", "application/vnd.apple.mpegurl, application/x-mpegurl, */*;q=0.8")
	req.Header.Set("User-Agent", "adstitch")
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, classify(rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &Error{URL: rawURL, Status: resp.StatusCode, Kind: ErrStatus}
	}
	limit := c.opts.MaxBytes
	if resp.ContentLength > limit {
		return nil, tooLarge(rawURL, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, classify(rawURL, err)
	}
	if int64(len(body)) > limit {
		return nil, tooLarge(rawURL, limit)
	}
	return body, nil
}

func tooLarge(rawURL string, limit int64) error {
	return &Error{URL: rawURL, Kind: ErrTooLarge, Err: errors.New("over " + strconv.FormatInt(limit, 10) + " bytes")}
}

// classify turns a transport error into an *Error with the right sentinel.
func classify(rawURL string, err error) error {
	var oe *Error
	if errors.As(err, &oe) {
		return oe // refused by the redirect check
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &Error{URL: rawURL, Kind: ErrTimeout, Err: err}
	}
	return &Error{URL: rawURL, Kind: ErrFetch, Err: err}
}
