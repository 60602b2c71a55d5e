-- The control plane: advertisers, their campaigns and creatives, API keys,
-- and the change counter the decision snapshot is versioned by. Times are
-- Unix nanoseconds (UTC). Each table has an AUTOINCREMENT seq that orders
-- lists by creation and backs the paging cursors; ids are the public keys.

CREATE TABLE advertisers (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE campaigns (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    advertiser_id     TEXT NOT NULL REFERENCES advertisers (id),
    name              TEXT NOT NULL,
    status            TEXT NOT NULL,
    start_at          INTEGER NOT NULL,
    end_at            INTEGER NOT NULL,
    priority          INTEGER NOT NULL,
    impression_goal   INTEGER NOT NULL DEFAULT 0,
    daily_cap         INTEGER NOT NULL DEFAULT 0,
    pacing            TEXT NOT NULL,
    freq_per_day      INTEGER NOT NULL DEFAULT 0,
    freq_per_session  INTEGER NOT NULL DEFAULT 0,
    category          TEXT NOT NULL DEFAULT '',
    targeting         TEXT,                      -- JSON rule, NULL = everyone
    version           INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

CREATE INDEX campaigns_by_advertiser ON campaigns (advertiser_id, seq);
CREATE INDEX campaigns_by_status_end ON campaigns (status, end_at);

CREATE TABLE creatives (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,                -- order within the campaign
    name        TEXT NOT NULL,
    hls         TEXT NOT NULL DEFAULT '',
    spot_id     TEXT NOT NULL DEFAULT '',
    template    TEXT,                            -- JSON, NULL = none
    duration    REAL NOT NULL DEFAULT 0
);

CREATE INDEX creatives_by_campaign ON creatives (campaign_id, position);

-- Only the SHA-256 of a secret is kept; a key is found by it.
CREATE TABLE api_keys (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL,
    advertiser_id TEXT REFERENCES advertisers (id) ON DELETE CASCADE,
    name          TEXT NOT NULL DEFAULT '',
    secret_sha256 BLOB NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL
);

-- One row: the global version, bumped by every write.
CREATE TABLE changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);

INSERT INTO changes (id, version) VALUES (1, 0);
