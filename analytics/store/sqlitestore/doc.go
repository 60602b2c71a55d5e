// Package sqlitestore is the embedded event store: analytics events in one
// SQLite file (pure Go driver modernc.org/sqlite), and the campaign reports
// read from it. It owns the file's schema (configs/sql/sqlite, applied by
// Open), idempotent batch inserts, and report SQL. It is the default store
// of a single-machine deployment; chstore gives the same reports from
// ClickHouse.
//
// A duplicated event id keeps one row (store.Version picks which), so a
// retried batch or the same beacon from server and client counts once.
// The file is opened in WAL mode with a busy timeout, so readers never
// block the writer and concurrent writers wait instead of failing.
package sqlitestore
