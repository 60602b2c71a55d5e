package analytics

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// EventType is what happened. The names follow VAST 4.2 tracking events.
type EventType string

const (
	SessionStart  EventType = "session_start"
	AvailFilled   EventType = "avail_filled"   // one per ad decided into an avail
	AvailUnfilled EventType = "avail_unfilled" // an avail nothing filled; Reason says why
	Impression    EventType = "impression"
	Start         EventType = "start"
	FirstQuartile EventType = "firstQuartile"
	Midpoint      EventType = "midpoint"
	ThirdQuartile EventType = "thirdQuartile"
	Complete      EventType = "complete"
	Error         EventType = "error" // playback or delivery error; Reason says which
)

// Types lists every event type, in the order reports show them.
var Types = []EventType{SessionStart, AvailFilled, AvailUnfilled, Impression, Start,
	FirstQuartile, Midpoint, ThirdQuartile, Complete, Error}

// Valid reports whether t is a known event type.
func (t EventType) Valid() bool {
	for _, k := range Types {
		if k == t {
			return true
		}
	}
	return false
}

// Source says who reported an event.
type Source string

const (
	SourceServer Source = "server" // the player fetched the ad segment
	SourceClient Source = "client" // the player called a tracking URL
)

// Event is one ad event. Fields are copied values: an Event never points
// into request memory. The JSON form is the wire format of the spool and
// of Kafka messages, and the column names of both stores.
type Event struct {
	ID         string    `json:"event_id"` // deterministic: see EventID
	Type       EventType `json:"type"`
	Time       time.Time `json:"time"`
	Source     Source    `json:"source"`
	Session    string    `json:"session"`          // session id (hex)
	Viewer     string    `json:"viewer,omitempty"` // hashed viewer id (hex), "" when anonymous
	Stream     string    `json:"stream"`
	Avail      string    `json:"avail,omitempty"` // break id
	Position   int       `json:"position"`        // position in the pod
	Ad         string    `json:"ad,omitempty"`    // ad id
	Advertiser string    `json:"advertiser,omitempty"`
	Campaign   string    `json:"campaign,omitempty"`
	Creative   string    `json:"creative,omitempty"`
	Variant    string    `json:"variant,omitempty"`
	Country    string    `json:"country,omitempty"`
	Region     string    `json:"region,omitempty"`
	City       string    `json:"city,omitempty"`
	LocalHour  int       `json:"local_hour"` // 0-23 in the viewer's time zone
	Daypart    string    `json:"daypart,omitempty"`
	Interests  []string  `json:"interests,omitempty"`
	Device     string    `json:"device,omitempty"`
	UTCOffset  int16     `json:"utc_offset"` // minutes
	Reason     string    `json:"reason,omitempty"`
}

// Daypart names the part of the day of a local hour: morning 5-11,
// afternoon 12-16, evening 17-21, night 22-4.
func Daypart(localHour int) string {
	switch {
	case localHour >= 5 && localHour < 12:
		return "morning"
	case localHour >= 12 && localHour < 17:
		return "afternoon"
	case localHour >= 17 && localHour < 22:
		return "evening"
	}
	return "night"
}

// LocalHour is the hour of day at t for a viewer offset minutes east of UTC.
func LocalHour(t time.Time, offsetMinutes int16) int {
	return t.UTC().Add(time.Duration(offsetMinutes) * time.Minute).Hour()
}

// EventID is the same for the same event from any source, instance or
// retry: the key stores deduplicate on. It is computed on every beacon, so
// the hashed bytes are built on the stack.
func EventID(session, avail string, position int, ad string, typ EventType) string {
	var buf [192]byte
	b := append(buf[:0], session...)
	b = append(b, 0)
	b = append(b, avail...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(position), 10)
	b = append(b, 0)
	b = append(b, ad...)
	b = append(b, 0)
	b = append(b, typ...)
	b = append(b, 0)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// Recorder takes events off the request path. Record must not block on
// the network: implementations append to the local spool. An error means
// the event was not kept (the spool is full or broken): the caller must not
// pretend it was counted.
type Recorder interface {
	Record(e Event) error
}
