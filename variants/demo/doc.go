// Package demo renders the demo media that `make run` serves on a fresh
// machine: a 60 s VOD test pattern with a burned-in clock, three house ads
// (10, 15 and 20 s) and a slate, each as an HLS ladder of two MPEG-TS
// renditions (360p and 720p, H.264 High + AAC-LC 48 kHz stereo) that share
// codec strings, GOP and frame rate so that ads stitch cleanly into content.
//
// Prepare renders with ffmpeg once per directory and records what it made
// in a marker file written last; later calls only read the marker. It owns
// nothing outside the directory it is given (plus a lock file and
// short-lived temporary siblings next to it) and serves nothing: the HTTP
// side lives in adserver/demoorigin.
package demo
