package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
)

// errStatus is an answer other than the expected one (or, for a beacon,
// a retryable 503).
var errStatus = errors.New("unexpected HTTP status")

// firer is the viewers' side: keep-alive HTTP clients that start sessions
// and send beacons, timing each beacon request.
type firer struct {
	client  *fasthttp.HostClient
	clients int
	tokens  []string

	retries atomic.Int64 // 503 answers (spool full), retried like a player would
}

func newFirer(base string, clients int) *firer {
	return &firer{clients: clients, client: &fasthttp.HostClient{
		Addr:                base[len("http://"):],
		MaxConns:            clients,
		ReadTimeout:         10 * time.Second,
		WriteTimeout:        10 * time.Second,
		MaxIdleConnDuration: time.Minute,
	}}
}

func (f *firer) close() { f.client.CloseIdleConnections() }

// createSessions starts n sessions with distinct viewer ids.
func (f *firer) createSessions(ctx context.Context, n int) error {
	f.tokens = make([]string, n)
	_, err := f.fanOut(ctx, n, func(i int, req *fasthttp.Request, resp *fasthttp.Response) error {
		req.Header.SetMethod(fasthttp.MethodPost)
		req.SetRequestURI("http://" + f.client.Addr + "/v1/sessions")
		req.SetBodyString(`{"stream":"` + benchStream + `","viewer_id":"viewer-` + strconv.Itoa(i) + `","device":"tv"}`)
		if err := f.client.Do(req, resp); err != nil {
			return fmt.Errorf("create session %d: %w", i, err)
		}
		if resp.StatusCode() != fasthttp.StatusCreated {
			return fmt.Errorf("create session %d: %w %d: %s", i, errStatus, resp.StatusCode(), resp.Body())
		}
		var out struct {
			SessionID string `json:"session_id"`
		}
		if err := json.Unmarshal(resp.Body(), &out); err != nil || out.SessionID == "" {
			return fmt.Errorf("create session %d: bad answer %q", i, resp.Body())
		}
		f.tokens[i] = out.SessionID
		return nil
	})
	return err
}

// sendBeacons sends the first n beacon requests of kind k's order
// (beaconPath) spread over the sessions, and returns each request's
// latency. It never follows the redirect of an ad segment fetch: the
// 302 is the server's whole part.
func (f *firer) sendBeacons(ctx context.Context, k beaconKind, n int) ([]time.Duration, error) {
	sessions := len(f.tokens)
	if n > sessions*k.perSession() {
		return nil, fmt.Errorf("%d beacon requests need more than %d sessions", n, sessions)
	}
	ok := k.route().status
	return f.fanOut(ctx, n, func(i int, req *fasthttp.Request, resp *fasthttp.Response) error {
		uri := "http://" + f.client.Addr + beaconPath(k, f.tokens, i)
		for {
			req.SetRequestURI(uri)
			if err := f.client.Do(req, resp); err != nil {
				return fmt.Errorf("beacon %d: %w", i, err)
			}
			switch resp.StatusCode() {
			case ok:
				return nil
			case fasthttp.StatusServiceUnavailable:
				f.retries.Add(1)
				time.Sleep(10 * time.Millisecond)
			default:
				return fmt.Errorf("beacon %d: %w %d (want %d): %s", i, errStatus, resp.StatusCode(), ok, resp.Body())
			}
		}
	})
}

// fanOut runs do(0..n-1) from f.clients goroutines, each with its own
// request and response, and returns how long each call took. The first
// error stops it.
func (f *firer) fanOut(ctx context.Context, n int, do func(i int, req *fasthttp.Request, resp *fasthttp.Response) error) ([]time.Duration, error) {
	lat := make([]time.Duration, n)
	var next atomic.Int64
	var failed atomic.Bool
	errs := make([]error, f.clients)
	var wg sync.WaitGroup
	for w := range f.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(resp)
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[w] = err
					failed.Store(true)
					return
				}
				start := time.Now()
				if err := do(i, req, resp); err != nil {
					errs[w] = err
					failed.Store(true)
					return
				}
				lat[i] = time.Since(start)
			}
		}()
	}
	wg.Wait()
	return lat, errors.Join(errs...)
}
