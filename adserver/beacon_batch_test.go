package adserver

import (
	"strings"
	"sync"
	"testing"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/manifest"
)

// batchRecorder keeps each batch the server records.
type batchRecorder struct {
	mu      sync.Mutex
	batches [][]analytics.EventType
}

func (b *batchRecorder) Record(e analytics.Event) error {
	return b.RecordBatch([]analytics.Event{e})
}

func (b *batchRecorder) RecordBatch(es []analytics.Event) error {
	var types []analytics.EventType
	for _, e := range es {
		types = append(types, e.Type)
	}
	b.mu.Lock()
	b.batches = append(b.batches, types)
	b.mu.Unlock()
	return nil
}

// Every beacon an ad segment fetch crosses is recorded in one batch: the
// player waits for one spool write, and they count all or none.
func TestAdSegmentBeaconsRecordedTogether(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	rec := &batchRecorder{}
	ts := startServerWith(t, o, "", func(d *Deps) { d.Recorder = rec })
	s := newSession(t, ts, `{"stream":"show","viewer_id":"v-batch","device":"tv"}`)
	_, _, body := get(t, mediaURL(t, ts, s.ManifestURL))
	m, err := manifest.ParseMedia([]byte(body), ts.url+"/x")
	if err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	rec.batches = nil // session start and avails
	rec.mu.Unlock()
	// The 10 s house ad is 4 + 4 + 2 s.
	want := [][]analytics.EventType{
		{analytics.Impression, analytics.Start, analytics.FirstQuartile},
		{analytics.Midpoint, analytics.ThirdQuartile},
		{analytics.Complete},
	}
	n := 0
	for _, seg := range m.Segments {
		if !strings.Contains(seg.URI, "/a/pre/0/house/") {
			continue
		}
		if code, _, b := get(t, seg.URI); code != 200 {
			t.Fatalf("%s = %d %s", seg.URI, code, b)
		}
		n++
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if n != len(want) || len(rec.batches) != len(want) {
		t.Fatalf("%d segments fetched, batches %v, want %v", n, rec.batches, want)
	}
	for i := range want {
		if strings.Join(typeNames(rec.batches[i]), ",") != strings.Join(typeNames(want[i]), ",") {
			t.Fatalf("segment %d recorded %v, want %v", i, rec.batches[i], want[i])
		}
	}
}

func typeNames(ts []analytics.EventType) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t)
	}
	return out
}
