package configs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// minimalYAML is the smallest valid non-demo config; tests append to it.
const minimalYAML = `
origins_allow: [origin.test:80]
streams:
  - {id: s1, origin: http://origin.test/s1/master.m3u8, kind: live}
`

func TestDefault(t *testing.T) {
	base := "http://127.0.0.1:8080/origin/"
	thirty := Duration(30 * time.Second)
	want := &Config{
		Listen:    "127.0.0.1:8080",
		PublicURL: "http://127.0.0.1:8080",
		DataDir:   "./var",
		Demo:      true,
		Streams: []Stream{
			{ID: "vod", Origin: base + "vod/master.m3u8", Kind: KindVOD,
				Breaks:        []BreakSpec{{Kind: Preroll}, {Kind: Midroll, Offset: 30 * time.Second}, {Kind: Postroll}},
				BreakDuration: thirty},
			{ID: "live", Origin: base + "live/master.m3u8", Kind: KindLive, BreakDuration: thirty},
			{ID: "live-daterange", Origin: base + "live/master.m3u8?cue=daterange", Kind: KindLive, BreakDuration: thirty},
			{ID: "live-oatcls", Origin: base + "live/master.m3u8?cue=oatcls", Kind: KindLive, BreakDuration: thirty},
		},
		Fill: []FillAd{
			{ID: "house-10s", HLS: base + "ads/house-10s/master.m3u8"},
			{ID: "house-15s", HLS: base + "ads/house-15s/master.m3u8"},
			{ID: "house-20s", HLS: base + "ads/house-20s/master.m3u8"},
		},
		Slate:        &Slate{HLS: base + "slate/master.m3u8"},
		OriginsAllow: []string{"127.0.0.1:8080"},
		Origin:       OriginOptions{Timeout: DefaultOriginTimeout, MaxPlaylistBytes: 2097152, StaleFor: DefaultStaleFor, VODTTL: DefaultVODTTL},
		Sessions:     SessionOptions{TTL: DefaultSessionTTL},
		AdSegments:   AdSegmentOptions{Mode: AdSegmentsProxy},
		Log:          LogOptions{Level: "info", Format: "json"},
		Events: EventOptions{Spool: SpoolOptions{Dir: "var/spool", MaxBytes: DefaultSpoolMaxBytes},
			SQLite: SQLiteOptions{Path: "var/events.db"}},
		Variants: defaultVariants("var/variants", "http://127.0.0.1:8080/v1/variants/"),
	}
	if got := Default(); !reflect.DeepEqual(got, want) {
		out, _ := yaml.Marshal(got)
		t.Fatalf("Default() is\n%s", out)
	}
}

// TestLoadDefaultFollowsListen: Load("") applies the environment, and the
// demo paths follow the listen address.
func TestLoadDefaultFollowsListen(t *testing.T) {
	t.Setenv("ADSTITCH_LISTEN", "0.0.0.0:9090")
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if c.PublicURL != "http://127.0.0.1:9090" || c.Slate.HLS != "http://127.0.0.1:9090/origin/slate/master.m3u8" ||
		!reflect.DeepEqual(c.OriginsAllow, []string{"127.0.0.1:9090"}) {
		t.Fatalf("got public_url %q, slate %q, origins_allow %q", c.PublicURL, c.Slate.HLS, c.OriginsAllow)
	}
}

func TestLoadExample(t *testing.T) {
	c, err := parseFile(t, "example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Listen:    "127.0.0.1:8080",
		PublicURL: "http://127.0.0.1:8080",
		DataDir:   "./var",
		GeoIP:     "./GeoIP2-City.mmdb",
		Streams: []Stream{
			{ID: "news", Origin: "http://127.0.0.1:9000/news/master.m3u8", Kind: KindLive, BreakDuration: Duration(30 * time.Second), Genre: "news"},
			{ID: "movie", Origin: "http://127.0.0.1:9000/movie/master.m3u8", Kind: KindVOD,
				Breaks:        []BreakSpec{{Kind: Preroll}, {Kind: Midroll, Offset: 30 * time.Second}, {Kind: Postroll}},
				BreakDuration: Duration(30 * time.Second)},
		},
		Fill:         []FillAd{{ID: "house1", HLS: "http://127.0.0.1:9000/house/master.m3u8"}},
		Slate:        &Slate{HLS: "http://127.0.0.1:9000/slate/master.m3u8"},
		OriginsAllow: []string{"127.0.0.1:9000"},
		Origin:       OriginOptions{Timeout: DefaultOriginTimeout, MaxPlaylistBytes: 2097152, StaleFor: DefaultStaleFor, VODTTL: DefaultVODTTL},
		Sessions:     SessionOptions{TTL: DefaultSessionTTL},
		AdSegments:   AdSegmentOptions{Mode: AdSegmentsProxy},
		Log:          LogOptions{Level: "info", Format: "json"},
		Events: EventOptions{Spool: SpoolOptions{Dir: "./var/spool", MaxBytes: DefaultSpoolMaxBytes},
			SQLite: SQLiteOptions{Path: "./var/events.db"}},
		Variants: defaultVariants("./var/variants", "http://127.0.0.1:8080/v1/variants/"),
	}
	if !reflect.DeepEqual(c, want) {
		got, _ := yaml.Marshal(c)
		t.Fatalf("example.yaml loaded as\n%s", got)
	}
}

