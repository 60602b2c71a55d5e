package vast

import (
	"bytes"
	"io"
	"testing"
	"time"
)

func BenchmarkWrite(b *testing.B) {
	pod := Pod{AdServingID: "bench", Ads: []Ad{spot("a", 15*time.Second), spot("b", 10*time.Second), spot("c", 5*time.Second)}}
	var buf bytes.Buffer
	if err := Write(&buf, pod); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, pod); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	data := readSample(b, "vast42-inline.xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExpand(b *testing.B) {
	const tmpl = "https://ads.example.com/vast?s=[SESSION]&v=[VIEWER]&city=[CITY]&d=[DURATION]&cb=[CACHEBUSTING]&e=[ERRORCODE]"
	m := Macros{"SESSION": "5f0c2a", "VIEWER": "v-19", "CITY": "São Paulo", "DURATION": "30", "CACHEBUSTING": "12345678"}
	b.ReportAllocs()
	for b.Loop() {
		_ = Expand(tmpl, m)
	}
}
