package adserver

import (
	"slices"
	"testing"
)

func TestSplitPath(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want []string // nil: refused
	}{
		{"sess/brk/0/ad/start", 5, []string{"sess", "brk", "0", "ad", "start"}},
		{"brk/0/ad/1/3.ts", 5, []string{"brk", "0", "ad", "1", "3.ts"}},
		{"a//c/d/e", 5, []string{"a", "", "c", "d", "e"}},
		{"a/b/c/d/", 5, []string{"a", "b", "c", "d", ""}},
		{"a/b/c/d", 5, nil},
		{"a/b/c/d/e/f", 5, nil},
		{"", 5, nil},
		{"", 1, []string{""}},
		{"x", 1, []string{"x"}},
		{"x/", 1, nil},
	} {
		dst := make([]string, tc.n)
		ok := splitPath(tc.in, dst)
		if ok != (tc.want != nil) || (ok && !slices.Equal(dst, tc.want)) {
			t.Errorf("splitPath(%q, %d) = %q %v, want %q", tc.in, tc.n, dst, ok, tc.want)
		}
	}
}
