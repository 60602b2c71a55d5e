package render

import "testing"

func TestFilterArg(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"/usr/share/fonts/DejaVuSans.ttf", "/usr/share/fonts/DejaVuSans.ttf"},
		{"black@0.5", "black@0.5"},
		{"a:b", `a\\:b`},
		{"it's", `it\\\'s`},
		{`back\slash`, `back\\\\slash`},
		{"a,b;c[d]", `a\,b\;c\[d\]`},
		{"two words", `two\\\ words`},
		{"between(t,1,2)", `between(t\,1\,2)`},
	} {
		if got := filterArg(c.in); got != c.want {
			t.Errorf("filterArg(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
