package vast

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse feeds Parse documents seeded from parseCases, badDocuments and
// Write's own output: it must never panic, and what it accepts must hold
// together well enough for Fetch to use.
func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		data, err := os.ReadFile(filepath.Join("testdata", "vast", tc.file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tc := range badDocuments {
		f.Add([]byte(tc.doc))
	}
	for _, tc := range writeCases {
		var buf bytes.Buffer
		if err := Write(&buf, tc.pod); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(data)
		if err != nil {
			if !errors.Is(err, ErrBadVAST) {
				t.Fatalf("error does not wrap ErrBadVAST: %v", err)
			}
			return
		}
		for i := range doc.Ads {
			ad := &doc.Ads[i]
			if ad.Wrapper != (ad.AdTagURI != "") {
				t.Fatalf("ad %d: Wrapper %v with AdTagURI %q", i, ad.Wrapper, ad.AdTagURI)
			}
			for _, u := range append(append([]string{}, ad.Impressions...), ad.Errors...) {
				if u == "" || u != strings.TrimSpace(u) {
					t.Fatalf("ad %d: untrimmed or empty URL %q", i, u)
				}
			}
			for _, c := range ad.Creatives {
				if c.Linear != nil && c.Linear.Duration < 0 {
					t.Fatalf("ad %d: negative duration %v", i, c.Linear.Duration)
				}
			}
			if !ad.Wrapper {
				if out, reason := inlineAd(ad); reason == usable && (out.HLS == "" || out.Duration <= 0) {
					t.Fatalf("ad %d: usable without HLS or duration: %+v", i, out)
				}
			}
		}
	})
}

// FuzzExpand checks Expand never panics, leaves templates without macros
// alone, and inserts values percent-encoded and intact.
func FuzzExpand(f *testing.F) {
	for _, tc := range expandCases {
		f.Add(tc.template, tc.macros["SESSION"]+tc.macros["CITY"]+tc.macros["X"])
	}
	f.Fuzz(func(t *testing.T, template, value string) {
		m := Macros{"SESSION": value, "CITY": value, "X": value}
		if got := Expand(template, m); !strings.ContainsAny(template, "[$") && got != template {
			t.Fatalf("Expand(%q) = %q without macros", template, got)
		}
		esc := Expand("[X]", m)
		for i := 0; i < len(esc); i++ {
			c := esc[i]
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("-._~%", c) >= 0) {
				t.Fatalf("value %q inserted with %q unescaped: %q", value, c, esc)
			}
		}
		if back, err := url.PathUnescape(esc); err != nil || back != value {
			t.Fatalf("value %q escaped as %q unescapes to %q, %v", value, esc, back, err)
		}
	})
}

// FuzzWriteParse writes a one-ad pod from fuzzed values: Write either
// refuses it with ErrInvalidPod or produces a document Parse reads back
// to the same values.
func FuzzWriteParse(f *testing.F) {
	f.Add("Spot a", "https://cdn.example.com/a/master.m3u8", "https://t.example.com/i?a=1&b=2", "start", int64(30000))
	f.Add(`Fish & "Chips" ]]> <x>`, "http://[::1]:8/a.m3u8?x=]]>", "about:blank", "progress@50%", int64(1))
	f.Add("", "https://a/\u00e9", "https://t/[CACHEBUSTING]", "complete", int64(86_399_999))
	f.Fuzz(func(t *testing.T, title, media, imp, event string, ms int64) {
		pod := Pod{AdServingID: "fz", Ads: []Ad{{
			ID: title, AdTitle: title, Advertiser: title, CreativeID: title,
			Duration:   time.Duration(ms) * time.Millisecond,
			MediaURL:   media,
			Impression: []string{imp},
			Tracking:   map[string][]string{event: {imp}},
		}}}
		var buf bytes.Buffer
		if err := Write(&buf, pod); err != nil {
			if !errors.Is(err, ErrInvalidPod) {
				t.Fatalf("Write error does not wrap ErrInvalidPod: %v", err)
			}
			if buf.Len() != 0 {
				t.Fatal("Write wrote output and failed")
			}
			return
		}
		if !utf8.Valid(buf.Bytes()) {
			t.Fatalf("output is not UTF-8")
		}
		doc, err := Parse(buf.Bytes())
		if err != nil {
			t.Fatalf("Parse(Write(pod)): %v\n%s", err, buf.Bytes())
		}
		checkRoundTrip(t, pod, doc)
	})
}
