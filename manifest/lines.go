package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Parse errors. Callers branch on these with errors.Is.
var (
	ErrNotPlaylist = errors.New("not an HLS playlist (missing #EXTM3U)")
	ErrSyntax      = errors.New("playlist syntax")
	ErrLimit       = errors.New("playlist exceeds a limit")
)

// Limits that keep a hostile origin from exhausting memory. A playlist is
// already capped at 2 MiB by the fetcher; these bound what a valid-looking
// playlist may ask of us.
const (
	maxSegments = 100_000
	maxLineLen  = 64 << 10
	maxDuration = 86_400.0 // one segment longer than a day is absurd
)

// LineError is a problem on one playlist line.
type LineError struct {
	Line int    // 1-based
	Tag  string // the tag name, or "URI"
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s: %v", e.Line, e.Tag, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

func lineErr(line int, tag string, format string, args ...any) error {
	return &LineError{Line: line, Tag: tag, Err: fmt.Errorf("%w: "+format, append([]any{ErrSyntax}, args...)...)}
}

// scanner walks playlist lines, accepting LF and CRLF endings and a leading
// UTF-8 byte order mark, and skipping blank lines.
type scanner struct {
	data []byte
	pos  int
	line int
}

func newScanner(data []byte) *scanner {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	return &scanner{data: data}
}

// next returns the next non-blank line without its line ending.
func (s *scanner) next() (string, bool, error) {
	for s.pos < len(s.data) {
		end := bytes.IndexByte(s.data[s.pos:], '\n')
		var raw []byte
		if end < 0 {
			raw = s.data[s.pos:]
			s.pos = len(s.data)
		} else {
			raw = s.data[s.pos : s.pos+end]
			s.pos += end + 1
		}
		s.line++
		raw = bytes.TrimRight(raw, "\r \t")
		if len(raw) == 0 {
			continue
		}
		if len(raw) > maxLineLen {
			return "", false, &LineError{Line: s.line, Tag: "line", Err: fmt.Errorf("%w: line longer than %d bytes", ErrLimit, maxLineLen)}
		}
		if !utf8.Valid(raw) {
			return "", false, lineErr(s.line, "line", "invalid UTF-8")
		}
		return string(raw), true, nil
	}
	return "", false, nil
}

// splitTag splits "#EXT-X-FOO:value" into ("EXT-X-FOO", "value").
func splitTag(line string) (name, value string) {
	name, value, _ = cutByte(line[1:], ':')
	return name, value
}

func cutByte(s string, sep byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
