// Package spool is adstitch's durable local event log: every ad event is
// appended here before any network hop, and a single
// consumer drains it to Kafka or the embedded store, moving a committed
// cursor only after the destination confirmed.
//
// It owns one directory: numbered segment files of CRC-framed records, a
// cursor file and a lock file. Records are opaque bytes; the spool does not
// know what an event is and never touches the network.
//
// Guarantees: an Append that returned nil survives kill -9 (it is in the
// file; the kernel keeps it when the process dies) and, within FsyncEvery
// (20 ms, batched fsync), an OS crash or power loss — at once with
// Options.FsyncEach;
// records are read in append order; a committed record is never read again;
// an uncommitted one is read again after a restart (at least once:
// consumers deduplicate by event id). Damage that is not a torn tail is
// reported as ErrCorrupt, never skipped.
//
// On disk, a record is an 8-byte header (little-endian payload length,
// CRC-32C of the length bytes and the payload) followed by the payload.
// A segment is named by the sequence number of its first record, zero
// padded to 20 digits, so `ls` shows the log in order.
package spool
