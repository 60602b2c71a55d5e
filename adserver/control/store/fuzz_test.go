package store

import "testing"

// FuzzCursor: a client-supplied cursor either decodes to a positive row
// number that encodes back to the same token, or is refused.
func FuzzCursor(f *testing.F) {
	for _, s := range []string{"", encodeCursor(1), encodeCursor(1 << 40), "AAAAAAAAAAA", "nope!", "_________w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		seq, ok := decodeCursor(s)
		if !ok {
			if _, _, err := (Page{Cursor: s}).resolve(); s != "" && err == nil {
				t.Fatalf("Page accepted cursor %q", s)
			}
			return
		}
		if seq <= 0 || encodeCursor(seq) != s {
			t.Fatalf("cursor %q decodes to %d, which encodes to %q", s, seq, encodeCursor(seq))
		}
	})
}
