package sqlitestore

import "strings"

// columns of an event in events, after seq, in the order
// argBuilder.appendEvent gives them.
var columns = []string{"event_id", "type", "time", "source", "session", "viewer", "stream", "avail",
	"position", "ad", "advertiser", "campaign", "creative", "variant", "country", "region", "city",
	"local_hour", "daypart", "interests", "device", "utc_offset", "reason", "version"}

var columnList = strings.Join(columns, ", ")

// appendRows events go into one INSERT: a statement per event costs more
// in the driver than SQLite spends storing it. 100 rows × 25 parameters
// stay far below SQLite's 32766.
const appendRows = 100

// params is "?, ?, …" for n parameters.
func params(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// valuesSQL is insert (an "INSERT INTO t (cols)") with rows rows of n
// parameters each.
func valuesSQL(insert string, n, rows int) string {
	row := "(" + params(n) + ")"
	var b strings.Builder
	b.WriteString(insert + " VALUES ")
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// appendSQL appends rows events, seq first.
func appendSQL(rows int) string {
	return valuesSQL("INSERT INTO events (seq, "+columnList+")", 1+len(columns), rows)
}

// replaceSQL overwrites the stored copy seq of an event with a copy of a
// higher version (the parameters: columns, then seq). The version test
// makes it safe on a stale guess of the stored version.
var replaceSQL = func() string {
	var b strings.Builder
	b.WriteString("UPDATE events SET ")
	for i, c := range columns[1:] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = ?")
	}
	b.WriteString(" WHERE seq = ? AND version < ?")
	return b.String()
}()

// copySQL overwrites the stored copy ?2 of an event with the columns of
// copy ?1, which has a higher version.
var copySQL = "UPDATE events SET (" + strings.Join(columns[1:], ", ") + ") = (SELECT " +
	strings.Join(columns[1:], ", ") + " FROM events WHERE seq = ?1) WHERE seq = ?2"

const (
	// stateSQL reads up to which seq event_keys lists the events, and the
	// highest seq given.
	stateSQL = "SELECT upto, last FROM event_keys_state"
	// tailSQL reads the events after a seq.
	tailSQL = "SELECT seq, event_id, version FROM events WHERE seq > ? ORDER BY seq"
	// clashSQL reads, if event_keys lists an event of the same id as
	// appended event seq ?1 (whose key is ?2), both copies' seq and version.
	clashSQL = `SELECT n.seq, n.event_id, n.version, o.seq, o.version FROM events n
		JOIN event_keys k ON k.key = ?2 JOIN events o ON o.seq = k.seq
		WHERE n.seq = ?1 AND o.event_id = n.event_id`
	allKeysSQL = "SELECT key FROM event_keys"
	// idsBetweenSQL reads the seq and id of the events after a seq up to
	// another: the tail indexTail takes, or what other writers indexed.
	idsBetweenSQL = "SELECT seq, event_id FROM events WHERE seq > ? AND seq <= ?"
	deleteSQL     = "DELETE FROM events WHERE seq = ?"
	setUptoSQL    = "UPDATE event_keys_state SET upto = ?"
	setLastSQL    = "UPDATE event_keys_state SET last = ?"
)

// indexRowsPerStatement (key, seq) pairs go into one INSERT of indexTail.
const indexRowsPerStatement = 500

// indexSQL adds rows (key, seq) pairs to event_keys.
func indexSQL(rows int) string { return valuesSQL("INSERT INTO event_keys (key, seq)", 2, rows) }
