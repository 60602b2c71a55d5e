package demoorigin

import (
	"bytes"
	"errors"
	"fmt"
)

// ErrBadMaster means the VOD master playlist cannot be turned into the live
// one.
var ErrBadMaster = errors.New("bad VOD master playlist")

// LiveMaster appends the live master playlist to dst: the VOD master with
// each variant URI "<rendition>/index.m3u8" replaced by
// "<rendition>.m3u8?cue=<dialect>", so that the live stream keeps the
// ladder, bandwidths and codec strings of the media it loops.
func LiveMaster(dst, vodMaster []byte, cue Dialect) ([]byte, error) {
	if !bytes.HasPrefix(vodMaster, []byte("#EXTM3U")) {
		return dst, fmt.Errorf("%w: no #EXTM3U", ErrBadMaster)
	}
	variants := 0
	for lineNo := 1; len(vodMaster) > 0; lineNo++ {
		line, rest, _ := bytes.Cut(vodMaster, []byte("\n"))
		vodMaster = rest
		line = bytes.TrimRight(line, "\r")
		if len(line) == 0 || line[0] == '#' {
			dst = append(dst, line...)
			dst = append(dst, '\n')
			continue
		}
		rendition, _, ok := bytes.Cut(line, []byte("/"))
		if !ok || !validRendition(rendition) {
			return dst, fmt.Errorf("%w: line %d: variant URI %q is not <rendition>/<playlist>", ErrBadMaster, lineNo, line)
		}
		dst = append(dst, rendition...)
		dst = append(dst, ".m3u8?cue="...)
		dst = append(dst, cue.String()...)
		dst = append(dst, '\n')
		variants++
	}
	if variants == 0 {
		return dst, fmt.Errorf("%w: no variants", ErrBadMaster)
	}
	return dst, nil
}

// validRendition accepts rendition names as variants/demo makes them:
// letters, digits, '-' and '_'.
func validRendition(name []byte) bool {
	if len(name) == 0 || len(name) > 64 {
		return false
	}
	for _, c := range name {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
