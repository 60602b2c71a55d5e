package vast

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// adServer is an httptest server answering VAST documents by path, with
// {{base}} in a document replaced by the server's URL.
type adServer struct {
	*httptest.Server
	mu    sync.Mutex
	docs  map[string]func(w http.ResponseWriter, r *http.Request)
	hits  atomic.Int64
	query map[string]url.Values // last query per path
	hdr   map[string]http.Header
}

func newAdServer(t *testing.T) *adServer {
	t.Helper()
	s := &adServer{docs: map[string]func(http.ResponseWriter, *http.Request){}, query: map[string]url.Values{}, hdr: map[string]http.Header{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		s.mu.Lock()
		h := s.docs[r.URL.Path]
		s.query[r.URL.Path] = r.URL.Query()
		s.hdr[r.URL.Path] = r.Header.Clone()
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// doc serves body at path, {{base}} replaced by the server URL.
func (s *adServer) doc(path, body string) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		_, _ = w.Write([]byte(strings.ReplaceAll(body, "{{base}}", s.URL)))
	})
}

func (s *adServer) handle(path string, h func(http.ResponseWriter, *http.Request)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = h
}

// wrapperXML is a VAST 4.2 wrapper tagged tag pointing at next, with an
// impression, an error and a start tracking URL of its own.
func wrapperXML(tag, next, attrs string) string {
	return `<VAST version="4.2" xmlns="http://www.iab.com/VAST"><Ad id="` + tag + `"><Wrapper ` + attrs + `>
<AdSystem>w</AdSystem><Error>https://t.example/` + tag + `/error</Error>
<Impression><![CDATA[https://t.example/` + tag + `/imp]]></Impression>
<Creatives><Creative><Linear><TrackingEvents><Tracking event="start">https://t.example/` + tag + `/start</Tracking></TrackingEvents></Linear></Creative></Creatives>
<VASTAdTagURI><![CDATA[` + next + `]]></VASTAdTagURI></Wrapper></Ad></VAST>`
}

