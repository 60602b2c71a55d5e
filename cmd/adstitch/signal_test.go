package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The first SIGTERM drains requests in flight; a second one ends the
// process at once instead of waiting for them.
func TestSecondSignalExitsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the adstitch binary")
	}
	const hold = 6 * time.Second // how long the origin keeps the request in flight (the origin waits it out at cleanup)
	started := make(chan struct{}, 4)
	origin := slowOrigin(t, hold, started)
	dir := t.TempDir()
	listen := freeAddr(t)
	cfg := fmt.Sprintf(`listen: %s
data_dir: %s
streams:
  - {id: slow, origin: %[3]s/slow/0/show/master.m3u8, kind: vod, breaks: [preroll], break_duration: 12s}
fill:
  - {id: %[4]s, hls: %[3]s/ad/master.m3u8}
origins_allow: [%[5]s]
origin: {timeout: 30s} # the slow fetch is not cut short: only the second signal ends the drain
sessions: {keys: [{id: k1, secret: %[6]s}]}
log: {level: warn}
`, listen, filepath.Join(dir, "var"), origin.URL, proofAd, strings.TrimPrefix(origin.URL, "http://"), proofSessionKey)
	cfgPath := filepath.Join(dir, "adstitch.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := buildAdstitch(t, dir)
	base := "http://" + listen
	c := startChild(t, bin, "serve", filepath.Join(dir, "serve.log"), "serve", "--config", cfgPath)
	waitHealthy(t, c, base, 30*time.Second)

	go func() {
		client := &http.Client{Timeout: 2 * hold}
		if resp, err := client.Get(base + "/v1/master/slow.m3u8?viewer_id=v"); err == nil {
			resp.Body.Close()
		}
	}()
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the request did not reach the origin")
	}
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.done:
		t.Fatal("serve exited on the first signal with a request in flight")
	case <-time.After(500 * time.Millisecond): // draining
	}
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.done:
	case <-time.After(2 * time.Second):
		t.Fatalf("serve still running 2 s after a second signal (the request in flight holds for %v)", hold)
	}
}
