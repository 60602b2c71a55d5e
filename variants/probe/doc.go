// Package probe owns what adstitch knows about media files before and
// after rendering: ProbeSpot checks an uploaded base spot (a decodable
// video with audio, within length limits) and says what it found;
// ProbeRendition and ProbeLadder describe a content stream's HLS encoding
// ladder (codec, profile, level, size, frame rate, GOP, audio, segment
// duration, container) from its playlists and first segments; Mismatch
// says whether an ad rendition can be stitched into a content rendition;
// Fingerprint names a ladder for content-addressed caching.
//
// It runs ffprobe and ffmpeg (decode checks only) and reads playlists and
// segments over HTTP or from local files. It never writes media and
// never renders: variants/render does, and calls back here to verify.
package probe
