package store

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/adstitch/adstitch/analytics"
)

// ErrInvalidEvent is wrapped by the error Insert returns for a batch holding
// an event that cannot be stored; no event of that batch is written.
var ErrInvalidEvent = errors.New("invalid event")

// Times outside [minTime, maxTime) are rejected: ClickHouse's DateTime64(3)
// cannot hold them and no ad was ever served outside them.
var (
	minTime = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// ValidateBatch checks every event before a store writes any, so that a
// bad event rejects its whole batch: an event needs an id, a known type, a
// time, and numbers both stores hold alike (a local hour 0-23, a position
// that fits 32 bits).
func ValidateBatch(batch []analytics.Event) error {
	for i := range batch {
		if err := validateEvent(&batch[i]); err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
	}
	return nil
}

func validateEvent(e *analytics.Event) error {
	if e.ID == "" {
		return fmt.Errorf("%w: no event_id (type %q)", ErrInvalidEvent, e.Type)
	}
	if !e.Type.Valid() {
		return fmt.Errorf("%w: event_id %s: unknown type %q", ErrInvalidEvent, e.ID, e.Type)
	}
	if e.Time.Before(minTime) || !e.Time.Before(maxTime) {
		return fmt.Errorf("%w: event_id %s: time %s outside %d-%d", ErrInvalidEvent, e.ID,
			e.Time.Format(time.RFC3339Nano), minTime.Year(), maxTime.Year())
	}
	if e.LocalHour < 0 || e.LocalHour > 23 {
		return fmt.Errorf("%w: event_id %s: local_hour %d outside 0-23", ErrInvalidEvent, e.ID, e.LocalHour)
	}
	if e.Position < 0 || e.Position > math.MaxInt32 {
		return fmt.Errorf("%w: event_id %s: position %d outside 0-%d", ErrInvalidEvent, e.ID, e.Position, math.MaxInt32)
	}
	return nil
}

// Millis is the stored form of an event or query time: Unix milliseconds.
// Both stores keep times to the millisecond, so a report bound is compared
// at that precision too.
func Millis(t time.Time) int64 { return t.UnixMilli() }

// BoundMillis is a report bound in Unix milliseconds, clamped to the times
// an event may have: the same rows match, and a far-off bound ("all time")
// stays within what ClickHouse's DateTime64(3) can hold.
func BoundMillis(t time.Time) int64 {
	return max(Millis(minTime), min(Millis(t), Millis(maxTime)))
}

// Version says which copy of a duplicated event a store keeps: the highest
// version wins. The same event arrives from the server (the player fetched
// the ad segment) and the client (the player called the tracking URL) with
// different times; keeping the server's copy, then the earliest, makes the
// choice independent of arrival order, so both stores put a duplicated event
// in the same hour. Versions fit in 63 bits (SQLite's INTEGER).
func Version(e *analytics.Event) int64 {
	const serverBit = int64(1) << 62
	ms := Millis(e.Time)
	ms = max(0, min(ms, serverBit-1))
	v := serverBit - 1 - ms
	if e.Source == analytics.SourceServer {
		v |= serverBit
	}
	return v
}
