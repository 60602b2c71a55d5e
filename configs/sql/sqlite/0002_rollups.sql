-- Hourly rollup per campaign, variant, city and event type: the same shape
-- as ClickHouse's events_hourly, for dashboards. SQLite computes it on read
-- from the deduplicated events, so it is always exact; unique_viewers counts
-- distinct viewers, anonymous ones by session.
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
