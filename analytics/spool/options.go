package spool

import (
	"fmt"
	"log/slog"
	"time"
)

// Defaults for zero Options fields.
const (
	DefaultMaxBytes     = 1 << 30
	DefaultSegmentBytes = 64 << 20
	DefaultSyncInterval = 2 * time.Millisecond
	DefaultFsyncEvery   = 20 * time.Millisecond
	DefaultLinger       = 20 * time.Millisecond
)

// Options configure a Spool. Zero fields take the defaults.
type Options struct {
	Dir          string        // created if missing
	MaxBytes     int64         // bound on uncommitted data; Append beyond it returns ErrFull (disk use stays under MaxBytes+SegmentBytes)
	SegmentBytes int64         // a segment rolls before a write would take it past this size
	SyncInterval time.Duration // group-commit window: longest an idle writer waits for Appends already under way; negative: none
	// FsyncEach makes Append wait for the fsync of its record: durable
	// through a power loss, at the cost of one disk flush per group. By
	// default Append returns once the record is written to the file — it
	// then survives the process being killed (kill -9), because the kernel
	// holds it — and the file is fsynced at most FsyncEvery later.
	FsyncEach  bool
	FsyncEvery time.Duration // default 20 ms
	// Linger is how long Drain waits, after a batch's first record, for
	// the batch to fill before delivering it; negative: not at all.
	Linger time.Duration // default 20 ms
	Logger *slog.Logger  // nil: slog.Default()
}

func (o Options) withDefaults() (Options, error) {
	if o.Dir == "" {
		return o, fmt.Errorf("spool options: Dir is empty")
	}
	if o.MaxBytes < 0 || o.SegmentBytes < 0 {
		return o, fmt.Errorf("spool options: MaxBytes %d and SegmentBytes %d must not be negative", o.MaxBytes, o.SegmentBytes)
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.SegmentBytes == 0 {
		o.SegmentBytes = DefaultSegmentBytes
	}
	if o.SyncInterval == 0 {
		o.SyncInterval = DefaultSyncInterval
	}
	if o.FsyncEvery <= 0 {
		o.FsyncEvery = DefaultFsyncEvery
	}
	if o.Linger == 0 {
		o.Linger = DefaultLinger
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o, nil
}
