-- Index event ids by a 64-bit key instead of their text. The ids are
-- random, so indexing the tail rewrites about every page of the index:
-- keys of 8 bytes, in integer order, make the pages a third as many as
-- ids of 32 characters did, and sorting them cheaper. The key is the
-- store's eventKey (Go), registered on its connections as
-- adstitch_event_key(); ids that share a key are told apart by comparing
-- the events' ids.
CREATE TABLE event_keys (
    key INTEGER NOT NULL,                   -- adstitch_event_key(events.event_id)
    seq INTEGER NOT NULL,                   -- events.seq
    PRIMARY KEY (key, seq)
) WITHOUT ROWID;

INSERT INTO event_keys (key, seq) SELECT adstitch_event_key(event_id), seq FROM event_ids ORDER BY 1, 2;

DROP TABLE event_ids;

-- event_keys lists the events up to upto; last is the highest seq given.
ALTER TABLE event_ids_state RENAME TO event_keys_state;
