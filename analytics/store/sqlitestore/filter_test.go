package sqlitestore

import (
	"strconv"
	"testing"
)

// TestIDFilter checks the filter never forgets an id, across the parts it
// grows, and keeps false positives near 0.1%.
func TestIDFilter(t *testing.T) {
	f := &idFilter{}
	const n = 3 * filterMinIDs // three parts
	for i := range n {
		f.add(uint64(eventKey([]byte("id-" + strconv.Itoa(i)))))
	}
	if len(f.parts) != 2 {
		t.Fatalf("%d parts for %d ids, want 2", len(f.parts), n)
	}
	for i := range n {
		if !f.mayHold(uint64(eventKey("id-" + strconv.Itoa(i)))) {
			t.Fatalf("id-%d forgotten", i)
		}
	}
	positives := 0
	const probes = 100000
	for i := range probes {
		if f.mayHold(uint64(eventKey("other-" + strconv.Itoa(i)))) {
			positives++
		}
	}
	rate := float64(positives) / probes
	t.Logf("false positive rate %.4f", rate)
	if rate > 0.005 {
		t.Fatalf("false positive rate %.4f, want about 0.001", rate)
	}
}
