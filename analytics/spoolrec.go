package analytics

import (
	"encoding/json"
	"fmt"
)

// Appender is the durable log events are written to first (analytics/spool).
type Appender interface {
	Append(rec []byte) error
}

// SpoolRecorder appends each event, JSON encoded, to a durable spool and
// returns once it is on disk: a recorded event survives kill -9.
type SpoolRecorder struct{ Spool Appender }

func (r SpoolRecorder) Record(e Event) error {
	b, err := json.Marshal(&e)
	if err != nil {
		return fmt.Errorf("encode event %s: %w", e.ID, err)
	}
	if err := r.Spool.Append(b); err != nil {
		return fmt.Errorf("spool event %s: %w", e.ID, err)
	}
	return nil
}

// DecodeEvents decodes spool or Kafka records into events, validating each.
func DecodeEvents(records [][]byte) ([]Event, error) {
	out := make([]Event, 0, len(records))
	for i, r := range records {
		var e Event
		if err := json.Unmarshal(r, &e); err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
		if err := e.Validate(); err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// Validate reports what makes an event unusable.
func (e *Event) Validate() error {
	switch {
	case e.ID == "":
		return fmt.Errorf("event without event_id")
	case !e.Type.Valid():
		return fmt.Errorf("event %s: unknown type %q", e.ID, e.Type)
	case e.Time.IsZero():
		return fmt.Errorf("event %s: no time", e.ID)
	case e.Session == "":
		return fmt.Errorf("event %s: no session", e.ID)
	}
	return nil
}
