package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver"
	"github.com/adstitch/adstitch/adserver/decision"
	"github.com/adstitch/adstitch/adserver/geo/geotest"
	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/configs"
)

const (
	e2eAdmin   = "admin-key-0123456789"
	e2eService = "service-key-0123456789"
)

// From POST /v1/campaigns to a stitched pod, through the real serve wiring:
// a Madrid viewer gets the campaign's creative, a Barcelona viewer gets
// house ads; a marketer key from `keys create` sees only its advertiser;
// another instance pulls the snapshot with --control-plane.
func TestCampaignToPodEndToEnd(t *testing.T) {
	origin := proofOrigin(t)
	dir := t.TempDir()
	geoPath := filepath.Join(dir, "city.mmdb")
	if err := geotest.WriteCityDB(geoPath, geotest.Sample(), geotest.SchemaGeoIP2City); err != nil {
		t.Fatal(err)
	}
	listen := freeAddr(t)
	host := strings.TrimPrefix(origin.URL, "http://")
	yaml := fmt.Sprintf(`listen: %s
data_dir: %s
geoip: %s
streams:
  - {id: show, origin: %s/show/master.m3u8, kind: vod, breaks: [preroll], break_duration: 12s}
fill:
  - {id: house, hls: %s/ad/master.m3u8}
origins_allow: [%s]
sessions: {keys: [{id: k1, secret: %s}]}
api_keys: [{key: %s, role: admin}, {key: %s, role: service}]
log: {level: warn}
`, listen, filepath.Join(dir, "var"), geoPath, origin.URL, origin.URL, host, proofSessionKey, e2eAdmin, e2eService)
	cfgPath, base := serveYAML(t, dir, listen, yaml)

	code, body := call(t, "POST", base+"/v1/advertisers", e2eAdmin, `{"name":"Acme Running"}`)
	if code != 201 {
		t.Fatalf("advertiser = %d %s", code, body)
	}
	adv := jsonField(t, body, "id")
	code, body = call(t, "POST", base+"/v1/campaigns", e2eAdmin, fmt.Sprintf(`{"advertiser_id":%q,"name":"Madrid all day",
		"start":"2026-01-01T00:00:00Z","end":"2030-01-01T00:00:00Z","priority":5,
		"targeting":{"all":[{"city":{"in":["Madrid"]}},{"daypart":{"in":["morning","afternoon","evening","night"]}}]},
		"creatives":[{"name":"spot-a","hls":"%s/ad/master.m3u8"}]}`, adv, origin.URL))
	if code != 201 {
		t.Fatalf("campaign = %d %s", code, body)
	}
	creative := jsonCreativeID(t, body)
	// Bad input: a missing spot, an ad that cannot be fetched, a rule that can never match.
	for _, bad := range []string{
		`"creatives":[{"name":"x","spot_id":"spot_nope","template":{}}]`,
		`"creatives":[{"name":"x","hls":"` + origin.URL + `/nope/master.m3u8"}]`,
		`"targeting":{"all":[{"city":{"in":["Madrid"]}},{"city":{"in":["Paris"]}}]},"creatives":[{"name":"x","hls":"` + origin.URL + `/ad/master.m3u8"}]`,
	} {
		code, body := call(t, "POST", base+"/v1/campaigns", e2eAdmin, fmt.Sprintf(`{"advertiser_id":%q,"name":"bad",
			"start":"2026-01-01T00:00:00Z","end":"2030-01-01T00:00:00Z",%s}`, adv, bad))
		if code < 400 || code >= 500 || !strings.Contains(body, `"error"`) {
			t.Errorf("%s: = %d %s", bad, code, body)
		}
	}

	// A viewer in Madrid (198.51.100.0/24 in the test database) and one in Barcelona.
	pod := func(ip string) (string, string) {
		code, body := call(t, "POST", base+"/v1/sessions", e2eService, fmt.Sprintf(`{"stream":"show","viewer_id":"v-%s","ip":%q}`, ip, ip))
		if code != 201 {
			t.Fatalf("session = %d %s", code, body)
		}
		sid := jsonField(t, body, "session_id")
		_, pl := call(t, "GET", base+"/v1/s/"+sid+"/p/0.m3u8", "", "")
		return sid, pl
	}
	var madrid string
	waitFor(t, 10*time.Second, func() bool { // the snapshot follows the store within a second
		_, madrid = pod("198.51.100.7")
		return strings.Contains(madrid, "/a/pre/0/"+creative+"/")
	})
	sid, barcelona := pod("203.0.113.9")
	if strings.Contains(barcelona, creative) || !strings.Contains(barcelona, "/a/pre/0/house/") {
		t.Fatalf("Barcelona viewer got the Madrid campaign or no house ad:\n%s", barcelona)
	}
	_, expl := call(t, "GET", base+"/v1/sessions/"+sid+"/decisions", "", "")
	if !strings.Contains(expl, `"avail_id":"pre"`) || !strings.Contains(expl, `"ads":["house"]`) {
		t.Fatalf("decisions of the Barcelona viewer: %s", expl)
	}

	// `adstitch keys create` prints a marketer key that sees only its advertiser.
	marketer := runKeysCreate(t, cfgPath, "--role", "marketer", "--advertiser", adv)
	_, other := call(t, "POST", base+"/v1/advertisers", e2eAdmin, `{"name":"Other Co"}`)
	if code, body := call(t, "GET", base+"/v1/advertisers/"+jsonField(t, other, "id"), marketer, ""); code != 404 {
		t.Fatalf("marketer sees another advertiser: %d %s", code, body)
	}
	if code, body := call(t, "GET", base+"/v1/campaigns", marketer, ""); code != 200 || !strings.Contains(body, "Madrid all day") {
		t.Fatalf("marketer's campaigns = %d %s", code, body)
	}

	// Another instance without a control plane pulls the snapshot.
	engine := decision.NewEngine(decision.NewMemoryCounters())
	kr, _ := session.NewKeyring([]session.Key{{ID: "k1", Secret: []byte(proofSessionKey)}}, "k1", time.Hour)
	cfg, err := configs.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	remote, err := adserver.New(adserver.Deps{Config: cfg, Keyring: kr, Log: log, Engine: engine})
	if err != nil {
		t.Fatal(err)
	}
	defer remote.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go followRemoteSnapshots(ctx, base, e2eService, remote, log)
	waitFor(t, 10*time.Second, func() bool { s := engine.Snapshot(); return s != nil && s.Len() == 1 })
}

