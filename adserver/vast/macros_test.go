package vast

import "testing"

var expandCases = []struct {
	name, template string
	macros         Macros
	want           string
}{
	{"no macros", "https://ads.example.com/vast?x=1", Macros{"SESSION": "s"}, "https://ads.example.com/vast?x=1"},
	{"nil map", "https://a/[SESSION]", nil, "https://a/[SESSION]"},
	{"brackets", "https://a/vast?s=[SESSION]&v=[VIEWER]&d=[DURATION]", Macros{"SESSION": "s1", "VIEWER": "v 1", "DURATION": "30"},
		"https://a/vast?s=s1&v=v%201&d=30"},
	{"dollar braces", "https://a/${STREAM}/vast?city=${CITY}", Macros{"STREAM": "news/eu", "CITY": "São Paulo"},
		"https://a/news%2Feu/vast?city=S%C3%A3o%20Paulo"},
	{"mixed and repeated", "https://a/?a=[CITY]&b=${CITY}&c=[CITY]", Macros{"CITY": "A&B=C?"},
		"https://a/?a=A%26B%3DC%3F&b=A%26B%3DC%3F&c=A%26B%3DC%3F"},
	{"unknown kept", "https://a/?e=[ERRORCODE]&cb=[CACHEBUSTING]", Macros{"CACHEBUSTING": "12345678"},
		"https://a/?e=[ERRORCODE]&cb=12345678"},
	{"case sensitive", "https://a/?c=[city]", Macros{"CITY": "x"}, "https://a/?c=[city]"},
	{"ipv6 host untouched", "http://[::1]:8080/vast?s=[SESSION]", Macros{"SESSION": "s"}, "http://[::1]:8080/vast?s=s"},
	{"unterminated", "https://a/?s=[SESSION&t=${STREAM", Macros{"SESSION": "s", "STREAM": "t"}, "https://a/?s=[SESSION&t=${STREAM"},
	{"empty name", "https://a/?s=[]&t=${}", Macros{"": "x"}, "https://a/?s=[]&t=${}"},
	{"nested", "https://a/?s=[[SESSION]]", Macros{"SESSION": "s"}, "https://a/?s=[s]"},
	{"empty value", "https://a/?s=[SESSION]", Macros{"SESSION": ""}, "https://a/?s="},
	{"unreserved kept", "[X]", Macros{"X": "Az09-._~"}, "Az09-._~"},
	{"reserved escaped", "[X]", Macros{"X": "[]${}%+ /"}, "%5B%5D%24%7B%7D%25%2B%20%2F"},
	{"value not re-expanded", "[A][B]", Macros{"A": "[B]", "B": "b"}, "%5BB%5Db"},
}

func TestExpand(t *testing.T) {
	for _, tc := range expandCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Expand(tc.template, tc.macros); got != tc.want {
				t.Errorf("Expand(%q) = %q, want %q", tc.template, got, tc.want)
			}
		})
	}
}
