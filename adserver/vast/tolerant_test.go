package vast

import (
	"io"
	"strings"
	"testing"
)

func TestEscapeBareAmpersands(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<a>x</a>", "<a>x</a>"},
		{"<a>?a=1&b=2</a>", "<a>?a=1&amp;b=2</a>"},
		{"<a>&amp;&lt;&#38;&#x26;&nbsp;</a>", "<a>&amp;&lt;&#38;&#x26;&nbsp;</a>"},
		{"<a>&</a>", "<a>&amp;</a>"},
		{"<a>&#;&#x;&#12a;&1a;</a>", "<a>&amp;#;&amp;#x;&amp;#12a;&amp;1a;</a>"},
		{`<a href="?a=1&b=2">`, `<a href="?a=1&amp;b=2">`},
		{"<a><![CDATA[?a=1&b=2]]>&c</a>", "<a><![CDATA[?a=1&b=2]]>&amp;c</a>"},
		{"<!-- a & b --><a/>", "<!-- a & b --><a/>"},
		{"<?pi a & b?><a/>", "<?pi a & b?><a/>"},
		{"<a><![CDATA[unterminated & ", "<a><![CDATA[unterminated & "},
		{"&", "&amp;"},
		{"&" + strings.Repeat("a", 40) + ";", "&amp;" + strings.Repeat("a", 40) + ";"},
	} {
		if got := string(escapeBareAmpersands([]byte(tc.in))); got != tc.want {
			t.Errorf("escapeBareAmpersands(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCharsetReader(t *testing.T) {
	for _, tc := range []struct{ label, in, want string }{
		{"ISO-8859-1", "caf\xe9 \x80", "café \u0080"},
		{"latin1", "\xff", "ÿ"},
		{"US-ASCII", "plain", "plain"},
		{"windows-1252", "\x80\x93\x94\x9f\x8d", "€“”Ÿ\ufffd"},
	} {
		r, err := charsetReader(tc.label, strings.NewReader(tc.in))
		if err != nil {
			t.Fatalf("%s: %v", tc.label, err)
		}
		got, _ := io.ReadAll(r)
		if string(got) != tc.want {
			t.Errorf("%s(%q) = %q, want %q", tc.label, tc.in, got, tc.want)
		}
	}
	if _, err := charsetReader("utf-16", strings.NewReader("")); err == nil {
		t.Error("utf-16 accepted")
	}
}
