package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// wrkCases are wrk 4.1 (Debian) reports captured on this machine, plus
// hand-broken variants; they seed FuzzParseWrk too.
var wrkCases = []struct {
	name string
	file string // testdata/wrk-*.txt, or
	text string // inline output
	want wrkResult
	err  bool
}{
	{name: "ok", file: "wrk-ok.txt", want: wrkResult{
		Requests: 76743, ReqPerSec: 38160.87,
		P50: 499 * time.Microsecond, P75: 890 * time.Microsecond, P90: 12780 * time.Microsecond, P99: 54900 * time.Microsecond,
	}},
	{name: "two threads", file: "wrk-twothreads.txt", want: wrkResult{
		Requests: 86445, ReqPerSec: 40919.47,
		P50: 1050 * time.Microsecond, P75: 2440 * time.Microsecond, P90: 17330 * time.Microsecond, P99: 143060 * time.Microsecond,
	}},
	{name: "non-2xx", file: "wrk-non2xx.txt", want: wrkResult{
		Requests: 37321, ReqPerSec: 17800.09, Non2xx: 37321,
		P50: 156 * time.Microsecond, P75: 9970 * time.Microsecond, P90: 86980 * time.Microsecond, P99: 217190 * time.Microsecond,
	}},
	{name: "socket timeouts", file: "wrk-timeout.txt", want: wrkResult{
		Requests: 4, ReqPerSec: 1.98, SocketErrors: socketErrors{Timeout: 4},
	}},
	{name: "seconds with trailing blanks", file: "wrk-seconds.txt", want: wrkResult{
		Requests: 8, ReqPerSec: 2.60,
		P50: 1500 * time.Millisecond, P75: 1500 * time.Millisecond, P90: 1500 * time.Millisecond, P99: 1500 * time.Millisecond,
	}},
	{name: "connection refused", file: "wrk-refused.txt", err: true},
	{name: "empty", text: "", err: true},
	{name: "no latency distribution", text: "  10 requests in 1.00s, 1KB read\nRequests/sec:     10.00\n", err: true},
	{name: "bad rate", text: "  10 requests in 1.00s, 1KB read\nRequests/sec: -nan\n", err: true},
	{name: "bad unit", text: "  Latency Distribution\n     50%  1.00xs\n", err: true},
	{name: "bad socket errors", text: "  Socket errors: connect 0, reed 1\n", err: true},
	{name: "huge time", text: "     50%  1e300h\n", err: true},
}

func wrkCaseInput(t testing.TB, file, text string) []byte {
	t.Helper()
	if file == "" {
		return []byte(text)
	}
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseWrk(t *testing.T) {
	for _, c := range wrkCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseWrk(wrkCaseInput(t, c.file, c.text))
			if c.err {
				if !errors.Is(err, ErrWrkOutput) {
					t.Fatalf("err = %v, want ErrWrkOutput", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func FuzzParseWrk(f *testing.F) {
	for _, c := range wrkCases {
		f.Add(wrkCaseInput(f, c.file, c.text))
	}
	f.Fuzz(func(t *testing.T, out []byte) {
		r, err := parseWrk(out)
		if err != nil {
			if !errors.Is(err, ErrWrkOutput) {
				t.Fatalf("error %v does not wrap ErrWrkOutput", err)
			}
			return
		}
		if r.ReqPerSec < 0 || r.Requests < 0 || r.P50 < 0 || r.P99 < 0 || r.Non2xx < 0 ||
			r.SocketErrors.Connect < 0 || r.SocketErrors.Read < 0 || r.SocketErrors.Write < 0 || r.SocketErrors.Timeout < 0 {
			t.Fatalf("negative value in %+v", r)
		}
	})
}
