// Package adserver is the data plane: the fasthttp server that turns origin
// playlists into personalized ones, issues session tokens, serves ad segments
// with server-side beacons and answers the tracking API.
//
// Subpackages own the pieces: origin (fetching and caching origin
// playlists), session (signed viewer tokens), geo (IP to city). adserver
// glues them to manifest; it never parses HLS itself.
package adserver
