//go:build !race

package variants

import "testing"

// The decision path's calls allocate nothing on a hit (Ready, Touch) and
// only the result string for Key.
func TestHotPathAllocs(t *testing.T) {
	s := newService(t, Config{})
	start(t, s)
	id := s.Ensure(req(1, writeLadder(1))).ID
	waitStatus(t, s, id, StatusReady)
	miss := key(2)
	var sink Variant
	for _, tc := range []struct {
		name string
		max  float64
		fn   func()
	}{
		{"Ready hit", 0, func() { sink, _ = s.Ready(id) }},
		{"Ready miss", 0, func() { sink, _ = s.Ready(miss) }},
		{"Touch", 0, func() { s.Touch(id) }},
		{"Ensure ready", 0, func() { sink = s.Ensure(Request{Key: id}) }},
		{"Key", 1, func() { _ = Key("creative-1", "city=Madrid", "greeting=morning", "ladder") }},
	} {
		if got := testing.AllocsPerRun(1000, tc.fn); got > tc.max {
			t.Errorf("%s: %.1f allocs, want <= %.0f", tc.name, got, tc.max)
		}
	}
	_ = sink
}
