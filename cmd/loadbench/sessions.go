package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// ErrNoAds means a personalized playlist carries no ad segment: the
// benchmark would measure plain rewriting, not stitching.
var ErrNoAds = errors.New("personalized playlist has no ad segments (/a/)")

// playlist is one fetched response, kept to serve the same bytes static.
type playlist struct {
	body        []byte
	contentType string
	header      http.Header
}

// apiClient talks to adstitch the way a player backend would.
type apiClient struct {
	base string // http://host:port
	hc   *http.Client
}

func newAPIClient(base string) *apiClient {
	return &apiClient{base: base, hc: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}}
}

func (c *apiClient) close() { c.hc.CloseIdleConnections() }

// mediaPaths creates n sessions with distinct viewer ids and returns the
// request path of each one's first media playlist, in viewer order. The
// first failure stops the rest.
func (c *apiClient) mediaPaths(ctx context.Context, n int) ([]string, error) {
	const workers = 8
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	paths := make([]string, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				p, err := c.sessionMediaPath(ctx, "loadbench-viewer-"+strconv.Itoa(i))
				if err != nil {
					cancel(fmt.Errorf("session %d: %w", i, err)) // only the first cause sticks
					continue
				}
				paths[i] = p
			}
		})
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("create sessions: %w", context.Cause(ctx))
	}
	return paths, nil
}

// sessionMediaPath creates a session and reads its personalized master for
// the first media playlist's path (/v1/s/{token}/p/0.m3u8).
func (c *apiClient) sessionMediaPath(ctx context.Context, viewer string) (string, error) {
	req, _ := json.Marshal(map[string]string{"stream": benchStream, "viewer_id": viewer, "device": "desktop"})
	body, err := c.do(ctx, http.MethodPost, c.base+"/v1/sessions", req, http.StatusCreated)
	if err != nil {
		return "", err
	}
	var created struct {
		ManifestURL string `json:"manifest_url"`
	}
	if err := json.Unmarshal(body.body, &created); err != nil || created.ManifestURL == "" {
		return "", fmt.Errorf("create session: unexpected answer %q", truncate(body.body))
	}
	master, err := c.do(ctx, http.MethodGet, created.ManifestURL, nil, http.StatusOK)
	if err != nil {
		return "", err
	}
	uri, err := firstURI(master.body)
	if err != nil {
		return "", fmt.Errorf("master %s: %w", created.ManifestURL, err)
	}
	base, err := url.Parse(created.ManifestURL)
	if err != nil {
		return "", fmt.Errorf("manifest_url %q: %w", created.ManifestURL, err)
	}
	ref, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("master %s: media uri %q: %w", created.ManifestURL, uri, err)
	}
	return base.ResolveReference(ref).RequestURI(), nil
}

// fetchPersonalized GETs one personalized media playlist and checks it
// really carries ad segments.
func (c *apiClient) fetchPersonalized(ctx context.Context, path string) (*playlist, error) {
	pl, err := c.do(ctx, http.MethodGet, c.base+path, nil, http.StatusOK)
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(pl.body, []byte("/a/")) {
		return nil, fmt.Errorf("GET %s: %w:\n%s", path, ErrNoAds, pl.body)
	}
	return pl, nil
}

func (c *apiClient) do(ctx context.Context, method, url string, body []byte, want int) (*playlist, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, url, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: read body: %w", method, url, err)
	}
	if resp.StatusCode != want {
		return nil, fmt.Errorf("%s %s: status %d, want %d: %s", method, url, resp.StatusCode, want, truncate(b))
	}
	return &playlist{body: b, contentType: resp.Header.Get("Content-Type"), header: resp.Header}, nil
}

// firstURI returns the first URI line of a playlist.
func firstURI(pl []byte) (string, error) {
	sc := bufio.NewScanner(bytes.NewReader(pl))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			return line, nil
		}
	}
	return "", errors.New("no playlist URI in the master")
}

func truncate(b []byte) string {
	const max = 300
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}
