package scte35

import "fmt"

// Field limits of the 33-bit PTS and 40-bit segmentation_duration fields.
const (
	maxPTS         = 1<<33 - 1
	maxSegDuration = 1<<40 - 1
)

// BreakDuration is break_duration(): how long a splice_insert break lasts.
type BreakDuration struct {
	AutoReturn bool
	Duration   uint64 // 33-bit, 90 kHz ticks
}

// readSpliceTime reads splice_time(): the PTS when time_specified_flag is
// set, nil otherwise.
func readSpliceTime(r *bitReader) *uint64 {
	if !r.flag() {
		r.bits(7) // reserved
		return nil
	}
	r.bits(6) // reserved
	pts := r.bits(33)
	if r.overrun {
		return nil
	}
	return &pts
}

func writeSpliceTime(w *bitWriter, pts *uint64) {
	if pts == nil {
		w.flag(false)
		w.reserved(7)
		return
	}
	w.flag(true)
	w.reserved(6)
	w.bits(*pts, 33)
}

func readBreakDuration(r *bitReader) *BreakDuration {
	var d BreakDuration
	d.AutoReturn = r.flag()
	r.bits(6) // reserved
	d.Duration = r.bits(33)
	if r.overrun {
		return nil
	}
	return &d
}

func writeBreakDuration(w *bitWriter, d *BreakDuration) {
	w.flag(d.AutoReturn)
	w.reserved(6)
	w.bits(d.Duration, 33)
}

// checkPTS rejects a nil-able 33-bit value that does not fit its field.
func checkPTS(field string, pts *uint64) error {
	if pts != nil && *pts > maxPTS {
		return fmt.Errorf("%s %d exceeds 33 bits: %w", field, *pts, ErrInvalid)
	}
	return nil
}
