package e2e

import (
	"bytes"
	"strconv"
)

// progress is the last value of each -progress key FFmpegDecode reads.
type progress struct {
	outTimeUS int64
	frames    int
	end       bool // progress=end: ffmpeg finished on its own
}

// parseProgress reads ffmpeg's -progress output: blocks of key=value lines,
// each closed by progress=continue|end. Later values win; "N/A" and
// malformed values are ignored, so a cut-off stream yields what was there.
func parseProgress(out []byte) progress {
	var p progress
	for line := range bytes.Lines(out) {
		key, value, ok := bytes.Cut(bytes.TrimSpace(line), []byte{'='})
		if !ok {
			continue
		}
		switch string(key) {
		case "out_time_us":
			if n, err := strconv.ParseInt(string(value), 10, 64); err == nil && n >= 0 {
				p.outTimeUS = n
			}
		case "frame":
			if n, err := strconv.Atoi(string(value)); err == nil && n >= 0 {
				p.frames = n
			}
		case "progress":
			p.end = string(value) == "end"
		}
	}
	return p
}

// outputContexts are the log contexts of the output side of
// `-f null`: their errors are timestamp bookkeeping at splices (audio that
// overlaps the next clip by part of a frame), not decode failures.
var outputContexts = [][]byte{[]byte("[null @"), []byte("[wrapped_avframe @"), []byte("[pcm_s16le @")}

// splitLog sorts ffmpeg's stderr, written with -loglevel level+…, into error
// lines (levels error, fatal, panic, from the input side) and warnings.
func splitLog(stderr []byte) (errs, warnings []string) {
	for line := range bytes.Lines(stderr) {
		line = bytes.TrimRight(line, "\r\n")
		switch logLevel(line) {
		case "error", "fatal", "panic":
			if fromOutput(line) {
				warnings = append(warnings, string(line))
			} else {
				errs = append(errs, string(line))
			}
		case "warning":
			warnings = append(warnings, string(line))
		}
	}
	return errs, warnings
}

// logLevel returns the level tag of a line, "[ctx @ 0x…] [error] msg" or
// "[error] msg"; "" when the line has none.
func logLevel(line []byte) string {
	for range 2 { // at most a context tag, then the level tag
		if len(line) == 0 || line[0] != '[' {
			return ""
		}
		tag, rest, ok := bytes.Cut(line[1:], []byte("]"))
		if !ok {
			return ""
		}
		switch string(tag) {
		case "panic", "fatal", "error", "warning", "info", "verbose", "debug", "trace":
			return string(tag)
		}
		line = bytes.TrimPrefix(rest, []byte(" "))
	}
	return ""
}

func fromOutput(line []byte) bool {
	for _, ctx := range outputContexts {
		if bytes.HasPrefix(line, ctx) {
			return true
		}
	}
	return false
}
