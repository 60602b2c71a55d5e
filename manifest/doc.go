// Package manifest reads and writes HLS playlists (RFC 8216 and its successor
// draft) for the stitcher.
//
// It parses master and media playlists line by line, finds ad breaks in every
// common cue dialect (EXT-X-CUE-OUT/CONT/IN, EXT-OATCLS-SCTE35,
// EXT-X-DATERANGE with SCTE35-OUT/IN) and compiles a media playlist once into
// an immutable Template. A personalized playlist is then assembled per request
// by appending the template's byte runs and the pod's ad lines to a reused
// buffer, without allocating.
//
// manifest knows nothing about campaigns, sessions or HTTP: callers hand it
// pods (what to insert) and URL prefixes (where ad segments live).
package manifest