// inlineXML is a pod written by Write: the inline end of every chain.
func inlineXML(t *testing.T, ads ...string) string {
	t.Helper()
	pod := Pod{AdServingID: "ext"}
	for _, id := range ads {
		ad := spot(id, 15*time.Second)
		ad.ID = id
		pod.Ads = append(pod.Ads, ad)
	}
	var buf bytes.Buffer
	if err := Write(&buf, pod); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestFetchInline(t *testing.T) {
	s := newAdServer(t)
	s.doc("/vast", inlineXML(t, "a", "b"))
	var c Client
	ads, err := c.Fetch(t.Context(), s.URL+"/vast?s=[SESSION]&c=${CITY}&d=[DURATION]&u=[UNKNOWN]", Macros{
		"SESSION": "sess 1", "CITY": "São Paulo", "DURATION": "30", "DEVICEIP": "198.51.100.7", "DEVICEUA": "TV/1.0",
	})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if len(ads) != 2 || ads[0].ID != "a" || ads[1].ID != "b" {
		t.Fatalf("ads = %+v", ads)
	}
	a := ads[0]
	want := InlineAd{
		ID: "a", AdSystem: "adstitch", Title: "Spot a", CreativeID: "cr-a", UniversalAdID: "cr-a",
		Duration: 15 * time.Second, HLS: "https://cdn.example.com/ads/a/master.m3u8",
		Media: MediaFile{URL: "https://cdn.example.com/ads/a/master.m3u8", Delivery: "streaming", Type: "application/x-mpegURL",
			Codec: "avc1.64001f,mp4a.40.2", Width: 1280, Height: 720, Bitrate: 3000},
		Impressions: []string{"https://ads.example.com/b/a/impression"},
		Tracking:    quartiles("https://ads.example.com/b/a"),
		Errors:      []string{"https://ads.example.com/b/a/error"},
	}
	if fmt.Sprintf("%+v", a) != fmt.Sprintf("%+v", want) {
		t.Errorf("ad\n got %+v\nwant %+v", a, want)
	}
	q := s.query["/vast"]
	if q.Get("s") != "sess 1" || q.Get("c") != "São Paulo" || q.Get("d") != "30" || q.Get("u") != "[UNKNOWN]" {
		t.Errorf("query = %v", q)
	}
	if h := s.hdr["/vast"]; h.Get("X-Device-IP") != "198.51.100.7" || h.Get("X-Device-User-Agent") != "TV/1.0" {
		t.Errorf("headers = %v", h)
	}
	if st := c.Stats(); st.Fetches != 1 || st.Requests != 1 || st.Ads != 2 || st.WrapperHops != 0 {
		t.Errorf("stats = %+v", st)
	}
}

// chain serves n wrappers /w1 … /wn, the last pointing at /inline.
func chain(t *testing.T, s *adServer, n int) {
	t.Helper()
	s.doc("/inline", inlineXML(t, "end"))
	for i := 1; i <= n; i++ {
		next := fmt.Sprintf("{{base}}/w%d", i+1)
		if i == n {
			next = "{{base}}/inline?cb=[CACHEBUSTING]"
		}
		s.doc(fmt.Sprintf("/w%d", i), wrapperXML(fmt.Sprintf("w%d", i), next, ""))
	}
}

func TestFetchWrapperChain(t *testing.T) {
	for _, n := range []int{1, 3, 5} {
		t.Run(fmt.Sprintf("%d wrappers", n), func(t *testing.T) {
			s := newAdServer(t)
			chain(t, s, n)
			var c Client
			ads, err := c.Fetch(t.Context(), s.URL+"/w1", Macros{"CACHEBUSTING": "4242"})
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			if len(ads) != 1 {
				t.Fatalf("ads = %+v", ads)
			}
			a := ads[0]
			wantImp := []string{"https://ads.example.com/b/end/impression"}
			wantStart := []string{"https://ads.example.com/b/end/start"}
			wantErr := []string{"https://ads.example.com/b/end/error"}
			for i := n; i >= 1; i-- { // innermost wrapper first
				wantImp = append(wantImp, fmt.Sprintf("https://t.example/w%d/imp", i))
				wantStart = append(wantStart, fmt.Sprintf("https://t.example/w%d/start", i))
				wantErr = append(wantErr, fmt.Sprintf("https://t.example/w%d/error", i))
			}
			if !equalStrings(a.Impressions, wantImp) || !equalStrings(a.Tracking["start"], wantStart) || !equalStrings(a.Errors, wantErr) {
				t.Errorf("impressions %q\nstart %q\nerrors %q", a.Impressions, a.Tracking["start"], a.Errors)
			}
			if got := a.Tracking["complete"]; len(got) != 1 {
				t.Errorf("complete = %q", got)
			}
			if cb := s.query["/inline"].Get("cb"); cb != "4242" {
				t.Errorf("VASTAdTagURI macro not expanded: cb=%q", cb)
			}
			if st := c.Stats(); st.WrapperHops != uint64(n) || st.Requests != uint64(n+1) {
				t.Errorf("stats = %+v", st)
			}
		})
	}
}

func TestFetchTooManyWrappers(t *testing.T) {
	s := newAdServer(t)
	chain(t, s, 6)
	var c Client
	ads, err := c.Fetch(t.Context(), s.URL+"/w1", nil)
	if !errors.Is(err, ErrTooManyWrappers) || ads != nil {
		t.Fatalf("Fetch = %v, %v; want ErrTooManyWrappers", ads, err)
	}
	if !strings.Contains(err.Error(), "more than 5 wrapper hops") {
		t.Errorf("error = %v", err)
	}
	if got := s.hits.Load(); got != 6 {
		t.Errorf("%d requests, want 6 (the first and 5 hops)", got)
	}
	if st := c.Stats(); st.TooManyWrappers != 1 || st.Requests != 6 {
		t.Errorf("stats = %+v", st)
	}

	c2 := Client{MaxWrappers: 2}
	if _, err := c2.Fetch(t.Context(), s.URL+"/w1", nil); !errors.Is(err, ErrTooManyWrappers) {
		t.Errorf("MaxWrappers 2: %v", err)
	}
	c3 := Client{MaxWrappers: -1}
	if _, err := c3.Fetch(t.Context(), s.URL+"/w6", nil); !errors.Is(err, ErrTooManyWrappers) {
		t.Errorf("MaxWrappers -1: %v", err)
	}
}

func TestFetchWrapperLoop(t *testing.T) {
	s := newAdServer(t)
	s.doc("/a", wrapperXML("a", "{{base}}/b", ""))
	s.doc("/b", wrapperXML("b", "{{base}}/a", ""))
	var c Client
	_, err := c.Fetch(t.Context(), s.URL+"/a", nil)
	if !errors.Is(err, ErrTooManyWrappers) || !errors.Is(err, ErrWrapperLoop) {
		t.Fatalf("err = %v, want ErrTooManyWrappers and ErrWrapperLoop", err)
	}
	if got := s.hits.Load(); got != 2 {
		t.Errorf("%d requests, want 2", got)
	}
}

func TestFetchTimeout(t *testing.T) {
	slow := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}
	t.Run("first request", func(t *testing.T) {
		s := newAdServer(t)
		s.handle("/slow", slow)
		c := Client{Timeout: 150 * time.Millisecond}
		start := time.Now()
		_, err := c.Fetch(t.Context(), s.URL+"/slow", nil)
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("err = %v, want ErrTimeout", err)
		}
		if el := time.Since(start); el > time.Second {
			t.Errorf("Fetch took %v with a 150ms timeout", el)
		}
		if st := c.Stats(); st.Timeouts != 1 {
			t.Errorf("stats = %+v", st)
		}
	})
	t.Run("deadline covers the chain", func(t *testing.T) {
		s := newAdServer(t)
		s.doc("/w", wrapperXML("w", "{{base}}/slow-body", ""))
		s.handle("/slow-body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			_, _ = w.Write([]byte(`<VAST version="4.2">`))
			w.(http.Flusher).Flush()
			slow(w, r)
		})
		c := Client{Timeout: 200 * time.Millisecond}
		_, err := c.Fetch(t.Context(), s.URL+"/w", nil)
		var verr *Error
		if !errors.Is(err, ErrTimeout) || !errors.As(err, &verr) || verr.Hop != 1 {
			t.Fatalf("err = %v, want ErrTimeout at hop 1", err)
		}
	})
	t.Run("default is 1.5s", func(t *testing.T) {
		if DefaultTimeout != 1500*time.Millisecond {
			t.Errorf("DefaultTimeout = %v", DefaultTimeout)
		}
	})
}

