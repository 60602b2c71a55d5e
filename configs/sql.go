package configs

import "embed"

// SQL holds the schema migrations of the event stores, one statement list
// per file, applied in file-name order and never edited once released:
//
//	sql/sqlite/NNNN_name.sql      the embedded SQLite store
//	sql/clickhouse/NNNN_name.sql  the ClickHouse store
//
// Both describe the same tables (events, events_hourly) so that both
// stores give the same reports.
//
//go:embed sql/sqlite/*.sql sql/clickhouse/*.sql
var SQL embed.FS
