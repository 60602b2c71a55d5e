// Package render turns a Job (a base spot, resolved text layers, a voice
// line, an end card) into an HLS ladder that matches a content stream's
// ladder exactly, so the ad stitches in with only a DISCONTINUITY: one
// ffmpeg process decodes the spot once and encodes every rendition, then
// every output is probed (variants/probe) and refused on any mismatch.
//
// It owns the files it writes under Job.Out (master.m3u8, r0/, r1/ …, and
// a .work-* directory it removes before returning); it does not queue,
// cache or serve renders.
package render