func TestFetchCallerCancel(t *testing.T) {
	s := newAdServer(t)
	s.handle("/slow", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	var c Client
	_, err := c.Fetch(ctx, s.URL+"/slow", nil)
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want context.Canceled only", err)
	}
	if st := c.Stats(); st.Canceled != 1 || st.Timeouts != 0 {
		t.Errorf("stats = %+v", st)
	}
}

func TestFetchVersions(t *testing.T) {
	for _, tc := range []struct {
		file, hls, id string
		duration      time.Duration
	}{
		{"vast2-inline.xml", "http://media.example.com/spot/master.m3u8", "preroll-7", 30 * time.Second},
		{"vast3-inline.xml", "https://example.com/ads/5480/index.m3u8", "20001", 16 * time.Second},
		{"vast42-inline.xml", "https://example.com/ads/5480/master.m3u8", "20001", 16500 * time.Millisecond},
		{"sloppy.xml", "http://example.com/m.m3u8?a=1&b=2", "s&1", 10 * time.Second},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s := newAdServer(t)
			s.doc("/vast", string(readSample(t, tc.file)))
			var c Client
			ads, err := c.Fetch(t.Context(), s.URL+"/vast", nil)
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			if len(ads) != 1 || ads[0].HLS != tc.hls || ads[0].ID != tc.id || ads[0].Duration != tc.duration {
				t.Fatalf("ads = %+v", ads)
			}
		})
	}
	t.Run("vast2 creative id from AdID, vast4 UniversalAdId", func(t *testing.T) {
		s := newAdServer(t)
		s.doc("/2", string(readSample(t, "vast2-inline.xml")))
		s.doc("/4", string(readSample(t, "vast42-inline.xml")))
		var c Client
		a2, _ := c.Fetch(t.Context(), s.URL+"/2", nil)
		a4, _ := c.Fetch(t.Context(), s.URL+"/4", nil)
		if len(a2) != 1 || a2[0].CreativeID != "ISCI-0042" || len(a4) != 1 || a4[0].CreativeID != "5480" || a4[0].UniversalAdID != "8465" {
			t.Errorf("vast2 %+v\nvast4 %+v", a2, a4)
		}
		if got := a4[0].Tracking["progress@25%"]; len(got) != 1 {
			t.Errorf("progress tracking = %q", a4[0].Tracking)
		}
	})
}

