package demoorigin

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/valyala/fasthttp"
)

// Handler serves requests whose path starts with Prefix:
//
//	/origin/{vod,ads/<ad>,slate}/…/*.m3u8|*.ts   the demo media, as files
//	/origin/live/master.m3u8?cue=<dialect>       the live master playlist
//	/origin/live/<rendition>.m3u8?cue=<dialect>  the live media playlist
//
// Every response allows any origin (players on other ports fetch it);
// errors are JSON. Nothing else under the directory is served and no
// directory is listed.
func (o *Origin) Handler(ctx *fasthttp.RequestCtx) {
	h := &ctx.Response.Header
	h.Set("Access-Control-Allow-Origin", "*")
	switch {
	case ctx.IsGet() || ctx.IsHead():
	case ctx.IsOptions():
		h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Range")
		h.Set("Access-Control-Max-Age", "86400")
		ctx.SetStatusCode(fasthttp.StatusNoContent)
		return
	default:
		h.Set("Allow", "GET, HEAD, OPTIONS")
		writeError(ctx, fasthttp.StatusMethodNotAllowed, "method not allowed")
		return
	}

	raw := string(ctx.URI().PathOriginal())
	if !strings.HasPrefix(raw, Prefix) {
		writeError(ctx, fasthttp.StatusNotFound, "not found")
		return
	}
	rel, err := relPath(raw)
	if err != nil {
		writeError(ctx, fasthttp.StatusBadRequest, "bad path")
		return
	}
	if name, ok := strings.CutPrefix(rel, "live/"); ok {
		o.serveLive(ctx, name)
		return
	}
	contentType := staticType(rel)
	if contentType == "" {
		writeError(ctx, fasthttp.StatusNotFound, "not found")
		return
	}
	o.static(ctx)
	switch code := ctx.Response.StatusCode(); code {
	case fasthttp.StatusOK, fasthttp.StatusPartialContent:
		// fasthttp guesses from the system MIME table, which may call .ts
		// TypeScript or Qt Linguist.
		ctx.SetContentType(contentType)
		h.Set("Cache-Control", "public, max-age=60")
	case fasthttp.StatusNotModified:
		// A browser revalidating a segment it cached (If-Modified-Since).
		// fasthttp reset the response for the 304, CORS header included.
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Cache-Control", "public, max-age=60")
	case fasthttp.StatusNotFound, fasthttp.StatusRequestedRangeNotSatisfiable:
	default:
		// A directory named like a file, an unreadable file…: nothing to
		// show but the fact.
		writeError(ctx, fasthttp.StatusNotFound, "not found")
	}
}

// serveLive serves the live master and media playlists.
func (o *Origin) serveLive(ctx *fasthttp.RequestCtx, name string) {
	cue, err := ParseDialect(string(ctx.QueryArgs().Peek("cue")))
	if err != nil {
		writeError(ctx, fasthttp.StatusBadRequest, err.Error())
		return
	}
	rendition, ok := strings.CutSuffix(name, ".m3u8")
	if !ok || !validRendition([]byte(rendition)) {
		writeError(ctx, fasthttp.StatusNotFound, "not found")
		return
	}

	var body []byte
	if rendition == "master" {
		vod, err := os.ReadFile(filepath.Join(o.dir, "vod", "master.m3u8"))
		if err != nil {
			writeError(ctx, fasthttp.StatusNotFound, "demo media not prepared")
			return
		}
		if body, err = LiveMaster(make([]byte, 0, len(vod)+128), vod, cue); err != nil {
			writeError(ctx, fasthttp.StatusInternalServerError, err.Error())
			return
		}
	} else {
		if _, err := os.Stat(filepath.Join(o.dir, "vod", rendition, "index.m3u8")); err != nil {
			writeError(ctx, fasthttp.StatusNotFound, "no such rendition")
			return
		}
		body = o.LivePlaylist(make([]byte, 0, 4096), rendition, cue, o.now())
	}
	ctx.SetContentType(contentTypePlaylist)
	ctx.Response.Header.Set("Cache-Control", "no-cache")
	ctx.SetBody(body)
}

// writeError answers with a JSON error body.
func writeError(ctx *fasthttp.RequestCtx, code int, msg string) {
	body, err := json.Marshal(struct {
		Error  string `json:"error"`
		Status int    `json:"status"`
	}{msg, code})
	if err != nil {
		body = []byte(`{"error":"internal"}`)
	}
	ctx.Response.ResetBody()
	ctx.SetStatusCode(code)
	ctx.SetContentType("application/json")
	ctx.SetBody(append(body, '\n'))
}
