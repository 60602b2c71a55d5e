package chstore

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/store"
)

// column is one column of events: its name and ClickHouse type, as in
// configs/sql/clickhouse (a test checks they agree and that rowValues
// gives each one a value of a Go type the driver takes).
type column struct{ name, chType string }

var columns = []column{
	{"event_id", "String"}, {"type", "LowCardinality(String)"}, {"time", "DateTime64(3, 'UTC')"},
	{"source", "LowCardinality(String)"}, {"session", "String"}, {"viewer", "String"},
	{"stream", "LowCardinality(String)"}, {"avail", "String"}, {"position", "Int32"}, {"ad", "String"},
	{"advertiser", "String"}, {"campaign", "String"}, {"creative", "String"}, {"variant", "String"},
	{"country", "LowCardinality(String)"}, {"region", "LowCardinality(String)"},
	{"city", "LowCardinality(String)"}, {"local_hour", "UInt8"}, {"daypart", "LowCardinality(String)"},
	{"interests", "Array(String)"}, {"device", "LowCardinality(String)"}, {"utc_offset", "Int16"},
	{"reason", "String"}, {"version", "UInt64"},
}

var insertSQL = func() string {
	names := make([]string, len(columns))
	for i, c := range columns {
		names[i] = c.name
	}
	return "INSERT INTO events (" + strings.Join(names, ", ") + ")"
}()

// Insert sends a batch as one INSERT. A batch with an invalid event is
// rejected before anything is sent. The insert carries a deduplication
// token derived from the batch's event ids, so when a retry resends a batch
// ClickHouse already stored, ClickHouse drops it (and so does the rollup's
// materialized view). The table's non_replicated_deduplication_window
// (configs/sql/clickhouse/0001_events.sql) is what makes a non-replicated
// MergeTree honour insert_deduplication_token at all.
func (s *Store) Insert(ctx context.Context, batch []analytics.Event) error {
	if len(batch) == 0 {
		return nil
	}
	if err := store.ValidateBatch(batch); err != nil {
		return fmt.Errorf("clickhouse insert: %w", err)
	}
	ctx = clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{
		"insert_deduplicate":         1,
		"insert_deduplication_token": dedupToken(batch),
	}))
	b, err := s.conn.PrepareBatch(ctx, insertSQL)
	if err != nil {
		return fmt.Errorf("clickhouse insert: prepare: %w", err)
	}
	defer b.Close()
	for i := range batch {
		if err := b.Append(rowValues(&batch[i])...); err != nil {
			return fmt.Errorf("clickhouse insert: event %d (%s): %w", i, batch[i].ID, err)
		}
	}
	if err := b.Send(); err != nil {
		return fmt.Errorf("clickhouse insert: send %d events: %w", len(batch), err)
	}
	return nil
}

// dedupToken names a batch by its set of event ids: the same events resent
// in any order get the same token.
func dedupToken(batch []analytics.Event) string {
	ids := make([]string, len(batch))
	for i := range batch {
		ids[i] = batch[i].ID
	}
	slices.Sort(ids)
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, id := range ids { // length-prefixed: no id can forge a boundary
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(id)))])
		h.Write([]byte(id))
	}
	return "adstitch-events-" + hex.EncodeToString(h.Sum(nil))
}

// rowValues is e as the Go values of columns, in order.
func rowValues(e *analytics.Event) []any {
	interests := e.Interests
	if interests == nil {
		interests = []string{}
	}
	return []any{
		e.ID, string(e.Type), time.UnixMilli(store.Millis(e.Time)).UTC(), string(e.Source),
		e.Session, e.Viewer, e.Stream, e.Avail, int32(e.Position), e.Ad,
		e.Advertiser, e.Campaign, e.Creative, e.Variant,
		e.Country, e.Region,
		e.City, uint8(e.LocalHour), e.Daypart,
		interests, e.Device, e.UTCOffset,
		e.Reason, uint64(store.Version(e)),
	}
}
