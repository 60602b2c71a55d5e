package configs

import "embed"

// SQL holds the schema migrations of the event stores and of the control
// plane, one statement list per file, applied in file-name order and never
// edited once released:
//
//	sql/sqlite/NNNN_name.sql      the embedded SQLite store
//	sql/clickhouse/NNNN_name.sql  the ClickHouse store
//	sql/control/NNNN_name.sql     the control-plane store (adserver/control/store)
//
// The two event stores describe the same tables (events, events_hourly) so
// that both give the same reports.
//
//go:embed sql/sqlite/*.sql sql/clickhouse/*.sql sql/control/*.sql
var SQL embed.FS
