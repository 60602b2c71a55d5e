// Package storetest is the table of cases every event store must pass with
// the same numbers: the same events inserted into SQLite and ClickHouse give
// identical reports. A store's own tests call Run with a function opening an
// empty store.
package storetest
