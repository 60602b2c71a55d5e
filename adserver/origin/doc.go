// Package origin fetches origin playlists and caches them compiled.
//
// The data plane asks for an origin playlist on every player request; the
// origin must see about one fetch per URL per refresh interval however many
// viewers there are. Cache[T] keeps, per URL, the last good value produced
// by a caller-supplied Compile function, fetches at most once at a time per
// URL, serves the last good value for a bounded time when the origin fails,
// and only talks to hosts on an allowlist (no SSRF, redirects included).
//
// A cache hit is the hot path: a map read under a read lock, an atomic
// pointer load and a time compare, with no allocation.
//
// origin knows nothing about HLS: what a body means is the Compile
// function's business.
package origin
