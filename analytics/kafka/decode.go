package kafka

import (
	"errors"
	"fmt"

	"github.com/adstitch/adstitch/analytics"
)

// ErrMalformed is wrapped by decodeEvent for a record that is not an event.
var ErrMalformed = errors.New("malformed event record")

// decodeEvent parses one Kafka record into an event. Unknown fields are
// accepted (newer producers); a record without an id, a known type or a
// time is not an event the stores can count.
func decodeEvent(record []byte) (analytics.Event, error) {
	var e analytics.Event
	if err := analytics.UnmarshalEvent(record, &e); err != nil {
		return e, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	switch {
	case e.ID == "":
		return e, fmt.Errorf("%w: no event_id", ErrMalformed)
	case !e.Type.Valid():
		return e, fmt.Errorf("%w: event %s: unknown type %q", ErrMalformed, e.ID, e.Type)
	case e.Time.IsZero():
		return e, fmt.Errorf("%w: event %s: no time", ErrMalformed, e.ID)
	}
	return e, nil
}
