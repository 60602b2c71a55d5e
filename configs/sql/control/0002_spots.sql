-- Base spots and end-card images that marketers upload. The media files
-- live under <data_dir>/spots/<id> and <data_dir>/images/<id>; a row is
-- written only after its file is complete and validated, so a row always
-- has its file. Both belong to one advertiser.

CREATE TABLE spots (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    advertiser_id TEXT NOT NULL REFERENCES advertisers (id),
    name          TEXT NOT NULL,              -- the uploaded file's name
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    duration      REAL NOT NULL,
    probe         TEXT NOT NULL,              -- JSON, what ffprobe found
    created_at    INTEGER NOT NULL
);

CREATE INDEX spots_by_advertiser ON spots (advertiser_id, seq);

CREATE TABLE images (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    advertiser_id TEXT NOT NULL REFERENCES advertisers (id),
    name          TEXT NOT NULL,
    size          INTEGER NOT NULL,
    format        TEXT NOT NULL,              -- png | jpeg
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE INDEX images_by_advertiser ON images (advertiser_id, seq);
