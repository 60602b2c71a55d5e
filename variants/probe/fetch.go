package probe

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
)

// Size caps on what is read: playlists are text, a segment of 1080p is a
// few megabytes.
const (
	maxPlaylist = 4 << 20
	maxSegment  = 64 << 20
)

// location turns a playlist argument into a URL the manifest parser can
// resolve segment URIs against: http(s) and file URLs stay as they are,
// a local path becomes the file URL of its absolute path.
func location(s string) (string, error) {
	if u, err := url.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "file") {
		return s, nil
	}
	abs, err := filepath.Abs(s)
	if err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrPlaylist, s, err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// display is how a location is named to people: the path of a file URL.
func display(loc string) string {
	if u, err := url.Parse(loc); err == nil && u.Scheme == "file" {
		return filepath.FromSlash(u.Path)
	}
	return loc
}

// fetch reads a resource: an http(s) or file URL, the byte range
// [off, off+n) when n >= 0, and never more than limit bytes.
func fetch(ctx context.Context, loc string, off, n, limit int64) ([]byte, error) {
	if n > limit {
		return nil, fmt.Errorf("%s: %d bytes exceed the %d-byte limit", display(loc), n, limit)
	}
	u, err := url.Parse(loc)
	if err != nil {
		return nil, fmt.Errorf("bad URL %q: %w", loc, err)
	}
	var body io.Reader
	switch u.Scheme {
	case "file":
		f, err := os.Open(filepath.FromSlash(u.Path))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		body = f
		if n >= 0 {
			body = io.NewSectionReader(f, off, n)
		}
	case "http", "https":
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, loc, nil)
		if err != nil {
			return nil, err
		}
		if n >= 0 {
			req.Header.Set("Range", "bytes="+strconv.FormatInt(off, 10)+"-"+strconv.FormatInt(off+n-1, 10))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusPartialContent && n >= 0:
			body = resp.Body
		case resp.StatusCode == http.StatusOK:
			body = resp.Body
			if n >= 0 { // the server ignored the range: skip to it
				if _, err := io.CopyN(io.Discard, body, off); err != nil {
					return nil, fmt.Errorf("GET %s: skip to byte %d: %w", loc, off, err)
				}
				body = io.LimitReader(body, n)
			}
		default:
			return nil, fmt.Errorf("GET %s: %s", loc, resp.Status)
		}
	default:
		return nil, fmt.Errorf("%s: unsupported URL scheme %q", loc, u.Scheme)
	}
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", display(loc), err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than the %d-byte limit", display(loc), limit)
	}
	return data, nil
}
