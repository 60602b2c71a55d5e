package main

import (
	"fmt"
	"net"
	"net/http"

	"github.com/valyala/fasthttp"
)

// perResponse are headers fasthttp writes itself for every response.
var perResponse = map[string]bool{
	"Content-Length": true, "Content-Type": true, "Date": true, "Server": true, "Connection": true,
}

// staticServer answers every request with one captured playlist: the
// baseline the personalized path is compared with.
type staticServer struct {
	srv  *fasthttp.Server
	base string // http://host:port
	done chan error
}

// startStatic serves pl's body, Content-Type and other headers (CORS,
// Cache-Control) for any path on 127.0.0.1:0, so both sides of the
// comparison put the same bytes on the wire.
func startStatic(pl *playlist) (*staticServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("static listen: %w", err)
	}
	var extra [][2]string
	for k, vs := range pl.header {
		if perResponse[http.CanonicalHeaderKey(k)] {
			continue
		}
		for _, v := range vs {
			extra = append(extra, [2]string{k, v})
		}
	}
	body, contentType := pl.body, pl.contentType
	s := &staticServer{base: "http://" + ln.Addr().String(), done: make(chan error, 1)}
	s.srv = &fasthttp.Server{
		Name:   "adstitch",
		Logger: discardLogger{}, // wrk drops its connections at the end of a run
		Handler: func(ctx *fasthttp.RequestCtx) {
			for _, h := range extra {
				ctx.Response.Header.Set(h[0], h[1])
			}
			ctx.SetContentType(contentType)
			ctx.SetBody(body)
		},
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

func (s *staticServer) close() error {
	if err := s.srv.Shutdown(); err != nil {
		return fmt.Errorf("static shutdown: %w", err)
	}
	return <-s.done
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}
