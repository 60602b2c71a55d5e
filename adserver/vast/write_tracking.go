package vast

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// linearEvents are the TrackingEvents the schema accepts for a linear ad,
// in the order Write emits them: playback order first.
var linearEvents = []string{
	"loaded", "creativeView", "start", "firstQuartile", "midpoint", "thirdQuartile", "complete",
	"progress", "mute", "unmute", "pause", "resume", "rewind", "skip",
	"playerExpand", "playerCollapse", "closeLinear", "acceptInvitation",
	"adExpand", "adCollapse", "minimize", "close", "overlayViewDuration",
	"otherAdInteraction", "interactiveStart",
}

// progressPrefix keys progress events by offset in a Tracking map:
// "progress@00:00:10.000" or "progress@25%". Parse and Fetch key them
// the same way.
const progressPrefix = "progress@"

var errProgressOffset = errors.New(`progress needs an offset: "progress@HH:MM:SS[.mmm]" or "progress@N%"`)

// outTrackingEvents validates the Tracking map and orders it
// deterministically: by event, then offset, then the map's URL order.
func outTrackingEvents(tracking map[string][]string) ([]outTracking, error) {
	type keyed struct {
		rank   int
		offset string
		key    string
	}
	keys := make([]keyed, 0, len(tracking))
	for key := range tracking {
		event, offset := splitTrackingKey(key)
		rank := slices.Index(linearEvents, event)
		switch {
		case rank < 0:
			return nil, fmt.Errorf("event %q: not a VAST 4.2 linear tracking event", key)
		case event == "progress" && !validOffset(offset):
			return nil, fmt.Errorf("event %q: %w", key, errProgressOffset)
		}
		keys = append(keys, keyed{rank: rank, offset: offset, key: key})
	}
	slices.SortFunc(keys, func(a, b keyed) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return strings.Compare(a.offset, b.offset)
	})
	var out []outTracking
	for _, k := range keys {
		event, offset := splitTrackingKey(k.key)
		for i, u := range tracking[k.key] {
			if err := checkURL(u); err != nil {
				return nil, fmt.Errorf("event %q [%d] %q: %w", k.key, i, u, err)
			}
			out = append(out, outTracking{Event: event, Offset: offset, URL: u})
		}
	}
	return out, nil
}

// splitTrackingKey splits "progress@OFFSET"; other keys have no offset.
func splitTrackingKey(key string) (event, offset string) {
	if rest, ok := strings.CutPrefix(key, progressPrefix); ok {
		return "progress", rest
	}
	return key, ""
}

// validOffset accepts what the schema's offset pattern does, narrowed to
// sane values: HH:MM:SS or HH:MM:SS.mmm, or a percentage 0-100.
func validOffset(s string) bool {
	if pct, ok := strings.CutSuffix(s, "%"); ok {
		whole, frac, hasFrac := strings.Cut(pct, ".")
		n, ok := atoiDigits(whole)
		if !ok || len(whole) > 3 || n > 100 || (hasFrac && (frac == "" || !allDigits(frac))) {
			return false
		}
		return true
	}
	if len(s) != len("00:00:00") && len(s) != len("00:00:00.000") {
		return false
	}
	_, err := parseDuration(s)
	return err == nil && s[2] == ':' && s[5] == ':'
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
