package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// origin serves a 40 s VOD and a 10 s house ad so adstitch's config
// validates and sessions start the way they do in production. Beacons
// never read it.
type origin struct {
	srv  *http.Server
	host string // host:port
}

const originMaster = "#EXTM3U\n" +
	"#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS=\"avc1.64001f,mp4a.40.2\",RESOLUTION=640x360\n360p.m3u8\n"

func startOrigin() (*origin, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("origin listen: %w", err)
	}
	show := "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n" +
		strings.Repeat("#EXTINF:4.000,\nseg.ts\n", 10) + "#EXT-X-ENDLIST\n"
	files := map[string]string{
		"/show/master.m3u8": originMaster,
		"/show/360p.m3u8":   show,
		"/ad/master.m3u8":   originMaster,
		"/ad/360p.m3u8": "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n" +
			"#EXTINF:4,\na0.ts\n#EXTINF:4,\na1.ts\n#EXTINF:2,\na2.ts\n#EXT-X-ENDLIST\n",
	}
	o := &origin{host: ln.Addr().String(), srv: &http.Server{
		ReadHeaderTimeout: 5 * time.Second,
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, ok := files[r.URL.Path]
			if !ok {
				http.NotFound(w, r)
				return
			}
			_, _ = w.Write([]byte(body))
		}),
	}}
	go func() { _ = o.srv.Serve(ln) }()
	return o, nil
}

func (o *origin) url(path string) string { return "http://" + o.host + path }

func (o *origin) close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := o.srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("origin shutdown: %w", err)
	}
	return nil
}
