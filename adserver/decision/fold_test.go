package decision

import (
	"strings"
	"testing"
)

// appendFold must be strings.ToLower exactly: targeting lower-cases rule
// values and context values that way, and the index must agree.
var foldCases = []string{"", "madrid", "MADRID", "İstanbul", "ǅemal", "KELVIN K", "straße", "\xff\xfeab", "日本"}

func TestAppendFold(t *testing.T) {
	for _, s := range foldCases {
		if got, want := string(appendFold(nil, s)), strings.ToLower(s); got != want {
			t.Errorf("fold %q = %q, want %q", s, got, want)
		}
	}
}

func FuzzAppendFold(f *testing.F) {
	for _, s := range foldCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendFold(nil, s)), strings.ToLower(s); got != want {
			t.Errorf("fold %q = %q, want %q", s, got, want)
		}
	})
}
