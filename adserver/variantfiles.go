package adserver

import (
	"errors"
	"path"
	"strings"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/variants"
)

// variantFile serves a file of a rendered variant:
// /v1/variants/{id}/master.m3u8, /v1/variants/{id}/r0/seg_000.ts ...
// Players (and the ad catalog) fetch them; ids are content addresses, so
// files never change and may be cached for ever.
func (s *Server) variantFile(ctx *fasthttp.RequestCtx, rest string) {
	if s.personalize == nil {
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "this server renders no variants")
		return
	}
	id, name, _ := strings.Cut(rest, "/")
	file, err := s.personalize.svc.File(id, name)
	switch {
	case errors.Is(err, variants.ErrBadName):
		jsonError(ctx, fasthttp.StatusBadRequest, "bad_name", err.Error())
		return
	case err != nil:
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "no such variant file: "+id+"/"+name)
		return
	}
	switch path.Ext(name) {
	case ".m3u8":
		ctx.SetContentType("application/vnd.apple.mpegurl")
	case ".ts":
		ctx.SetContentType("video/mp2t")
	case ".m4s", ".mp4":
		ctx.SetContentType("video/mp4")
	}
	ctx.Response.Header.Set("Cache-Control", "public, max-age=31536000, immutable")
	ctx.SendFile(file)
}
