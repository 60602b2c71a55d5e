// Package migrate applies the SQL schemas kept in configs/sql: it reads the
// numbered migration files, splits them into statements, works out which
// are pending, and opens SQLite databases with their migrations applied.
// The SQLite event store and the control-plane store share it; the
// ClickHouse store uses its reading and splitting.
package migrate
