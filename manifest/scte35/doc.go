// Package scte35 decodes and encodes SCTE-35 splice_info_section messages
// (ANSI/SCTE 35, 2019 and later editions) as they appear in HLS cue tags:
// hex in EXT-X-DATERANGE SCTE35-OUT/IN/CMD, base64 in EXT-OATCLS-SCTE35 and
// EXT-X-CUE-OUT-CONT SCTE35=.
//
// It owns the binary format: the section header, the splice commands
// (splice_null, splice_schedule, splice_insert, time_signal,
// bandwidth_reservation, private_command), splice_time, break_duration, the
// segmentation_descriptor with its delivery restrictions and components, and
// the MPEG-2 CRC_32. Cue reduces a decoded section to what ad insertion needs:
// a break starts, ends or is cancelled.
//
// Decoding never trusts a length field: every read is bounds-checked, unknown
// descriptors are skipped by their length, and encrypted sections are
// rejected. The package knows nothing about playlists; finding cue tags is
// the manifest package's job.
package scte35
