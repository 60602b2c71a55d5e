package spool

import (
	"errors"
	"fmt"
)

// Errors callers branch on.
var (
	// ErrFull: the unconsumed data would exceed Options.MaxBytes.
	ErrFull = errors.New("spool full")
	// ErrClosed: the spool was closed.
	ErrClosed = errors.New("spool closed")
	// ErrLocked: another Spool (in this or another process) has the directory.
	ErrLocked = errors.New("spool directory locked")
	// ErrCorrupt: the log is damaged somewhere other than a torn tail.
	ErrCorrupt = errors.New("spool corrupt")
	// ErrTooLarge: a record is longer than MaxRecordBytes.
	ErrTooLarge = errors.New("spool record too large")
)

// CorruptError names where the log is damaged. errors.Is(err, ErrCorrupt)
// holds for it.
type CorruptError struct {
	Path   string
	Offset int64
	Reason string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%v: %s at offset %d: %s", ErrCorrupt, e.Path, e.Offset, e.Reason)
}

func (e *CorruptError) Unwrap() error { return ErrCorrupt }
