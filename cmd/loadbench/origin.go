package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"
)

// The synthetic origin's live timeline: segment n spans [n·4s, (n+1)·4s)
// since the Unix epoch, the window lists liveWindow segments from
// media sequence floor(now/4s), and every breakPeriod segments the first
// breakSegments are an ad break marked CUE-OUT / CUE-OUT-CONT / CUE-IN.
//
// The window starts at the wall clock instead of ending there: a break
// that ended before a session began is left as the origin has it, and the
// harness needs an ad pod in every personalized response, however long
// after session creation it is measured. Starting at "now", every break in
// the window ends after the sessions were created.
const (
	segmentSeconds = 4
	liveWindow     = 10
	breakPeriod    = 10 // every window holds (part of) a break
	breakSegments  = 5  // 20 s
)

// variant is one rendition of the origin's ladder; house ads use the same
// ladder so adstitch finds a matching ad rendition.
type variant struct {
	name, attrs string
}

var ladder = []variant{
	{"720p", `BANDWIDTH=2400000,AVERAGE-BANDWIDTH=2200000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",FRAME-RATE=30.000`},
	{"360p", `BANDWIDTH=800000,AVERAGE-BANDWIDTH=720000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2",FRAME-RATE=30.000`},
}

// houseAdSegments are the house ad's segment durations: 10 s.
var houseAdSegments = []string{"4.000", "4.000", "2.000"}

// origin is the in-process HLS origin adstitch personalizes.
type origin struct {
	srv  *http.Server
	host string // host:port
	now  func() time.Time
}

// startOrigin serves the synthetic origin on 127.0.0.1:0 until close:
//
//	/live/master.m3u8   /live/{variant}.m3u8    live channel
//	/house/master.m3u8  /house/{variant}.m3u8   10 s house ad (VOD)
func startOrigin() (*origin, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("origin listen: %w", err)
	}
	o := &origin{host: ln.Addr().String(), now: time.Now}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /live/master.m3u8", func(w http.ResponseWriter, _ *http.Request) {
		writeM3U8(w, appendMaster(nil))
	})
	mux.HandleFunc("GET /house/master.m3u8", func(w http.ResponseWriter, _ *http.Request) {
		writeM3U8(w, appendMaster(nil))
	})
	mux.HandleFunc("GET /live/{file}", o.media(func(v string) []byte { return appendLiveMedia(nil, v, o.now()) }))
	mux.HandleFunc("GET /house/{file}", o.media(func(v string) []byte { return appendHouseMedia(nil, v) }))
	o.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := o.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Println("loadbench: origin:", err)
		}
	}()
	return o, nil
}

// media serves {variant}.m3u8 with render, 404 for anything else.
func (o *origin) media(render func(variant string) []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("file")
		for _, v := range ladder {
			if name == v.name+".m3u8" {
				writeM3U8(w, render(v.name))
				return
			}
		}
		http.NotFound(w, r)
	}
}

func (o *origin) url(path string) string { return "http://" + o.host + path }

func (o *origin) close(ctx context.Context) error { return o.srv.Shutdown(ctx) }

func writeM3U8(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(body)
}

// appendMaster appends a master playlist listing the ladder's media
// playlists by relative URI.
func appendMaster(dst []byte) []byte {
	dst = append(dst, "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n"...)
	for _, v := range ladder {
		dst = append(dst, "#EXT-X-STREAM-INF:"...)
		dst = append(dst, v.attrs...)
		dst = append(dst, '\n')
		dst = append(dst, v.name...)
		dst = append(dst, ".m3u8\n"...)
	}
	return dst
}

// appendLiveMedia appends variant's live window at instant now.
func appendLiveMedia(dst []byte, variant string, now time.Time) []byte {
	first := now.Unix() / segmentSeconds
	dst = append(dst, "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:"...)
	dst = strconv.AppendInt(dst, segmentSeconds, 10)
	dst = append(dst, "\n#EXT-X-MEDIA-SEQUENCE:"...)
	dst = strconv.AppendInt(dst, first, 10)
	dst = append(dst, '\n')
	for n := first; n < first+liveWindow; n++ {
		dst = appendCue(dst, n)
		dst = append(dst, "#EXT-X-PROGRAM-DATE-TIME:"...)
		dst = time.Unix(n*segmentSeconds, 0).UTC().AppendFormat(dst, "2006-01-02T15:04:05.000Z")
		dst = append(dst, "\n#EXTINF:4.000,\n"...)
		dst = append(dst, variant...)
		dst = append(dst, "/seg"...)
		dst = strconv.AppendInt(dst, n, 10)
		dst = append(dst, ".ts\n"...)
	}
	return dst
}

// appendCue appends the break marker, if any, that precedes segment n.
func appendCue(dst []byte, n int64) []byte {
	pos := n % breakPeriod
	switch {
	case pos == 0:
		dst = append(dst, "#EXT-X-CUE-OUT:DURATION="...)
		dst = strconv.AppendInt(dst, breakSegments*segmentSeconds, 10)
		dst = append(dst, '\n')
	case pos < breakSegments:
		dst = append(dst, "#EXT-X-CUE-OUT-CONT:ElapsedTime="...)
		dst = strconv.AppendInt(dst, pos*segmentSeconds, 10)
		dst = append(dst, ",Duration="...)
		dst = strconv.AppendInt(dst, breakSegments*segmentSeconds, 10)
		dst = append(dst, '\n')
	case pos == breakSegments:
		dst = append(dst, "#EXT-X-CUE-IN\n"...)
	}
	return dst
}

// appendHouseMedia appends the house ad's VOD media playlist for variant.
func appendHouseMedia(dst []byte, variant string) []byte {
	dst = append(dst, "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-MEDIA-SEQUENCE:0\n"...)
	for i, d := range houseAdSegments {
		dst = append(dst, "#EXTINF:"...)
		dst = append(dst, d...)
		dst = append(dst, ",\n"...)
		dst = append(dst, variant...)
		dst = append(dst, "/ad"...)
		dst = strconv.AppendInt(dst, int64(i), 10)
		dst = append(dst, ".ts\n"...)
	}
	return append(dst, "#EXT-X-ENDLIST\n"...)
}
