package origin

import (
	"context"
	"strconv"
	"testing"
)

// BenchmarkGetHit measures the hot path: many goroutines reading fresh
// entries spread over a realistic number of URLs.
func BenchmarkGetHit(b *testing.B) {
	o := newOrigin(b)
	const urls = 64
	keys := make([]string, urls)
	for i := range keys {
		path := "/live/" + strconv.Itoa(i) + ".m3u8"
		o.handle(path, serveBody(playlist))
		keys[i] = o.URL + path
	}
	c := newTestCache(b, o, nil, nil)
	ctx := context.Background()
	for _, k := range keys {
		if _, err := c.Get(ctx, k); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := c.Get(ctx, keys[i%urls]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}
