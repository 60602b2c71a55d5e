package template

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Sentinel errors callers branch on.
var (
	// ErrInvalid marks every validation error Parse returns (a 4xx for
	// the marketer API).
	ErrInvalid = errors.New("invalid template")
	// ErrUnknownFont: a font name no discovered font file carries.
	ErrUnknownFont = errors.New("unknown font")
	// ErrOverflow: a text layer is wider than the frame even at its
	// smallest allowed size.
	ErrOverflow = errors.New("text overflows the frame")
	// ErrMissingGlyph: the font cannot draw a character of the text.
	ErrMissingGlyph = errors.New("no glyph")
)

// FieldError is one validation error, named by its JSON path
// ("template.text[1].font").
type FieldError struct {
	Path string
	Msg  string
	Err  error // the specific cause (ErrUnknownFont, ErrOverflow ...), or nil
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Msg }

// Unwrap makes errors.Is(err, ErrInvalid) true for every FieldError, and
// true for its specific cause.
func (e *FieldError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrInvalid}
	}
	return []error{ErrInvalid, e.Err}
}

// OverflowError says how far a text layer overflows the frame at the
// smallest size it may be shrunk to.
type OverflowError struct {
	Layer int     // index in template.text
	Text  string  // the expanded text
	Ratio float64 // text width / frame width at the smallest size
}

func (e *OverflowError) Error() string {
	return fmt.Sprintf("text.%d: %s is %.1fx the frame width at the smallest size", e.Layer, quoteShort(e.Text), e.Ratio)
}

func (e *OverflowError) Unwrap() error { return ErrOverflow }

// quoteShort quotes s, cut to a readable length for an error message.
func quoteShort(s string) string {
	const max = 26 // runes
	if utf8.RuneCountInString(s) <= max {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == max {
			q := strconv.Quote(s[:i])
			return q[:len(q)-1] + `..."`
		}
		n++
	}
	return strconv.Quote(s)
}
