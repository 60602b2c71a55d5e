-- Raw ad events. Column names are the JSON names of analytics.Event.
--
-- ReplacingMergeTree collapses rows with the same sorting key. The key is
-- (campaign, event_id) and not time: the same event arrives from the server
-- (the player fetched the ad segment) and the client (it called the tracking
-- URL) with different times, and both copies must collapse into one. Of the
-- copies, the one with the highest version is kept (store.Version: the
-- server's, then the earliest), the copy SQLite keeps too.
--
-- Collapsing happens in background merges, and merges never cross
-- partitions (two copies of an event may straddle a month): exact reports
-- read with FINAL, which also deduplicates across partitions (so
-- do_not_merge_across_partitions_select_final must stay 0).
--
-- A retried insert is dropped by insert_deduplication_token (the store sets
-- it to a hash of the batch's event ids). On a non-replicated MergeTree that
-- token is only honoured when non_replicated_deduplication_window > 0: the
-- table keeps the tokens of its last 1000 inserts.
CREATE TABLE IF NOT EXISTS events
(
    event_id   String,
    type       LowCardinality(String),
    time       DateTime64(3, 'UTC'),
    source     LowCardinality(String),
    session    String,
    viewer     String,
    stream     LowCardinality(String),
    avail      String,
    position   Int32,
    ad         String,
    advertiser String,
    campaign   String,
    creative   String,
    variant    String,
    country    LowCardinality(String),
    region     LowCardinality(String),
    city       LowCardinality(String),
    local_hour UInt8,
    daypart    LowCardinality(String),
    interests  Array(String),
    device     LowCardinality(String),
    utc_offset Int16,
    reason     String,
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(time)
ORDER BY (campaign, event_id)
SETTINGS non_replicated_deduplication_window = 1000;
