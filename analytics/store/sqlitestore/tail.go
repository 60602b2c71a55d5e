package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
)

// tailRow is a stored event of the tail.
type tailRow struct {
	seq     int64
	version int64 // the stored copy's, or lower: another writer may have replaced it since
}

// tail mirrors in memory the event ids of the tail, the events that
// event_keys does not list yet, so that an insert tells new events from
// copies of recent ones without an index to look them up in. Insert uses
// it under Store.mu, after sync in its write transaction, which makes it
// exact even with other writers on the file: a seq is never given twice
// (event_keys_state.last), so sync reads what others appended past the last
// seq it knows, and once event_keys takes the tail (event_keys_state.upto
// changes) it starts over.
type tail struct {
	synced  bool
	upto    int64 // event_keys_state.upto: the tail is the events after it
	lastSeq int64 // the highest seq given (event_keys_state.last)
	rows    map[string]tailRow
}

// forget makes the next sync start over: the mirror may hold rows of a
// transaction that did not commit.
func (t *tail) forget() { t.synced = false }

// sync brings the mirror up to date within tx, which holds the write lock.
func (t *tail) sync(ctx context.Context, tx *sql.Tx, st *statements) error {
	var upto, last int64
	if err := tx.StmtContext(ctx, st.state).QueryRowContext(ctx).Scan(&upto, &last); err != nil {
		return fmt.Errorf("read event_keys_state: %w", err)
	}
	if !t.synced || upto != t.upto {
		if t.rows == nil {
			t.rows = make(map[string]tailRow)
		}
		clear(t.rows)
		t.upto, t.lastSeq = upto, upto
	}
	rows, err := tx.StmtContext(ctx, st.tail).QueryContext(ctx, t.lastSeq)
	if err != nil {
		return fmt.Errorf("read events after %d: %w", t.lastSeq, err)
	}
	defer rows.Close()
	for rows.Next() {
		var eventID string
		var row tailRow
		if err := rows.Scan(&row.seq, &eventID, &row.version); err != nil {
			return fmt.Errorf("read events after %d: %w", t.lastSeq, err)
		}
		t.add(eventID, row)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read events after %d: %w", t.lastSeq, err)
	}
	t.lastSeq = max(t.lastSeq, last) // past events appended and dropped as clashes
	t.synced = true
	return nil
}

// add records an event appended to the tail.
func (t *tail) add(eventID string, row tailRow) {
	t.rows[eventID] = row
	t.lastSeq = max(t.lastSeq, row.seq)
}

// indexed records that event_keys now lists the whole tail.
func (t *tail) indexed() {
	clear(t.rows)
	t.upto = t.lastSeq
}
