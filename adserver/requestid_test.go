package adserver

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/valyala/fasthttp"
)

// saneIDCases drive TestSaneRequestID and seed FuzzSaneRequestID.
var saneIDCases = []struct {
	id   string
	sane bool
}{
	{"abc", true},
	{"0f8fad5b-d9cb-469f-a165-70867728950e", true},
	{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", true},
	{"Root=1-67891233-abcdef012345678912345678", true},
	{"a.b_c:d+e/f=", true},
	{strings.Repeat("x", 128), true},
	{strings.Repeat("x", 129), false},
	{"", false},
	{"has space", false},
	{`quote"d`, false},
	{"new\nline", false},
	{"semi;colon", false},
	{"ünïcode", false},
	{"\x00", false},
}

func TestSaneRequestID(t *testing.T) {
	for _, tc := range saneIDCases {
		if got := saneRequestID([]byte(tc.id)); got != tc.sane {
			t.Errorf("saneRequestID(%q) = %v, want %v", tc.id, got, tc.sane)
		}
	}
}

func FuzzSaneRequestID(f *testing.F) {
	for _, tc := range saneIDCases {
		f.Add([]byte(tc.id))
	}
	f.Fuzz(func(t *testing.T, id []byte) {
		if !saneRequestID(id) {
			return
		}
		// A sane id is safe in a header and a JSON log line as it is.
		if len(id) > maxRequestIDLen || strings.ContainsAny(string(id), " \t\r\n\"\\,;") {
			t.Fatalf("accepted %q", id)
		}
	})
}

func TestRequestIDs(t *testing.T) {
	g := newRequestIDs()
	shape := regexp.MustCompile(`^[0-9a-v]{8}-[0-9a-z]+$`)
	seen := map[string]bool{}
	for range 1000 {
		id := string(g.next(nil))
		if !shape.MatchString(id) || !saneRequestID([]byte(id)) || seen[id] {
			t.Fatalf("id %q: bad shape or repeated", id)
		}
		seen[id] = true
	}
	if other := string(newRequestIDs().next(nil)); strings.HasPrefix(other, g.prefix) {
		t.Errorf("two instances share the prefix %q", g.prefix)
	}
}

// Every answer carries X-Request-Id: the caller's when sane, else a new
// one, errors included.
func TestRequestIDHeader(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServerWith(t, o, "", func(d *Deps) {
		// A mounted handler that resets the whole response, as fasthttp's
		// FS does for a 304.
		d.Mounts = map[string]fasthttp.RequestHandler{"/reset/": func(ctx *fasthttp.RequestCtx) { ctx.NotModified() }}
	})
	for _, tc := range []struct {
		name, path, sent string
		echoed           bool
	}{
		{"kept through a mount's reset", "/reset/x", "", false},
		{"honoured through a mount's reset", "/reset/x", "abc-1", true},
		{"generated", "/healthz", "", false},
		{"generated on 404", "/v2/nope", "", false},
		{"honoured", "/healthz", "req-0f8fad5b.1", true},
		{"honoured on 404", "/v2/nope", "abc:123", true},
		{"insane replaced", "/healthz", "bad id", false},
		{"too long replaced", "/healthz", strings.Repeat("x", 200), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, ts.url+tc.path, nil)
			if tc.sent != "" {
				req.Header.Set("X-Request-Id", tc.sent)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			got := resp.Header.Get("X-Request-Id")
			switch {
			case tc.echoed && got != tc.sent:
				t.Fatalf("X-Request-Id = %q, want %q", got, tc.sent)
			case !tc.echoed && (!strings.HasPrefix(got, ts.srv.reqs.ids.prefix) || got == tc.sent):
				t.Fatalf("X-Request-Id = %q, want a generated one", got)
			}
		})
	}
}
