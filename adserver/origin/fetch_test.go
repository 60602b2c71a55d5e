package origin

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestGetOutcomes(t *testing.T) {
	o := newOrigin(t)
	other := newOrigin(t) // a real server that is not on the allowlist
	other.handle("/ok.m3u8", serveBody(playlist))

	o.handle("/ok.m3u8", serveBody(playlist))
	o.handle("/404.m3u8", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	o.handle("/500.m3u8", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	o.handle("/204.m3u8", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	o.handle("/slow.m3u8", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	o.handle("/slow-body.m3u8", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("#EXTM3U\n"))
		w.(http.Flusher).Flush()
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	o.handle("/endless.m3u8", func(w http.ResponseWriter, r *http.Request) {
		line := []byte("#EXTINF:6,\nsegment.ts\n")
		for r.Context().Err() == nil {
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	})
	o.handle("/big.m3u8", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(4<<10))
		_, _ = w.Write([]byte("#EXTM3U\n" + strings.Repeat("#", 4<<10-8)))
	})
	o.handle("/exact.m3u8", serveBody("#EXTM3U\n"+strings.Repeat("#", 1<<10-8)))
	o.handle("/notm3u8", serveBody("<html>not a playlist</html>"))
	o.handle("/panic.m3u8", serveBody("#EXTM3U panic"))
	o.handle("/redirect-ok", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ok.m3u8", http.StatusFound)
	})
	o.handle("/redirect-other", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/ok.m3u8", http.StatusFound)
	})
	o.handle("/redirect-evil", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	o.handle("/redirect-userinfo", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://user:pw@"+o.hostPort()+"/ok.m3u8", http.StatusFound)
	})
	chain := func(prefix string, hops int) {
		for i := range hops {
			o.handle(prefix+strconv.Itoa(i), func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, prefix+strconv.Itoa(i+1), http.StatusFound)
			})
		}
		o.handle(prefix+strconv.Itoa(hops), serveBody(playlist))
	}
	chain("/three", 3)
	chain("/four", 4)
	o.handle("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})

	base := o.URL
	cases := []struct {
		name       string
		url        string
		want       error // nil: success
		status     int   // Error.Status for ErrStatus
		httpStatus int   // Error.HTTPStatus
		inMessage  string
	}{
		{name: "ok", url: base + "/ok.m3u8"},
		{name: "body exactly MaxBytes", url: base + "/exact.m3u8"},
		{name: "redirect within allowlist", url: base + "/redirect-ok"},
		{name: "three redirect hops", url: base + "/three0"},
		{name: "404", url: base + "/404.m3u8", want: ErrStatus, status: 404, httpStatus: 502},
		{name: "500", url: base + "/500.m3u8", want: ErrStatus, status: 500, httpStatus: 502},
		{name: "204 has no playlist", url: base + "/204.m3u8", want: ErrCompile, httpStatus: 502},
		{name: "headers time out", url: base + "/slow.m3u8", want: ErrTimeout, httpStatus: 504},
		{name: "body times out", url: base + "/slow-body.m3u8", want: ErrTimeout, httpStatus: 504},
		{name: "endless body", url: base + "/endless.m3u8", want: ErrTooLarge, httpStatus: 502},
		{name: "oversized body with length", url: base + "/big.m3u8", want: ErrTooLarge, httpStatus: 502},
		{name: "compile error", url: base + "/notm3u8", want: ErrCompile, httpStatus: 502, inMessage: "missing #EXTM3U"},
		{name: "compile panic", url: base + "/panic.m3u8", want: ErrCompile, httpStatus: 502, inMessage: "panic"},
		{name: "redirect to host not allowed", url: base + "/redirect-other", want: ErrNotAllowed, httpStatus: 502, inMessage: other.hostPort()},
		{name: "redirect to metadata service", url: base + "/redirect-evil", want: ErrNotAllowed, httpStatus: 502, inMessage: "169.254.169.254:80"},
		{name: "redirect with userinfo", url: base + "/redirect-userinfo", want: ErrNotAllowed, httpStatus: 502, inMessage: "userinfo"},
		{name: "too many redirects", url: base + "/loop", want: ErrFetch, httpStatus: 502, inMessage: "too many redirects"},
		{name: "four redirect hops", url: base + "/four0", want: ErrFetch, httpStatus: 502},
		{name: "host not allowed", url: other.URL + "/ok.m3u8", want: ErrNotAllowed, httpStatus: 502, inMessage: other.hostPort()},
		{name: "userinfo", url: strings.Replace(base, "http://", "http://user:secret@", 1) + "/ok.m3u8", want: ErrNotAllowed, httpStatus: 502, inMessage: "userinfo"},
		{name: "ftp scheme", url: "ftp://" + o.hostPort() + "/ok.m3u8", want: ErrNotAllowed, httpStatus: 502},
		{name: "file scheme", url: "file:///etc/passwd", want: ErrNotAllowed, httpStatus: 502},
		{name: "relative url", url: "/ok.m3u8", want: ErrNotAllowed, httpStatus: 502},
		{name: "unparsable url", url: "http://[::1", want: ErrNotAllowed, httpStatus: 502},
		{name: "unreachable", url: "http://127.0.0.1:1/ok.m3u8", want: ErrFetch, httpStatus: 502},
	}
	c := newTestCache(t, o, nil, func(opts *Options) {
		opts.Allow = append(opts.Allow, "127.0.0.1:1")
		opts.Timeout = time.Second // generous: the machine may be loaded
	})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Get(context.Background(), tc.url)
			if tc.want == nil {
				if err != nil || !strings.HasPrefix(res.Value, "#EXTM3U") || res.Stale || res.Fetched.IsZero() {
					t.Fatalf("Get = %+v, %v; want a fresh playlist", res, err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("Get error = %v; want %v", err, tc.want)
			}
			var oe *Error
			if !errors.As(err, &oe) {
				t.Fatalf("error %T is not an *Error", err)
			}
			if oe.Status != tc.status || oe.HTTPStatus() != tc.httpStatus {
				t.Errorf("Status = %d, HTTPStatus = %d; want %d, %d", oe.Status, oe.HTTPStatus(), tc.status, tc.httpStatus)
			}
			if !strings.Contains(err.Error(), tc.inMessage) {
				t.Errorf("error %q does not mention %q", err, tc.inMessage)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q leaks the password", err)
			}
		})
	}
	if n := other.count("/ok.m3u8"); n != 0 {
		t.Errorf("host outside the allowlist got %d requests", n)
	}
	if n := o.count("/four4"); n != 0 {
		t.Errorf("a fourth redirect hop was followed (%d requests)", n)
	}
}

// A compile error must not be cached as a value: once the origin serves a
// valid playlist again, the next fetch after RetryAfter succeeds.
func TestCompileErrorIsNotCached(t *testing.T) {
	o := newOrigin(t)
	body := "garbage"
	mu := make(chan struct{}, 1)
	mu <- struct{}{}
	o.handle("/p.m3u8", func(w http.ResponseWriter, _ *http.Request) {
		<-mu
		b := body
		mu <- struct{}{}
		_, _ = w.Write([]byte(b))
	})
	clk := newClock()
	c := newTestCache(t, o, clk, nil)
	if _, err := c.Get(context.Background(), o.URL+"/p.m3u8"); !errors.Is(err, ErrCompile) {
		t.Fatalf("Get = %v; want ErrCompile", err)
	}
	<-mu
	body = playlist
	mu <- struct{}{}
	clk.Advance(DefaultRetryAfter)
	res, err := c.Get(context.Background(), o.URL+"/p.m3u8")
	if err != nil || res.Value != playlist {
		t.Fatalf("after fix: Get = %+v, %v", res, err)
	}
}
