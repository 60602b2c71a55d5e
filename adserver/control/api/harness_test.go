package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control/store"
	"github.com/adstitch/adstitch/configs"
)

// Config-file keys of the test server.
const (
	adminKey   = "admin-key-0123456789"
	serviceKey = "service-key-0123456789"
	analystKey = "analyst-key-0123456789"
)

var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// testServer is the API over a real store in a temp dir, served by a real
// fasthttp server on a loopback port.
type testServer struct {
	t      *testing.T
	st     *store.Store
	api    *API
	url    string
	client *http.Client
	calls  atomic.Int64 // ValidateCreative calls
}

type serverOption func(*Options)

func newTestServer(t *testing.T, opts ...serverOption) *testServer {
	t.Helper()
	return newTestServerAt(t, filepath.Join(t.TempDir(), "control.db"), opts...)
}

// newTestServerAt serves the store file at path (see copyFile).
func newTestServerAt(t *testing.T, path string, opts ...serverOption) *testServer {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ts := &testServer{t: t, st: st}
	o := Options{
		Keys: []configs.APIKey{
			{Key: adminKey, Role: configs.RoleAdmin},
			{Key: serviceKey, Role: configs.RoleService},
			{Key: analystKey, Role: configs.RoleAnalyst},
		},
		Now: func() time.Time { return testNow },
		ValidateCreative: func(_ context.Context, c *campaign.Creative) error {
			ts.calls.Add(1)
			return nil
		},
	}
	for _, f := range opts {
		f(&o)
	}
	ts.api = New(st, o)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &fasthttp.Server{Handler: func(ctx *fasthttp.RequestCtx) {
		if !ts.api.Handle(ctx) {
			ctx.Error("not the API's", fasthttp.StatusTeapot)
		}
	}}
	go srv.Serve(ln)
	// Closing the client's connections and the listener ends the server
	// at once; Shutdown would poll for idle connections every 100 ms.
	tr := &http.Transport{}
	ts.client = &http.Client{Transport: tr}
	t.Cleanup(func() {
		tr.CloseIdleConnections()
		ln.Close()
	})
	ts.url = "http://" + ln.Addr().String()
	return ts
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into v.
func (a answer) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(a.body, v); err != nil {
		t.Fatalf("answer %d %s: %v", a.status, a.body, err)
	}
}

// errorBody decodes an error answer.
func (a answer) err(t *testing.T) errorBody {
	t.Helper()
	var e errorBody
	a.json(t, &e)
	if e.Error == "" || e.Code == "" {
		t.Fatalf("error answer without error or code: %s", a.body)
	}
	return e
}

func (ts *testServer) do(method, path, key, body string, headers ...string) answer {
	ts.t.Helper()
	req, err := http.NewRequest(method, ts.url+path, strings.NewReader(body))
	if err != nil {
		ts.t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := ts.client.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.t.Fatal(err)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: b}
}

// must is do that fails the test unless the status is want.
func (ts *testServer) must(want int, method, path, key, body string) answer {
	ts.t.Helper()
	a := ts.do(method, path, key, body)
	if a.status != want {
		ts.t.Fatalf("%s %s: %d %s, want %d", method, path, a.status, a.body, want)
	}
	return a
}

func (ts *testServer) advertiser(name string) campaign.Advertiser {
	ts.t.Helper()
	var adv campaign.Advertiser
	ts.must(201, "POST", "/v1/advertisers", adminKey, `{"name":`+quote(name)+`}`).json(ts.t, &adv)
	return adv
}

func (ts *testServer) campaign(key, body string) campaign.Campaign {
	ts.t.Helper()
	var c campaign.Campaign
	ts.must(201, "POST", "/v1/campaigns", key, body).json(ts.t, &c)
	return c
}

func (ts *testServer) marketerKey(advertiserID string) string {
	ts.t.Helper()
	secret, _, err := ts.st.CreateKey(context.Background(), campaign.RoleMarketer, advertiserID, "test")
	if err != nil {
		ts.t.Fatal(err)
	}
	return secret
}

func (ts *testServer) version() int64 {
	ts.t.Helper()
	v, err := ts.st.Version(context.Background())
	if err != nil {
		ts.t.Fatal(err)
	}
	return v
}

// campaignBody is the contract example for advertiser adv with edits:
// pairs of JSON key and raw value replacing (or, with value "", removing)
// top-level fields.
func campaignBody(adv string, edits ...string) string {
	fields := map[string]json.RawMessage{
		"advertiser_id": json.RawMessage(quote(adv)),
		"name":          json.RawMessage(`"Madrid all day"`),
		"start":         json.RawMessage(`"2026-01-01T00:00:00Z"`),
		"end":           json.RawMessage(`"2027-01-01T00:00:00Z"`),
		"priority":      json.RawMessage(`5`),
		"targeting":     json.RawMessage(`{"all":[{"city":{"in":["Madrid"]}},{"daypart":{"in":["morning","afternoon","evening","night"]}}]}`),
		"creatives":     json.RawMessage(`[{"name":"spot-a","hls":"http://127.0.0.1:9000/ads/a/master.m3u8"}]`),
	}
	for i := 0; i+1 < len(edits); i += 2 {
		if edits[i+1] == "" {
			delete(fields, edits[i])
		} else {
			fields[edits[i]] = json.RawMessage(edits[i+1])
		}
	}
	b, _ := json.Marshal(fields)
	return string(b)
}

// copyDB copies the closed store file at src into a new temp dir: a
// fixture is built once and each case gets its own copy (a write costs an
// fsync; building every fixture anew made the suite slow).
func copyDB(t *testing.T, src string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "control.db")
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return dst
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func compactJSON(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
