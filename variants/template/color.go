package template

import (
	"strconv"
	"strings"
)

// colorNames are ffmpeg colour names a template may use (ffmpeg matches
// names case-insensitively). An allow-list, not ffmpeg's whole table: the
// value goes into a filter graph, so nothing unexpected may reach it.
var colorNames = map[string]bool{
	"white": true, "black": true, "red": true, "green": true, "blue": true,
	"yellow": true, "cyan": true, "magenta": true, "orange": true, "gray": true,
	"silver": true, "navy": true, "purple": true, "pink": true, "gold": true,
	"lime": true, "maroon": true, "olive": true, "teal": true, "brown": true,
	"violet": true, "aqua": true, "fuchsia": true,
}

const colorHelp = "use a name such as white, black or yellow, or #RRGGBB or #RRGGBBAA, optionally followed by @alpha (0 to 1)"

// validColor accepts NAME, #RRGGBB or #RRGGBBAA, each optionally with
// "@A" (alpha 0..1), e.g. "black@0.5".
func validColor(s string) bool {
	c, alpha, hasAlpha := strings.Cut(s, "@")
	if hasAlpha && !validAlpha(alpha) {
		return false
	}
	if colorNames[strings.ToLower(c)] {
		return true
	}
	if len(c) != 7 && len(c) != 9 || c[0] != '#' {
		return false
	}
	for i := 1; i < len(c); i++ {
		if !isHex(c[i]) {
			return false
		}
	}
	return true
}

func validAlpha(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '.' && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	a, err := strconv.ParseFloat(s, 64)
	return err == nil && a >= 0 && a <= 1
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
