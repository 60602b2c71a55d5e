-- Nothing changes in ClickHouse at version 3. The SQLite store rebuilt its
-- events table for append-only inserts (duplicates found through a
-- separate event_ids table); ClickHouse already deduplicates by event_id in
-- ReplacingMergeTree and insert_deduplication_token. Both stores keep the
-- same migration versions so `adstitch migrate` reports them alike.
SELECT 1;