func call(t *testing.T, method, url, key, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func jsonField(t *testing.T, body, field string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	s, _ := m[field].(string)
	return s
}

func jsonCreativeID(t *testing.T, body string) string {
	t.Helper()
	var c struct {
		Creatives []struct{ ID string } `json:"creatives"`
	}
	if err := json.Unmarshal([]byte(body), &c); err != nil || len(c.Creatives) != 1 {
		t.Fatalf("creatives in %s", body)
	}
	return c.Creatives[0].ID
}

func waitFor(t *testing.T, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// runKeysCreate runs the keys command as the CLI would and returns what it prints.
func runKeysCreate(t *testing.T, cfgPath string, args ...string) string {
	t.Helper()
	r, w, _ := os.Pipe()
	stdout := os.Stdout
	os.Stdout = w
	err := run(append([]string{"keys", "create", "--config", cfgPath}, args...))
	os.Stdout = stdout
	w.Close()
	out, _ := io.ReadAll(r)
	if err != nil {
		t.Fatalf("keys create: %v", err)
	}
	key := strings.TrimSpace(string(out))
	if !strings.HasPrefix(key, "ask_") {
		t.Fatalf("keys create printed %q", key)
	}
	return key
}

// serveYAML writes yaml as dir/adstitch.yaml and runs serve on it in
// process until the test ends; it returns the config path and the base
// URL once /healthz answers.
func serveYAML(t *testing.T, dir, listen, yaml string) (cfgPath, base string) {
	t.Helper()
	cfgPath = filepath.Join(dir, "adstitch.yaml")
	if err := os.WriteFile(cfgPath, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := configs.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	go func() { done <- serve(ctx, cfg, log, serveOptions{}, nil) }()
	t.Cleanup(func() { cancel(); <-done })
	base = "http://" + listen
	waitFor(t, 20*time.Second, func() bool { c, _ := call(t, "GET", base+"/healthz", "", ""); return c == 200 })
	return cfgPath, base
}
