//go:build unix

package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The measurement proof's fixed identities.
const (
	proofStream     = "show"
	proofAd         = "house" // the fill ad; reports call its campaign "house" too
	proofAnalystKey = "analyst-key-0123456789"
	proofSessionKey = "0123456789abcdef0123456789abcdef"
)

// proofOrigin serves a 40 s VOD and a 10 s house ad so the config
// validates and sessions can start; beacons never touch it.
func proofOrigin(t *testing.T) *httptest.Server {
	t.Helper()
	const master = "#EXTM3U\n" +
		"#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS=\"avc1.64001f,mp4a.40.2\",RESOLUTION=640x360\n360p.m3u8\n"
	var show strings.Builder
	show.WriteString("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n")
	for i := range 10 {
		fmt.Fprintf(&show, "#EXTINF:4.000,\nseg%d.ts\n", i)
	}
	show.WriteString("#EXT-X-ENDLIST\n")
	files := map[string]string{
		"/show/master.m3u8": master,
		"/show/360p.m3u8":   show.String(),
		"/ad/master.m3u8":   master,
		"/ad/360p.m3u8": "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n" +
			"#EXTINF:4,\na0.ts\n#EXTINF:4,\na1.ts\n#EXTINF:2,\na2.ts\n#EXT-X-ENDLIST\n",
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// freeAddr returns a loopback address nothing listens on right now; serve
// keeps it across restarts.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// proofPaths are where the proof's processes keep their state.
type proofPaths struct {
	dir, config, dataDir, spool, eventsDB string
}

func newProofPaths(dir string) proofPaths {
	data := filepath.Join(dir, "data")
	return proofPaths{
		dir:      dir,
		config:   filepath.Join(dir, "adstitch.yaml"),
		dataDir:  data,
		spool:    filepath.Join(data, "spool"),
		eventsDB: filepath.Join(dir, "events.db"),
	}
}

// writeProofConfig writes the YAML both `serve` and `load` read: events
// spool to Kafka, the loader inserts into SQLite in batches of batchSize.
func writeProofConfig(t *testing.T, p proofPaths, listen, origin string, brokers []string, batchSize int) {
	t.Helper()
	u, err := url.Parse(origin)
	if err != nil {
		t.Fatal(err)
	}
	yaml := fmt.Sprintf(`listen: %s
data_dir: %q
streams:
  - {id: %s, origin: %q, kind: vod, breaks: [preroll, 20s], break_duration: 12s}
fill:
  - {id: %s, hls: %q}
origins_allow: [%q]
sessions:
  keys: [{id: k1, secret: %q}]
api_keys: [{key: %q, role: analyst}]
events:
  spool: {dir: %q}
  sqlite: {path: %q}
  kafka:
    brokers: [%s]
    batch_size: %d
    batch_wait: 500ms
log: {level: warn, format: text}
`, listen, p.dataDir, proofStream, origin+"/show/master.m3u8", proofAd, origin+"/ad/master.m3u8", u.Host,
		proofSessionKey, proofAnalystKey, p.spool, p.eventsDB, quoteList(brokers), batchSize)
	if err := os.WriteFile(p.config, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
