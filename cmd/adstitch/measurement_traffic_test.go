//go:build unix

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// proofTypes are the client beacons of one ad, in playback order.
var proofTypes = []string{"impression", "start", "firstQuartile", "midpoint", "thirdQuartile", "complete"}

// beacon is one client tracking request; a replay is a second send of a
// beacon already in the plan.
type beacon struct {
	session, avail, typ int
	replay              bool
}

// beaconPlan lists every (session, avail, type) once, avail by avail the
// way viewers progress together, plus a replay of every replayEvery-th
// beacon sent replayLag beacons after the original.
func beaconPlan(sessions, avails, replayEvery, replayLag int) []beacon {
	var orig []beacon
	for a := range avails {
		for s := range sessions {
			for ty := range proofTypes {
				orig = append(orig, beacon{session: s, avail: a, typ: ty})
			}
		}
	}
	plan := make([]beacon, 0, len(orig)+len(orig)/replayEvery+1)
	replay := func(i int) {
		if i%replayEvery == replayEvery/2 {
			b := orig[i]
			b.replay = true
			plan = append(plan, b)
		}
	}
	for i, b := range orig {
		plan = append(plan, b)
		if i >= replayLag {
			replay(i - replayLag)
		}
	}
	for i := max(len(orig)-replayLag, 0); i < len(orig); i++ {
		replay(i)
	}
	return plan
}

// traffic is the viewers' side of the proof: it creates sessions and sends
// beacons over HTTP, retrying each until it is answered 204.
type traffic struct {
	base   string
	client *http.Client
	tokens []string // session tokens, by session number

	acked, replayed  atomic.Int64 // originals and replays answered 204
	retries, refused atomic.Int64 // failed attempts; refused = no answer at all
}

func newTraffic(base string, workers int) *traffic {
	return &traffic{base: base, client: &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: workers, DisableCompression: true},
	}}
}

// createSessions starts n sessions with distinct viewer ids from workers
// goroutines. serve must be up: a failed request is an error, since a
// retried POST would start a second session.
func (tr *traffic) createSessions(ctx context.Context, n, workers int) error {
	tr.tokens = make([]string, n)
	return fanOut(ctx, n, workers, func(i int) error {
		body := fmt.Sprintf(`{"stream":%q,"viewer_id":"viewer-%04d","device":"desktop"}`, proofStream, i)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, tr.base+"/v1/sessions", strings.NewReader(body))
		if err != nil {
			return err
		}
		resp, err := tr.client.Do(req)
		if err != nil {
			return fmt.Errorf("session %d: %w", i, err)
		}
		defer resp.Body.Close()
		var out struct {
			SessionID string `json:"session_id"`
		}
		if resp.StatusCode != http.StatusCreated {
			b, _ := io.ReadAll(resp.Body)
			return fmt.Errorf("session %d: status %d: %s", i, resp.StatusCode, b)
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.SessionID == "" {
			return fmt.Errorf("session %d: bad answer: %v", i, err)
		}
		tr.tokens[i] = out.SessionID
		return nil
	})
}

// send delivers every beacon of plan from workers goroutines, each retried
// until 204 (no answer, 503: serve is down or busy) or ctx ends. Any other
// answer is an error.
func (tr *traffic) send(ctx context.Context, plan []beacon, workers int) error {
	return fanOut(ctx, len(plan), workers, func(i int) error {
		b := plan[i]
		u := tr.base + "/v1/events/" + tr.tokens[b.session] + "/brk-" + strconv.Itoa(b.avail) + "/0/" +
			proofAd + "/" + proofTypes[b.typ]
		for {
			status, err := tr.get(ctx, u)
			switch {
			case status == http.StatusNoContent:
				if b.replay {
					tr.replayed.Add(1)
				} else {
					tr.acked.Add(1)
				}
				return nil
			case ctx.Err() != nil:
				return fmt.Errorf("beacon %s: %w", u, ctx.Err())
			case err != nil:
				tr.refused.Add(1)
			case status != http.StatusServiceUnavailable:
				return fmt.Errorf("beacon %s: status %d", u, status)
			}
			tr.retries.Add(1)
			time.Sleep(25 * time.Millisecond)
		}
	})
}

func (tr *traffic) get(ctx context.Context, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := tr.client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// fanOut runs do(0..n-1) on workers goroutines in index order and returns
// the first error, which stops the rest.
func fanOut(parent context.Context, n, workers int, do func(i int) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var next atomic.Int64
	var once sync.Once
	var first error
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := do(i); err != nil {
					once.Do(func() { first = err; cancel() })
					return
				}
			}
		}()
	}
	wg.Wait()
	if first == nil && parent.Err() != nil {
		return parent.Err()
	}
	return first
}
