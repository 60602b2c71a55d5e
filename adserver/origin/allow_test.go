package origin

import (
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"
)

var testAllow = []string{"origin.example.com:443", "Cdn.Example.net:8080", "10.0.0.5:80", "[2001:db8::1]:8443", "bare.example.org"}

// checkCases drive TestCheckURL and seed FuzzCheckURL.
var checkCases = []struct {
	url string
	ok  bool
}{
	{"https://origin.example.com/live/master.m3u8", true},
	{"https://origin.example.com:443/live/master.m3u8?token=1", true},
	{"HTTPS://ORIGIN.EXAMPLE.COM/x.m3u8", true},
	{"http://origin.example.com/x.m3u8", false}, // port 80 not listed
	{"https://origin.example.com:8443/x.m3u8", false},
	{"http://cdn.example.net:8080/a.m3u8", true},
	{"http://cdn.example.net/a.m3u8", false},
	{"http://10.0.0.5/a.m3u8", true},
	{"http://10.0.0.5:81/a.m3u8", false},
	{"https://[2001:db8::1]:8443/a.m3u8", true},
	{"https://[2001:db8::1]/a.m3u8", false},
	{"http://bare.example.org/a.m3u8", true},
	{"https://bare.example.org/a.m3u8", true},
	{"http://bare.example.org:8080/a.m3u8", false},
	{"https://user:pw@origin.example.com/x.m3u8", false},
	{"https://user@origin.example.com/x.m3u8", false},
	{"ftp://origin.example.com:443/x.m3u8", false},
	{"file:///etc/passwd", false},
	{"gopher://origin.example.com:443/", false},
	{"//origin.example.com/x.m3u8", false},
	{"https:///x.m3u8", false},
	{"https://origin.example.com.evil.net/x.m3u8", false},
	{"https://origin.example.com@evil.net/x.m3u8", false},
	{"https://evil.net#@origin.example.com/x.m3u8", false},
	{"https://origin.example.com./x.m3u8", false},
	{"http://169.254.169.254/latest/meta-data/", false},
	{"http://[::1", false},
	{"", false},
	{"origin.example.com:443", false},
}

func TestCheckURL(t *testing.T) {
	allow, err := parseAllow(testAllow)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range checkCases {
		err := allow.checkRaw(tc.url)
		if (err == nil) != tc.ok {
			t.Errorf("check(%q) = %v; want ok=%v", tc.url, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrNotAllowed) {
			t.Errorf("check(%q) = %v; want ErrNotAllowed", tc.url, err)
		}
	}
}

func TestParseAllowErrors(t *testing.T) {
	for _, entry := range []string{"host:80:90", "", "http://host:80", "user@host:80", ":80"} {
		if _, err := parseAllow([]string{entry}); err == nil {
			t.Errorf("parseAllow(%q) accepted a bad entry", entry)
		}
	}
	if err := (Options{Allow: []string{"ok.example:443", "bad:1:2"}}).Validate(); err == nil || !strings.Contains(err.Error(), "bad:1:2") {
		t.Errorf("Validate error %v does not name the bad entry", err)
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		opts Options
		want string // substring of the error; "" = valid
	}{
		{"zero", Options{}, ""},
		{"typical", Options{Allow: []string{"origin:443"}, Timeout: 1, MaxBytes: 1, StaleFor: 1}, ""},
		{"negative timeout", Options{Timeout: -1}, "Timeout"},
		{"negative stale", Options{StaleFor: -1}, "StaleFor"},
		{"negative bytes", Options{MaxBytes: -1}, "MaxBytes"},
		{"negative entries", Options{MaxEntries: -1}, "MaxEntries"},
	}
	for _, tc := range cases {
		err := tc.opts.Validate()
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: Validate() = %v; want %q", tc.name, err, tc.want)
		}
	}
}

// FuzzCheckURL: the check never panics, and whatever it lets through is an
// http(s) URL without userinfo whose host:port is on the list.
func FuzzCheckURL(f *testing.F) {
	for _, tc := range checkCases {
		f.Add(tc.url)
	}
	allow, err := parseAllow(testAllow)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if allow.checkRaw(raw) != nil {
			return
		}
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("allowed an unparsable URL %q", raw)
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.User != nil {
			t.Fatalf("allowed %q", raw)
		}
		port := u.Port()
		if port == "" {
			port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
		}
		if _, ok := allow[net.JoinHostPort(strings.ToLower(u.Hostname()), port)]; !ok {
			t.Fatalf("allowed %q whose host is not listed", raw)
		}
	})
}
