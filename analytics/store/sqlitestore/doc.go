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
//
// Inserts append: events are numbered by arrival (seq) and indexed only by
// campaign and hour, which grow at their end. Event ids are indexed in
// bulk (event_keys, by a 64-bit key of the id), tens of thousands at a
// time and more as the file grows; the ids of the events not
// indexed yet, the tail, are kept in memory, and those indexed are
// summarized by a Bloom filter, so that telling a new id from a copy costs
// no index lookup in the common case. (A unique index on the id, updated
// per event, dirtied about one page of it per event, at random.)
package sqlitestore
