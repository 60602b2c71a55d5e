// Package store persists the control plane in one SQLite file (pure Go
// driver modernc.org/sqlite): advertisers, campaigns with their creatives,
// API keys, and a global change counter. It owns the schema
// (configs/sql/control, applied by Open).
//
// Every write runs in one transaction and bumps the global version
// (Version), which versions the decision snapshot (ActiveCampaigns); a
// campaign also carries its own version. Writes are validated with package
// control, so nothing invalid or half-written reaches the file. Errors wrap
// ErrNotFound, ErrConflict or ErrInvalid (with a *control.FieldError naming
// the field) for callers to branch on. Access control is the caller's.
package store
