// Package store holds what the event stores share so that they give the
// same numbers: batch validation, which copy of a duplicated event is kept,
// report query validation, the report metrics computed from raw counts,
// row ordering, and reading SQL migrations.
//
// The stores themselves live in subpackages: sqlitestore (embedded, the
// default) and chstore (ClickHouse, when one machine is outgrown). Both
// implement Store; storetest runs one table of cases against either.
// This package runs no SQL and opens no connection.
package store

import "github.com/adstitch/adstitch/analytics"

// Store is an event store that answers reports.
type Store interface {
	analytics.Sink
	analytics.Reporter
}
