-- Hourly rollup per campaign, variant, city and event type for dashboards,
-- fed by a materialized view on every insert into events. Read it with
-- countMerge(event_count) and uniqExactMerge(unique_viewers) (distinct
-- viewers, anonymous ones by session).
--
-- The view sees inserted blocks, not the deduplicated table. A retried batch
-- dropped by its insert_deduplication_token never reaches it, but the server
-- and client copies of one event come in two inserts and are both counted in
-- event_count (unique_viewers stays exact). Reports that must be exact read
-- events FINAL instead.
CREATE TABLE IF NOT EXISTS events_hourly
(
    campaign       String,
    variant        String,
    city           LowCardinality(String),
    hour           DateTime('UTC'),
    type           LowCardinality(String),
    event_count    AggregateFunction(count),
    unique_viewers AggregateFunction(uniqExact, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (campaign, variant, city, hour, type);

CREATE MATERIALIZED VIEW IF NOT EXISTS events_hourly_mv TO events_hourly AS
SELECT
    campaign,
    variant,
    city,
    toStartOfHour(time) AS hour,
    type,
    countState() AS event_count,
    uniqExactState(if(viewer = '', session, viewer)) AS unique_viewers
FROM events
GROUP BY campaign, variant, city, hour, type;
