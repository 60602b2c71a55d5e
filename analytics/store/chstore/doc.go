// Package chstore is the ClickHouse event store, for deployments that
// outgrow one machine: analytics events in a ReplacingMergeTree table, an
// hourly rollup for dashboards fed by a materialized view, and the campaign
// reports. It owns the ClickHouse schema (configs/sql/clickhouse, applied by
// Migrate), batch inserts over the native protocol (clickhouse-go/v2), and
// report SQL. Reports equal those of sqlitestore for the same events
// (storetest runs the same cases against both).
//
// No event is counted twice:
//   - a retried batch carries the same insert_deduplication_token (a hash
//     of its event ids) and ClickHouse drops it;
//   - copies of one event from the server and the client collapse in
//     ReplacingMergeTree(version) on (campaign, event_id), keeping the copy
//     store.Version picks, and reports read the table FINAL so the numbers
//     are exact before background merges have run.
package chstore
