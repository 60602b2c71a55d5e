package analytics

import "slices"

// BatchDecoder decodes batches of spool or Kafka records into events,
// reusing one slice of events from batch to batch: a drain decodes up to a
// thousand at a time, a third of a megabyte each time when made afresh.
// The events Decode returns are valid until its next call.
type BatchDecoder struct {
	events []Event
}

// Decode decodes and validates recs in order. A record that is not an
// event is passed to bad, with the reason, and left out.
func (d *BatchDecoder) Decode(recs [][]byte, bad func(rec []byte, err error)) []Event {
	d.events = slices.Grow(d.events[:0], len(recs))[:len(recs)]
	n := 0
	for _, r := range recs {
		if err := DecodeEvent(r, &d.events[n]); err != nil {
			bad(r, err)
			continue
		}
		n++
	}
	clear(d.events[n:]) // let the GC have what a longer batch left
	return d.events[:n]
}
