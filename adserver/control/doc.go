// Package control is the control plane's rule book: what a valid
// advertiser and campaign look like, and the defaults a campaign gets.
// Subpackage store persists the model in SQLite (and refuses what this
// package rejects); subpackage api serves it to marketers over HTTP.
//
// Errors are *FieldError values naming the JSON path of the bad field
// ("end: must be after start", "creatives[0]: set exactly one of hls or
// spot_id"), so every caller reports the same message. The model itself is
// package campaign; targeting rules are checked by package targeting.
package control