func TestFetchNoAds(t *testing.T) {
	mp4Only := `<VAST version="3.0"><Ad id="m"><InLine><AdSystem>x</AdSystem><AdTitle>t</AdTitle><Impression>http://i/</Impression>
<Creatives><Creative><Linear><Duration>00:00:10</Duration><MediaFiles>
<MediaFile delivery="progressive" type="video/mp4" width="640" height="360">http://m/a.mp4</MediaFile>
<MediaFile delivery="streaming" type="application/x-mpegURL" width="640" height="360">ftp://m/a.m3u8</MediaFile>
</MediaFiles></Linear></Creative></Creatives></InLine></Ad></VAST>`
	companionOnly := `<VAST version="3.0"><Ad id="c"><InLine><AdSystem>x</AdSystem><Creatives><Creative><CompanionAds/></Creative></Creatives></InLine></Ad></VAST>`
	zeroDuration := `<VAST version="3.0"><Ad id="z"><InLine><AdSystem>x</AdSystem><Creatives><Creative><Linear><Duration>00:00:00</Duration><MediaFiles>
<MediaFile delivery="streaming" type="application/x-mpegURL" width="640" height="360">http://m/a.m3u8</MediaFile></MediaFiles></Linear></Creative></Creatives></InLine></Ad></VAST>`
	for _, tc := range []struct {
		name string
		h    func(http.ResponseWriter, *http.Request)
		want string
		stat func(Stats) uint64
	}{
		{"empty VAST", body(`<VAST version="4.2" xmlns="http://www.iab.com/VAST"/>`), "no Ad in the response", nil},
		{"no-ad response", body(string(readSample(t, "noad.xml"))), "no Ad in the response", nil},
		{"204", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }, "204", nil},
		{"empty body", body(" \n"), "empty response", nil},
		{"no HLS", body(mp4Only), "no linear ad with an HLS media file", func(s Stats) uint64 { return s.SkippedNoHLS }},
		{"no linear", body(companionOnly), "no linear ad", func(s Stats) uint64 { return s.SkippedNoLinear }},
		{"zero duration", body(zeroDuration), "no linear ad", func(s Stats) uint64 { return s.SkippedNoDuration }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newAdServer(t)
			s.handle("/vast", tc.h)
			var c Client
			ads, err := c.Fetch(t.Context(), s.URL+"/vast", nil)
			if !errors.Is(err, ErrNoAds) || ads != nil {
				t.Fatalf("Fetch = %v, %v; want ErrNoAds", ads, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
			st := c.Stats()
			if st.NoAds != 1 || (tc.stat != nil && tc.stat(st) != 1) {
				t.Errorf("stats = %+v", st)
			}
		})
	}
}

