package configs

import (
	"testing"
	"time"
)

// breakCases drive TestParseBreakSpec and seed FuzzParseBreakSpec.
var breakCases = []struct {
	in   string
	want BreakSpec
	err  string
}{
	{in: "preroll", want: BreakSpec{Kind: Preroll}},
	{in: "PostRoll", want: BreakSpec{Kind: Postroll}},
	{in: "30s", want: BreakSpec{Kind: Midroll, Offset: 30 * time.Second}},
	{in: "1m30s", want: BreakSpec{Kind: Midroll, Offset: 90 * time.Second}},
	{in: "90", want: BreakSpec{Kind: Midroll, Offset: 90 * time.Second}},
	{in: "00:01:30", want: BreakSpec{Kind: Midroll, Offset: 90 * time.Second}},
	{in: "1:00:00.5", want: BreakSpec{Kind: Midroll, Offset: time.Hour + 500*time.Millisecond}},
	{in: "90:00", want: BreakSpec{Kind: Midroll, Offset: 90 * time.Minute}},
	{in: "midroll", err: `invalid break "midroll": want preroll, postroll or an offset like 30s, 90 or 00:01:30`},
	{in: "", err: `invalid break "": want preroll, postroll or an offset like 30s, 90 or 00:01:30`},
	{in: "00:60", err: `invalid break "00:60": want hh:mm:ss with minutes and seconds below 60`},
	{in: "1:60:00", err: `invalid break "1:60:00": want hh:mm:ss with minutes and seconds below 60`},
	{in: "1:2:3:4", err: `invalid break "1:2:3:4": want hh:mm:ss with minutes and seconds below 60`},
	{in: "-1:00:00", err: `invalid break "-1:00:00": want hh:mm:ss with minutes and seconds below 60`},
	{in: "1::00", err: `invalid break "1::00": want hh:mm:ss with minutes and seconds below 60`},
	{in: "999999:00:00", err: `invalid break "999999:00:00": want hh:mm:ss with minutes and seconds below 60`},
}

func TestParseBreakSpec(t *testing.T) {
	for _, tc := range breakCases {
		got, err := ParseBreakSpec(tc.in)
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("ParseBreakSpec(%q) error = %v, want %s", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("ParseBreakSpec(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestBreakKindString(t *testing.T) {
	for k, want := range map[BreakKind]string{0: "BreakKind(0)", Preroll: "preroll", Midroll: "midroll", Postroll: "postroll", 9: "BreakKind(9)"} {
		if k.String() != want {
			t.Errorf("%d: %q, want %q", k, k.String(), want)
		}
	}
}

func FuzzParseBreakSpec(f *testing.F) {
	for _, tc := range breakCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBreakSpec(s)
		if err != nil {
			return
		}
		again, err := ParseBreakSpec(b.String())
		if err != nil || again != b {
			t.Fatalf("%q -> %+v -> %+v, %v", s, b, again, err)
		}
	})
}
