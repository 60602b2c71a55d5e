package demoorigin

import (
	"errors"
	"net/url"
	"strings"
)

// ErrBadPath means a request path tries to leave the origin's directory
// or is otherwise malformed.
var ErrBadPath = errors.New("bad path")

// relPath returns the slash-separated path below Prefix that a raw
// (still percent-encoded) request path names. It decodes the path itself
// rather than trusting the server's normalized one, so that a traversal
// attempt is refused as such instead of being quietly resolved: no "." or
// ".." segment, no empty segment (which is how an absolute path would
// sneak in), no NUL, no backslash, encoded or not.
func relPath(raw string) (string, error) {
	rest, ok := strings.CutPrefix(raw, Prefix)
	if !ok {
		return "", ErrBadPath
	}
	rel, err := url.PathUnescape(rest)
	if err != nil {
		return "", ErrBadPath
	}
	if rel == "" || strings.ContainsAny(rel, "\x00\\") {
		return "", ErrBadPath
	}
	for seg := range strings.SplitSeq(rel, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", ErrBadPath
		}
	}
	return rel, nil
}

// staticType returns the Content-Type of a file the origin serves, or ""
// for one it does not: only playlists and MPEG-TS segments of the demo
// media trees, never the marker file or anything else in the directory.
func staticType(rel string) string {
	top, _, ok := strings.Cut(rel, "/")
	if !ok || (top != "vod" && top != "ads" && top != "slate") {
		return ""
	}
	switch {
	case strings.HasSuffix(rel, ".m3u8"):
		return contentTypePlaylist
	case strings.HasSuffix(rel, ".ts"):
		return contentTypeSegment
	}
	return ""
}

const (
	contentTypePlaylist = "application/vnd.apple.mpegurl"
	contentTypeSegment  = "video/mp2t"
)
