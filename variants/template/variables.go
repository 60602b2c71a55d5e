package template

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// The built-in variables, resolved from the viewer context.
const (
	VarCity      = "city"
	VarRegion    = "region"
	VarCountry   = "country"
	VarGreeting  = "greeting"   // the time of day, localized: "Good {greeting}" -> "Good morning"
	VarHello     = "hello"      // the whole greeting, localized: "Good morning", "Buenos días"
	VarDaypart   = "daypart"    // morning, afternoon, evening, night
	VarInterest  = "interest"   // see Template.interest
	VarLocalTime = "local_time" // the viewer's local hour: "08:00"
	VarDevice    = "device"
)

var builtins = []string{VarCity, VarCountry, VarDaypart, VarDevice, VarGreeting, VarHello, VarInterest, VarLocalTime, VarRegion}

func isBuiltin(name string) bool { return slices.Contains(builtins, name) }

// value resolves one used variable for a viewer. ctx may be nil.
func (t *Template) value(name string, ctx *campaign.Context) string {
	if v, ok := t.vars[name]; ok {
		return v
	}
	if ctx == nil {
		ctx = &campaign.Context{LocalHour: -1}
	}
	var v string
	switch name {
	case VarCity:
		v = ctx.City
	case VarRegion:
		v = ctx.Region
	case VarCountry:
		v = ctx.Country
	case VarDaypart:
		v = ctx.Daypart
	case VarDevice:
		v = ctx.Device
	case VarInterest:
		v = t.interest(ctx.Interests)
	case VarLocalTime:
		if ctx.LocalHour >= 0 && ctx.LocalHour <= 23 {
			v = twoDigits[ctx.LocalHour] + ":00"
		}
	case VarGreeting:
		v = greeting(t.lang, ctx.Daypart)
	case VarHello:
		v = helloFor(t.lang, ctx.Daypart)
	}
	v = clean(v)
	if v != "" {
		return v
	}
	if d, ok := t.defaults[name]; ok {
		return d
	}
	switch name { // no daypart known: a greeting for any time
	case VarGreeting:
		return anyTime[t.lang]
	case VarHello:
		return hello(t.lang)
	}
	return ""
}

var twoDigits = [24]string{"00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11",
	"12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23"}

// interest is the first of the viewer's interests the template lists,
// else the viewer's first interest, else "" (then defaults apply).
func (t *Template) interest(viewer []string) string {
	for _, v := range viewer {
		for _, w := range t.interests {
			if v == w {
				return v
			}
		}
	}
	for _, v := range viewer {
		if v != "" {
			return v
		}
	}
	return ""
}

// clean makes a viewer value safe to draw on one line and to speak:
// control characters become spaces and invalid UTF-8 becomes U+FFFD.
// Every other byte passes through unchanged: percent signs, quotes, colons
// and backslashes reach the render as they are.
func clean(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if isControl(r) {
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isControl: C0, DEL and C1 control characters, which draw as nothing
// useful (or break the line) in drawtext.
func isControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r < 0xa0
}
