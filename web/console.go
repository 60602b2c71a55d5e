// Package web is the browser console (marketers, analysts) compiled from
// the TypeScript in src/ by `make web` into dist/, which is embedded in
// the binary. It owns the static assets and nothing else: every number the
// console shows comes from the public HTTP API.
package web

import (
	"embed"
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/valyala/fasthttp"
)

//go:embed all:dist
var dist embed.FS

// Prefix is where the console's files are served; "/" redirects here.
const Prefix = "/console/"

// Built reports whether the assets were built into this binary.
func Built() bool {
	_, err := fs.Stat(dist, "dist/index.html")
	return err == nil
}

// Handler serves the console under Prefix.
func Handler(ctx *fasthttp.RequestCtx) {
	name := strings.TrimPrefix(string(ctx.Path()), Prefix)
	if name == "" {
		name = "index.html"
	}
	if strings.Contains(name, "..") || strings.HasPrefix(name, ".") {
		ctx.Error("not found", fasthttp.StatusNotFound)
		return
	}
	b, err := dist.ReadFile("dist/" + name)
	if err != nil {
		if name == "index.html" {
			ctx.SetContentType("text/plain; charset=utf-8")
			ctx.SetStatusCode(fasthttp.StatusServiceUnavailable)
			ctx.SetBodyString("the console is not built into this binary: run `make web` (or `make build`) and rebuild\n")
			return
		}
		ctx.Error("not found", fasthttp.StatusNotFound)
		return
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		ctx.SetContentType(t)
	}
	if name == "index.html" {
		ctx.Response.Header.Set("Cache-Control", "no-cache")
	}
	ctx.SetBody(b)
}
