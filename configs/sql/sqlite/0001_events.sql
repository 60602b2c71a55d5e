-- Raw ad events, one row per event id. Column names are the JSON names of
-- analytics.Event. A duplicated event (a retried batch, or the same beacon
-- from the server and the client) keeps one row: the copy with the highest
-- version (store.Version: the server's, then the earliest), the same copy
-- ClickHouse's ReplacingMergeTree(version) keeps.
CREATE TABLE events (
    event_id   TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    time       INTEGER NOT NULL,             -- Unix milliseconds (UTC)
    source     TEXT NOT NULL DEFAULT '',
    session    TEXT NOT NULL DEFAULT '',
    viewer     TEXT NOT NULL DEFAULT '',     -- '' when anonymous
    stream     TEXT NOT NULL DEFAULT '',
    avail      TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    ad         TEXT NOT NULL DEFAULT '',
    advertiser TEXT NOT NULL DEFAULT '',
    campaign   TEXT NOT NULL DEFAULT '',
    creative   TEXT NOT NULL DEFAULT '',
    variant    TEXT NOT NULL DEFAULT '',
    country    TEXT NOT NULL DEFAULT '',
    region     TEXT NOT NULL DEFAULT '',
    city       TEXT NOT NULL DEFAULT '',
    local_hour INTEGER NOT NULL DEFAULT 0,
    daypart    TEXT NOT NULL DEFAULT '',
    interests  TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    device     TEXT NOT NULL DEFAULT '',
    utc_offset INTEGER NOT NULL DEFAULT 0,   -- minutes east of UTC
    reason     TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL              -- which copy of a duplicate is kept
);

-- Reports read one campaign over a time range.
CREATE INDEX events_campaign_time ON events (campaign, time);
