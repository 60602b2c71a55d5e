package configs

import (
	"strings"
	"testing"
	"time"
)

// validateCases: YAML appended to nothing (full documents) and the exact
// validation messages, in order.
var validateCases = []struct {
	name string
	yaml string
	want []string
}{
	{
		name: "stream ids and kinds",
		yaml: `
origins_allow: [origin.test:80]
streams:
  - {id: ok, origin: http://origin.test/a.m3u8, kind: foo}
  - {id: News!, origin: http://origin.test/b.m3u8, kind: live}
  - {id: ok, origin: http://origin.test/c.m3u8, kind: live, breaks: [preroll]}
  - {origin: http://origin.test/d.m3u8}
`,
		want: []string{
			`streams[0].kind: must be "vod" or "live", got "foo"`,
			`streams[1].id: must match [a-z0-9-]+, got "News!"`,
			`streams[2].id: duplicate "ok" (also streams[0].id)`,
			`streams[2].breaks: a schedule is only valid for kind "vod"`,
			`streams[3].id: required`,
			`streams[3].kind: required ("vod" or "live")`,
		},
	},
	{
		name: "urls and origins_allow",
		yaml: `
origins_allow: [origin.test:80, "[::1]:9000", nope, "host:http"]
streams:
  - {id: a, origin: http://evil/a.m3u8, kind: live}
  - {id: b, origin: https://ORIGIN.test/b.m3u8, kind: live}
  - {id: c, origin: "http://[::1]:9000/c.m3u8", kind: live}
  - {id: d, origin: ftp://origin.test/d.m3u8, kind: live}
  - {id: e, origin: //origin.test/e.m3u8, kind: live}
  - {id: f, kind: live}
  - {id: g, origin: /local/g.m3u8, kind: live}
fill:
  - {id: h, hls: "http://Origin.Test:80/h.m3u8"}
  - {id: h, hls: "not a url"}
slate: {hls: ""}
`,
		want: []string{
			`origins_allow[2]: must be host:port, got "nope"`,
			`origins_allow[3]: must be host:port, got "host:http"`,
			`streams[0].origin: host "evil:80" is not in origins_allow`,
			`streams[1].origin: host "origin.test:443" is not in origins_allow`,
			`streams[3].origin: must be an http(s) URL or a path starting with "/", got "ftp://origin.test/d.m3u8"`,
			`streams[4].origin: must be an http(s) URL or a path starting with "/", got "//origin.test/e.m3u8"`,
			`streams[5].origin: required`,
			`streams[6].origin: host "127.0.0.1:8080" is not in origins_allow`,
			`fill[1].id: duplicate "h" (also fill[0].id)`,
			`fill[1].hls: must be an http(s) URL or a path starting with "/", got "not a url"`,
			`slate.hls: required`,
		},
	},
	{
		name: "vod schedule",
		yaml: `
origins_allow: [origin.test:80]
streams:
  - id: m
    origin: http://origin.test/m.m3u8
    kind: vod
    breaks: [preroll, 30s, "0", -5s, "00:00:30", postroll, preroll]
    break_duration: -1s
`,
		want: []string{
			`streams[0].breaks[2]: offset must be positive (use preroll for the start), got 0s`,
			`streams[0].breaks[3]: offset must be positive (use preroll for the start), got -5s`,
			`streams[0].breaks[4]: duplicate of streams[0].breaks[1] (30s)`,
			`streams[0].breaks[6]: duplicate of streams[0].breaks[0] (preroll)`,
			`streams[0].break_duration: must be positive`,
		},
	},
	{
		name: "server",
		yaml: `
listen: "8080"
public_url: http://ads.test/x?y=1
data_dir: ./var
`,
		want: []string{
			`listen: must be host:port, got "8080"`,
			`public_url: must not have a query or fragment, got "http://ads.test/x?y=1"`,
		},
	},
	{
		name: "shutdown delay too long",
		yaml: `
shutdown_delay: 2m
`,
		want: []string{`shutdown_delay: must be 0 to 1m0s, got 2m0s`},
	},
	{
		name: "negative shutdown delay",
		yaml: `
shutdown_delay: -1s
`,
		want: []string{`shutdown_delay: must be 0 to 1m0s, got -1s`},
	},
	{
		name: "listen host and public_url scheme",
		yaml: `
listen: "bad host:80"
public_url: ads.test
`,
		want: []string{
			`listen: invalid host "bad host"`,
			`public_url: must be an absolute http(s) URL, got "ads.test"`,
		},
	},
	{
		name: "options",
		yaml: `
origin: {timeout: -1s, max_playlist_bytes: -1, stale_for: -1, vod_ttl: -2}
sessions:
  keys:
    - {id: k1, secret: short}
    - {id: "bad id", secret: 0123456789abcdef0123456789abcdef}
    - {id: k1, secret: 0123456789abcdef0123456789abcdef}
    - {id: way-too-long-key-id, secret: 0123456789abcdef0123456789abcdef}
  active: k9
  ttl: -1h
ad_segments: {mode: redirect}
api_keys:
  - {key: short, role: root}
  - {key: 0123456789abcdef, role: admin}
  - {key: 0123456789abcdef, role: service}
log: {level: verbose, format: xml}
`,
		want: []string{
			`origin.timeout: must be positive`,
			`origin.max_playlist_bytes: must be positive`,
			`origin.stale_for: must be positive`,
			`origin.vod_ttl: must be positive`,
			`sessions.keys[0].secret: must be at least 32 bytes, got 5`,
			`sessions.keys[1].id: must be 1 to 16 characters of [A-Za-z0-9_-], got "bad id"`,
			`sessions.keys[2].id: duplicate "k1" (also sessions.keys[0])`,
			`sessions.keys[3].id: must be 1 to 16 characters of [A-Za-z0-9_-], got "way-too-long-key-id"`,
			`sessions.active: "k9" is not the id of a key in sessions.keys`,
			`sessions.ttl: must be positive`,
			`ad_segments.cdn_prefix: required for mode "redirect"`,
			`api_keys[0].key: must be at least 16 characters, got 5`,
			`api_keys[0].role: must be "admin", "service" or "analyst", got "root"`,
			`api_keys[2].key: duplicate of api_keys[1].key`,
			`log.level: must be debug, info, warn or error, got "verbose"`,
			`log.format: must be json or text, got "xml"`,
		},
	},
	{
		name: "ad segment mode",
		yaml: `ad_segments: {mode: cache, cdn_prefix: cdn.test/ads}`,
		want: []string{
			`ad_segments.mode: must be "proxy" or "redirect", got "cache"`,
			`ad_segments.cdn_prefix: must be an absolute http(s) URL, got "cdn.test/ads"`,
		},
	},
	{
		name: "long id",
		yaml: "fill: [{id: " + strings.Repeat("a", 65) + ", hls: /x}]\ndemo: true\n",
		want: []string{`fill[0].id: must be at most 64 bytes, got 65`},
	},
}