func body(s string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(s)) }
}

func TestFetchServerErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		h    func(http.ResponseWriter, *http.Request)
		kind error
		want string
	}{
		{"500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) }, ErrUnavailable, "status 500"},
		{"404", http.NotFound, ErrUnavailable, "status 404"},
		{"bad XML", body(`<VAST version="4.2"><Ad><InLine>`), ErrBadVAST, "parse vast"},
		{"html", body(`<html>oops</html>`), ErrBadVAST, "root element <html>"},
		{"too large", body(`<VAST version="4.2">` + strings.Repeat(" ", maxBody) + `</VAST>`), ErrBadVAST, "larger than"},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/vast", http.StatusFound) }, ErrUnavailable, "too many redirects"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newAdServer(t)
			s.handle("/vast", tc.h)
			var c Client
			_, err := c.Fetch(t.Context(), s.URL+"/vast", nil)
			if !errors.Is(err, tc.kind) {
				t.Fatalf("err = %v, want %v", err, tc.kind)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
	t.Run("connection refused", func(t *testing.T) {
		s := httptest.NewServer(http.NotFoundHandler())
		addr := s.URL
		s.Close()
		var c Client
		if _, err := c.Fetch(t.Context(), addr+"/vast", nil); !errors.Is(err, ErrUnavailable) {
			t.Errorf("err = %v, want ErrUnavailable", err)
		}
	})
}

func TestFetchNotAllowed(t *testing.T) {
	s := newAdServer(t)
	s.doc("/evil-wrapper", wrapperXML("e", "http://evil.example.com/vast", ""))
	s.doc("/file-wrapper", wrapperXML("f", "file:///etc/passwd", ""))
	s.handle("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.Replace(s.URL, "127.0.0.1", "localhost", 1)+"/vast", http.StatusFound)
	})
	s.doc("/vast", inlineXML(t, "a"))
	only127 := func(host string) bool { return host == "127.0.0.1" }
	for _, tc := range []struct{ name, url, want string }{
		{"first URL", strings.Replace(s.URL, "127.0.0.1", "localhost", 1) + "/vast", `host "localhost"`},
		{"wrapper host", s.URL + "/evil-wrapper", `host "evil.example.com"`},
		{"wrapper scheme", s.URL + "/file-wrapper", `scheme "file"`},
		{"redirect", s.URL + "/redirect", `host "localhost"`},
		{"userinfo", strings.Replace(s.URL, "http://", "http://user:pw@", 1) + "/vast", "userinfo"},
		{"not a URL", "http://%zz/", "invalid URL escape"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := s.hits.Load()
			c := Client{Allow: only127}
			_, err := c.Fetch(t.Context(), tc.url, nil)
			if !errors.Is(err, ErrNotAllowed) {
				t.Fatalf("err = %v, want ErrNotAllowed", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "pw@") {
				t.Errorf("error leaks the password: %v", err)
			}
			if tc.name == "first URL" && s.hits.Load() != before {
				t.Errorf("a refused URL was requested")
			}
			if st := c.Stats(); st.NotAllowed != 1 {
				t.Errorf("stats = %+v", st)
			}
		})
	}
	t.Run("allowed", func(t *testing.T) {
		c := Client{Allow: only127}
		if ads, err := c.Fetch(t.Context(), s.URL+"/vast", nil); err != nil || len(ads) != 1 {
			t.Fatalf("Fetch = %v, %v", ads, err)
		}
	})
}

func TestFetchPod(t *testing.T) {
	s := newAdServer(t)
	pod := string(readSample(t, "vast3-pod.xml"))
	pod = strings.Replace(pod, "http://example.com/next.xml", s.URL+"/second", 1)
	s.doc("/pod", pod)
	s.doc("/second", inlineXML(t, "second-inline"))
	var c Client
	ads, err := c.Fetch(t.Context(), s.URL+"/pod", nil)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	var ids []string
	for _, a := range ads {
		ids = append(ids, a.ID)
	}
	if want := []string{"first", "second-inline", "buffet"}; !equalStrings(ids, want) {
		t.Fatalf("ads %q, want %q (pod by sequence, then stand-alone)", ids, want)
	}
	if imps := ads[1].Impressions; !equalStrings(imps, []string{"https://ads.example.com/b/second-inline/impression", "http://example.com/imp/second"}) {
		t.Errorf("wrapped ad impressions %q", imps)
	}
}

func TestFetchPartialFailure(t *testing.T) {
	s := newAdServer(t)
	s.doc("/pod", `<VAST version="4.2">
<Ad id="w1" sequence="1"><Wrapper><AdSystem>x</AdSystem><VASTAdTagURI>{{base}}/broken</VASTAdTagURI></Wrapper></Ad>
<Ad id="w2" sequence="2"><Wrapper><AdSystem>x</AdSystem><VASTAdTagURI>{{base}}/good</VASTAdTagURI></Wrapper></Ad>
</VAST>`)
	s.handle("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusBadGateway) })
	s.doc("/good", inlineXML(t, "good"))
	var c Client
	ads, err := c.Fetch(t.Context(), s.URL+"/pod", nil)
	if err != nil || len(ads) != 1 || ads[0].ID != "good" {
		t.Fatalf("Fetch = %+v, %v", ads, err)
	}
	if st := c.Stats(); st.SkippedWrapper != 1 || st.Unavailable != 0 || st.Ads != 1 {
		t.Errorf("stats = %+v", st)
	}

	s.handle("/good", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) })
	_, err = c.Fetch(t.Context(), s.URL+"/pod", nil)
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "502") || !strings.Contains(err.Error(), "503") {
		t.Fatalf("both wrappers failing: %v", err)
	}
}

