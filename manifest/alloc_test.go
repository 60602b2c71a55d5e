//go:build !race

package manifest

import "testing"

// The per-request stitch must not allocate once the origin playlist is compiled.
func TestStitchDoesNotAllocate(t *testing.T) {
	tm, p := benchLive(t)
	dst := make([]byte, 0, 64<<10)
	allocs := testing.AllocsPerRun(100, func() {
		dst = tm.Append(dst[:0], p)
	})
	if allocs != 0 {
		t.Fatalf("Append allocates %.1f times per request, want 0", allocs)
	}
}
