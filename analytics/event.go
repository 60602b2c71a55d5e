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
	Impression    EventType = "impression"
	Start         EventType = "start"
	FirstQuartile EventType = "firstQuartile"
	Midpoint      EventType = "midpoint"
	ThirdQuartile EventType = "thirdQuartile"
	Complete      EventType = "complete"
)

// Source says who reported an event.
type Source string

const (
	SourceServer Source = "server" // the player fetched the ad segment
	SourceClient Source = "client" // the player called a tracking URL
)

// Event is one ad event. Fields are copied values: an Event never points
// into request memory.
type Event struct {
	ID        string // deterministic: see EventID
	Type      EventType
	Time      time.Time
	Source    Source
	Session   string // session id (hex)
	Viewer    string // hashed viewer id (hex), "" when anonymous
	Stream    string
	Avail     string // break id
	Position  int    // position in the pod
	Ad        string // ad id
	Creative  string
	Country   string
	Region    string
	City      string
	Device    string
	Interests []string
	UTCOffset int16 // minutes
}

// EventID is the same for the same event from any source, instance or
// retry: the key stores deduplicate on.
func EventID(session, avail string, position int, ad string, typ EventType) string {
	h := sha256.New()
	for _, s := range []string{session, avail, strconv.Itoa(position), ad, string(typ)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var sum [32]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:16])
}

// Recorder takes events off the request path. Record must not block on
// the network: implementations spool or queue.
type Recorder interface {
	Record(e Event)
}