func TestFetchWrapperRules(t *testing.T) {
	s := newAdServer(t)
	s.doc("/two", inlineXML(t, "x", "y"))
	s.doc("/single", wrapperXML("single", "{{base}}/two", ""))
	s.doc("/multi", wrapperXML("multi", "{{base}}/two", `allowMultipleAds="true"`))
	s.doc("/nofollow", wrapperXML("nofollow", "{{base}}/single", `followAdditionalWrappers="false"`))

	var c Client
	ads, err := c.Fetch(t.Context(), s.URL+"/single", nil)
	if err != nil || len(ads) != 1 || ads[0].ID != "x" {
		t.Errorf("allowMultipleAds absent: %+v, %v; want only the first ad", ads, err)
	}
	if st := c.Stats(); st.SkippedExtra != 1 {
		t.Errorf("stats = %+v", st)
	}
	ads, err = c.Fetch(t.Context(), s.URL+"/multi", nil)
	if err != nil || len(ads) != 2 {
		t.Errorf("allowMultipleAds=true: %+v, %v", ads, err)
	}
	_, err = c.Fetch(t.Context(), s.URL+"/nofollow", nil)
	if !errors.Is(err, ErrTooManyWrappers) || !strings.Contains(err.Error(), "followAdditionalWrappers=false") {
		t.Errorf("followAdditionalWrappers=false: %v", err)
	}
}

func TestFetchConcurrent(t *testing.T) {
	s := newAdServer(t)
	chain(t, s, 2)
	var c Client
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if ads, err := c.Fetch(context.Background(), s.URL+"/w1", nil); err != nil || len(ads) != 1 {
				t.Errorf("Fetch = %v, %v", ads, err)
			}
		})
	}
	wg.Wait()
	if st := c.Stats(); st.Fetches != 16 || st.Requests != 48 || st.Ads != 16 {
		t.Errorf("stats = %+v", st)
	}
}