func TestValidateMessages(t *testing.T) {
	for _, tc := range validateCases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse([]byte(tc.yaml), "t.yaml", noEnv)
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(strings.TrimPrefix(err.Error(), "config t.yaml: "), "\n")
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestValidConfigs(t *testing.T) {
	for name, doc := range map[string]string{
		"minimal": minimalYAML,
		"redirect with https origin": `
origins_allow: [cdn.test:443]
streams: [{id: a, origin: https://cdn.test/a.m3u8, kind: vod, breaks: ["1:00:00", 90, postroll]}]
ad_segments: {mode: redirect, cdn_prefix: https://cdn.test/ads/}
sessions: {keys: [{id: k_2, secret: 0123456789abcdef0123456789abcdef}]}
api_keys: [{key: 0123456789abcdef, role: service}]
log: {level: debug, format: text}
`,
		"path origin allowed explicitly": "public_url: https://ads.test/ssai/\norigins_allow: [ads.test:443]\nslate: {hls: /slate.m3u8}\n",
		"ipv6 listen":                    "listen: '[::]:8080'\ndemo: true\nfill: [{id: a, hls: /a.m3u8}]\n",
	} {
		t.Run(name, func(t *testing.T) {
			c, err := parse([]byte(doc), "t.yaml", noEnv)
			if err != nil {
				t.Fatal(err)
			}
			switch name {
			case "redirect with https origin":
				if c.Sessions.Active != "k_2" || c.Streams[0].Breaks[0].Offset != time.Hour || c.Streams[0].Breaks[1].Offset != 90*time.Second {
					t.Fatalf("got %+v %+v", c.Sessions, c.Streams[0].Breaks)
				}
			case "path origin allowed explicitly":
				if c.Slate.HLS != "https://ads.test/ssai/slate.m3u8" {
					t.Fatalf("slate resolved to %q", c.Slate.HLS)
				}
			case "ipv6 listen":
				if c.Fill[0].HLS != "http://[::1]:8080/a.m3u8" || c.OriginsAllow[0] != "[::1]:8080" {
					t.Fatalf("got %q %q", c.Fill[0].HLS, c.OriginsAllow)
				}
			}
		})
	}
}

// TestValidateProgrammatic: a Config built in code with path URLs validates
// like a parsed one, and a zero BreakKind is caught.
func TestValidateProgrammatic(t *testing.T) {
	c := Default()
	c.Streams[0].Origin = "/origin/vod/master.m3u8"
	c.Streams[0].Breaks = append(c.Streams[0].Breaks, BreakSpec{}, BreakSpec{Kind: Preroll, Offset: time.Second})
	err := c.Validate()
	want := "streams[0].breaks[3]: invalid break kind 0\nstreams[0].breaks[4]: preroll takes no offset"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}