// TestExampleDocumentsEveryKey keeps example.yaml in step with Config: every
// yaml key appears in it, set or commented out.
func TestExampleDocumentsEveryKey(t *testing.T) {
	data, err := os.ReadFile("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range yamlKeys(reflect.TypeFor[Config]()) {
		if !strings.Contains(string(data), key+":") {
			t.Errorf("example.yaml does not document %q", key)
		}
	}
}

func yamlKeys(t reflect.Type) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		keys = append(keys, tag)
		ft := t.Field(i).Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[BreakSpec]() {
			keys = append(keys, yamlKeys(ft)...)
		}
	}
	return keys
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "read config: open ") {
		t.Fatalf("got %v", err)
	}
}

func TestUnknownKeyNamesLine(t *testing.T) {
	_, err := parse([]byte(minimalYAML+"origin:\n  timeout: 1s\n  timout: 2s\n"), "t.yaml", noEnv)
	if err == nil || !strings.Contains(err.Error(), "line 7: field timout not found in type configs.OriginOptions") ||
		!strings.HasPrefix(err.Error(), "config t.yaml: yaml: ") {
		t.Fatalf("got %v", err)
	}
}

// decodeCases are YAML documents that must not decode; the error must
// contain msg. They also seed FuzzParse.
var decodeCases = []struct {
	name, yaml, msg string
}{
	{"unknown top-level key", "listen: a:1\nlisten_addr: b\n", "line 2: field listen_addr not found in type configs.Config"},
	{"unknown stream key", "streams:\n  - id: a\n    orign: x\n", "line 3: field orign not found in type configs.Stream"},
	{"bad duration", "origin:\n  timeout: fast\n", `line 2: invalid duration "fast": want 30s, 1m30s or a number of seconds`},
	{"duration list", "sessions:\n  ttl: [1s]\n", "line 2: a duration must be a scalar like 30s"},
	{"bad break", "streams:\n  - breaks: [preroll, soon]\n", `line 2: invalid break "soon": want preroll, postroll or an offset like 30s, 90 or 00:01:30`},
	{"bad clock", "streams:\n  - breaks: ['00:61:00']\n", `line 2: invalid break "00:61:00": want hh:mm:ss with minutes and seconds below 60`},
	{"break map", "streams:\n  - breaks: [{at: 1}]\n", "line 2: a break must be a scalar like preroll, 30s or postroll"},
	{"wrong type", "demo: maybe\n", "line 1: cannot unmarshal !!str `maybe` into bool"},
	{"streams not a list", "streams: vod\n", "line 1: cannot unmarshal !!str `vod` into []configs.Stream"},
	{"syntax", "listen: [\n", "did not find expected node content"},
	{"two documents", "listen: a:1\n---\nlisten: b:2\n", "yaml: line 2: only one document is allowed"},
	{"unquoted ? in flow map", "slate: {hls: /a?b=1}\n", "did not find expected ',' or '}'"},
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range decodeCases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse([]byte(tc.yaml), "t.yaml", noEnv)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("got %v\nwant it to contain %q", err, tc.msg)
			}
		})
	}
}

func TestEmptyDocumentNeedsNothing(t *testing.T) {
	for _, doc := range []string{"", "\n", "# nothing\n", "---\n"} {
		c, err := parse([]byte(doc), "t.yaml", noEnv)
		if err != nil {
			t.Fatalf("%q: %v", doc, err)
		}
		if c.Listen != DefaultListen || len(c.Streams) != 0 {
			t.Fatalf("%q: got %+v", doc, c)
		}
	}
}

// TestMarshalRoundTrip: a loaded config written back as YAML loads to the
// same value (Duration and BreakSpec marshal as they parse).
func TestMarshalRoundTrip(t *testing.T) {
	for _, name := range []string{"default.yaml", "example.yaml"} {
		c, err := parseFile(t, name)
		if err != nil {
			t.Fatal(err)
		}
		out, err := yaml.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		again, err := parse(out, name+" marshaled", noEnv)
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		if !reflect.DeepEqual(normalize(c), normalize(again)) {
			t.Fatalf("%s: round trip differs:\n%s", name, out)
		}
	}
}

// defaultVariants is VariantOptions with every default and dir, prefix.
func defaultVariants(dir, prefix string) VariantOptions {
	return VariantOptions{Dir: dir, URLPrefix: prefix, MaxBytes: DefaultVariantMaxBytes, MaxUploadBytes: DefaultMaxUploadBytes,
		Concurrency: 1, RenderTimeout: DefaultRenderTimeout, PrerenderLimit: DefaultPrerenderLimit,
		MinSpotDuration: DefaultMinSpotDuration, MaxSpotDuration: DefaultMaxSpotDuration}
}

// normalize makes nil and empty slices compare equal.
func normalize(c *Config) *Config {
	n := *c
	n.Streams = append([]Stream{}, c.Streams...)
	for i := range n.Streams {
		if len(n.Streams[i].Breaks) == 0 {
			n.Streams[i].Breaks = nil
		}
	}
	if len(n.APIKeys) == 0 {
		n.APIKeys = nil
	}
	if len(n.Sessions.Keys) == 0 {
		n.Sessions.Keys = nil
	}
	if len(n.Variants.FontDirs) == 0 {
		n.Variants.FontDirs = nil
	}
	return &n
}

func parseFile(t *testing.T, name string) (*Config, error) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return parse(data, name, noEnv)
}
