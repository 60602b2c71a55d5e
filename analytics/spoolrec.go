package analytics

import (
	"fmt"
	"sync"
)

// Appender is the durable log events are written to first (analytics/spool).
// Append and AppendBatch copy what they are given: the caller reuses it
// once they return. AppendBatch keeps all of recs or none.
type Appender interface {
	Append(rec []byte) error
	AppendBatch(recs [][]byte) error
}

// BatchRecorder records several events with one wait: all or none. An ad
// segment fetch crosses up to six beacons (impression, start, quartiles,
// complete); recorded one by one, the player would wait for six writes.
type BatchRecorder interface {
	Recorder
	RecordBatch(es []Event) error
}

// RecordAll records es through r, at once when r is a BatchRecorder. The
// events before the first error are recorded (one by one) or none are
// (BatchRecorder).
func RecordAll(r Recorder, es []Event) error {
	if br, ok := r.(BatchRecorder); ok {
		return br.RecordBatch(es)
	}
	for _, e := range es {
		if err := r.Record(e); err != nil {
			return err
		}
	}
	return nil
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

// RecordBatch appends the events as one contiguous run of the spool and
// returns once they are all on disk, or reports that none is.
func (r SpoolRecorder) RecordBatch(es []Event) error {
	if len(es) == 1 {
		return r.Record(es[0])
	}
	buf := recordBufs.Get().(*[]byte)
	defer recordBufs.Put(buf)
	ends := make([]int, 0, 8)
	b := (*buf)[:0]
	for i := range es {
		var err error
		if b, err = AppendJSON(b, &es[i]); err != nil {
			return fmt.Errorf("encode event %s: %w", es[i].ID, err)
		}
		ends = append(ends, len(b))
	}
	*buf = b
	recs := make([][]byte, len(es))
	start := 0
	for i, end := range ends {
		recs[i] = b[start:end]
		start = end
	}
	if err := r.Spool.AppendBatch(recs); err != nil {
		return fmt.Errorf("spool %d events: %w", len(es), err)
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
