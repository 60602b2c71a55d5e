package sqlitestore

import (
	"strings"
	"testing"
)

// interestsCases are interest lists whose JSON the fast path writes, or
// leaves to encoding/json because a string needs escaping.
var interestsCases = []struct {
	name      string
	interests []string
	plain     bool // written without encoding/json
}{
	{"none", nil, true},
	{"empty", []string{}, true},
	{"one", []string{"news"}, true},
	{"several", []string{"news", "sports", "tech-2"}, true},
	{"empty string", []string{""}, true},
	{"quote", []string{`a"b`}, false},
	{"backslash", []string{`a\b`}, false},
	{"html", []string{"<b>", "&"}, false},
	{"control", []string{"a\nb", "\x00"}, false},
	{"non-ascii", []string{"café", "\u2028"}, false},
	{"invalid utf-8", []string{"\xff"}, false},
}

// TestInterestsJSON checks the stored interests are what encoding/json
// writes (the former store's column), through the fast path or not.
func TestInterestsJSON(t *testing.T) {
	var a argBuilder
	a.boxed = map[string]any{}
	for _, tc := range interestsCases {
		t.Run(tc.name, func(t *testing.T) {
			checkInterests(t, &a, tc.interests)
			if _, plain := appendPlainJSON(nil, tc.interests); plain != tc.plain {
				t.Errorf("fast path %v, want %v", plain, tc.plain)
			}
		})
	}
}

func checkInterests(t *testing.T, a *argBuilder, interests []string) {
	t.Helper()
	got := a.interests(interests).(string)
	if want := interestsJSON(interests); got != want {
		t.Fatalf("interests %q stored as %s, want %s", interests, got, want)
	}
}

// FuzzInterestsJSON feeds interest lists, joined by NUL, to the same
// check.
func FuzzInterestsJSON(f *testing.F) {
	for _, tc := range interestsCases {
		f.Add(strings.Join(tc.interests, "\x00"))
	}
	a := &argBuilder{boxed: map[string]any{}}
	f.Fuzz(func(t *testing.T, joined string) {
		var interests []string
		if joined != "" {
			interests = strings.Split(joined, "\x00")
		}
		if len(a.boxed) > maxBoxed {
			clear(a.boxed)
		}
		checkInterests(t, a, interests)
	})
}
