-- Insert without an event_id index to update. The primary key on
-- events.event_id made every insert descend a B-tree ordered by random ids
-- and dirty about one page of it per event. Now events is numbered by
-- arrival (seq) and its event ids are indexed in bulk: event_ids lists the
-- ids of the events up to event_ids_state.upto, and the store adds the
-- ones after it (the tail, which it keeps in memory) sorted, tens of
-- thousands at a time, so that many land on each page.
--
-- The store still keeps one row per event id, the copy with the highest
-- version (store.Version), so events reads as before.
DROP VIEW events_hourly;

ALTER TABLE events RENAME TO events_0002;

CREATE TABLE events (
    seq        INTEGER PRIMARY KEY,          -- arrival order, assigned by the store
    event_id   TEXT NOT NULL,                -- unique: see event_ids
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

INSERT INTO events (event_id, type, time, source, session, viewer, stream, avail, position, ad, advertiser,
                    campaign, creative, variant, country, region, city, local_hour, daypart, interests, device,
                    utc_offset, reason, version)
SELECT event_id, type, time, source, session, viewer, stream, avail, position, ad, advertiser,
       campaign, creative, variant, country, region, city, local_hour, daypart, interests, device,
       utc_offset, reason, version
FROM events_0002 ORDER BY rowid;

DROP TABLE events_0002;

-- Reports read one campaign over a time range. Keyed by the hour rather
-- than the millisecond, the index grows at its end even when events of an
-- hour arrive out of order, as copies from players' clocks do.
CREATE INDEX events_campaign_hour ON events (campaign, time / 3600000);

CREATE TABLE event_ids (
    event_id TEXT PRIMARY KEY,
    seq      INTEGER NOT NULL                -- events.seq
) WITHOUT ROWID;

-- One row: event_ids lists the events up to seq upto; last is the highest
-- seq ever given, so that a seq is never given twice (writers learn what
-- others appended by reading the seqs after the last one they know).
CREATE TABLE event_ids_state (
    upto INTEGER NOT NULL,
    last INTEGER NOT NULL
);

INSERT INTO event_ids (event_id, seq) SELECT event_id, seq FROM events ORDER BY event_id;

INSERT INTO event_ids_state (upto, last) SELECT coalesce(max(seq), 0), coalesce(max(seq), 0) FROM events;

-- Unchanged from 0002_rollups.sql.
CREATE VIEW events_hourly AS
SELECT
    campaign,
    variant,
    city,
    strftime('%Y-%m-%dT%H:00:00Z', time / 1000.0, 'unixepoch') AS hour,
    type,
    count(*) AS event_count,
    count(DISTINCT coalesce(nullif(viewer, ''), session)) AS unique_viewers
FROM events
GROUP BY campaign, variant, city, hour, type;
