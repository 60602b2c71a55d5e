package adserver

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adstitch/adstitch/adserver/geo"
	"github.com/adstitch/adstitch/adserver/geo/geotest"
)

// A service passes the viewer's address; the city from the GeoIP2 City
// database travels in the token to the beacons.
func TestSessionGeoFromViewerIP(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	path := filepath.Join(t.TempDir(), "city.mmdb")
	if err := geotest.WriteCityDB(path, geotest.Sample(), geotest.SchemaGeoIP2City); err != nil {
		t.Fatal(err)
	}
	db, err := geo.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ts := startServerWith(t, o, "", func(d *Deps) { d.Geo = db })
	code, body := post(t, ts.url+"/v1/sessions", `{"stream":"show","viewer_id":"v1","ip":"198.51.100.7"}`,
		map[string]string{"Authorization": "Bearer service-key-0123456789"})
	if code != http.StatusCreated {
		t.Fatalf("= %d %s", code, body)
	}
	s := decodeSession(t, body)
	_, _, pl := get(t, mediaURL(t, ts, s.ManifestURL))
	seg := firstLine(pl, "/a/pre/0/house/")
	if code, _, _ := get(t, ts.url+seg); code != 200 {
		t.Fatalf("ad segment = %d", code)
	}
	e := ts.rec.events[len(ts.rec.events)-1]
	if e.City != "Madrid" || e.Country != "ES" || e.UTCOffset == 0 {
		t.Fatalf("event geo = %q %q offset %d, want Madrid ES with the Europe/Madrid offset", e.City, e.Country, e.UTCOffset)
	}
}

// In redirect mode the beacon is recorded and the player is sent to the CDN.
func TestAdSegmentRedirectToCDN(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServer(t, o, "ad_segments: {mode: redirect, cdn_prefix: \"https://cdn.example.com/edge\"}\n")
	s := newSession(t, ts, `{"stream":"show"}`)
	_, _, pl := get(t, mediaURL(t, ts, s.ManifestURL))
	seg := firstLine(pl, "/a/pre/0/house/")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(ts.url + seg)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "https://cdn.example.com/edge/ad/a0.ts" {
		t.Fatalf("= %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := strings.Join(ts.rec.types(), ","); got != "impression,start,firstQuartile" { // 4 s of 10 s passes 25 %
		t.Fatalf("beacons %s", got)
	}
}

func firstLine(body, contains string) string {
	for _, l := range strings.Split(body, "\n") {
		if strings.Contains(l, contains) {
			return l
		}
	}
	return ""
}
