package analytics

import (
	"fmt"
	"sync"
)

// Appender is the durable log events are written to first (analytics/spool).
// Append copies rec: the caller reuses it once Append returns.
type Appender interface {
	Append(rec []byte) error
}

// SpoolRecorder appends each event, JSON encoded, to a durable spool and
// returns once it is on disk: a recorded event survives kill -9.
type SpoolRecorder struct{ Spool Appender }

// recordBufs recycles encoding buffers across beacons.
var recordBufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

func (r SpoolRecorder) Record(e Event) error {
	buf := recordBufs.Get().(*[]byte)
	defer recordBufs.Put(buf)
	b, err := AppendJSON((*buf)[:0], &e)
	if err != nil {
		return fmt.Errorf("encode event %s: %w", e.ID, err)
	}
	*buf = b
	if err := r.Spool.Append(b); err != nil {
		return fmt.Errorf("spool event %s: %w", e.ID, err)
	}
	return nil
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
