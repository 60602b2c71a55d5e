package probe

import (
	"path/filepath"
	"strings"
)

// tidyLog turns ffmpeg's error log about path into a short message for
// the person who uploaded the file: "[h264 @ 0x55d…] error while decoding
// MB 26 8" becomes "h264: error while decoding MB 26 8", the server-side
// path becomes the file's base name, repeats go, and at most the first
// max messages are kept.
func tidyLog(log, path string, max int) string {
	var out []string
	seen := map[string]bool{}
	for line := range strings.SplitSeq(log, "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "["); ok {
			if ctx, msg, ok := strings.Cut(rest, "] "); ok {
				name, _, _ := strings.Cut(ctx, " @ ")
				line = name + ": " + msg
			}
		}
		if path != "" {
			line = strings.ReplaceAll(line, path, filepath.Base(path))
		}
		if line == "" || seen[line] {
			continue
		}
		seen[line] = true
		if len(out) == max {
			out = append(out, "…")
			break
		}
		out = append(out, line)
	}
	return strings.Join(out, " | ")
}
