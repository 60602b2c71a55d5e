package variants

import (
	"strings"
	"testing"
)

// The key encoding is the on-disk format: these values must never change.
func TestKeyGolden(t *testing.T) {
	y600 := strings.Repeat("y", 600) // beyond Key's stack buffer
	for _, tc := range []struct {
		parts []string
		want  string
	}{
		{nil, "e3b0c44298fc1c149afbf4c8996fb924"}, // SHA-256 of nothing
		{[]string{"creative-1", "city=Madrid", "greeting=morning", "ladder-fp"}, "126cf520faad514a1a98e8a55e9c6374"},
		{[]string{strings.Repeat("x", 300)}, "95e98730d96605ac7a50fb8dfcd3e46b"},
		{[]string{y600, y600}, "026a2771a417a6b5e54e31237969f2ba"},
	} {
		if got := Key(tc.parts...); got != tc.want {
			t.Errorf("Key(%.40q) = %s, want %s", tc.parts, got, tc.want)
		}
		if !validID(tc.want) {
			t.Errorf("validID(%s) = false", tc.want)
		}
	}
}

// Parts are framed: moving a boundary or adding an empty part changes
// the key.
func TestKeyDistinct(t *testing.T) {
	sets := [][]string{
		{"ab", "c"}, {"a", "bc"}, {"abc"}, {"abc", ""}, {"", "abc"}, {}, {""}, {"", ""},
		{"a\x00b"}, {"a", "b"},
	}
	seen := map[string][]string{}
	for _, parts := range sets {
		k := Key(parts...)
		if prev, ok := seen[k]; ok {
			t.Errorf("Key(%q) = Key(%q) = %s", parts, prev, k)
		}
		seen[k] = parts
	}
}

func TestValidID(t *testing.T) {
	for _, tc := range []struct {
		id string
		ok bool
	}{
		{Key("x"), true},
		{"0123456789abcdef0123456789abcdef", true},
		{"0123456789ABCDEF0123456789abcdef", false},
		{"0123456789abcdef0123456789abcde", false},
		{"0123456789abcdef0123456789abcdef0", false},
		{"../3456789abcdef0123456789abcdef", false},
		{".tmp-456789abcdef0123456789abcde", false},
		{"", false},
	} {
		if got := validID(tc.id); got != tc.ok {
			t.Errorf("validID(%q) = %v, want %v", tc.id, got, tc.ok)
		}
	}
}
