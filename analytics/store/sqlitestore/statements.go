package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// statements are prepared once per Store (database/sql prepares each again
// on every connection that runs it).
type statements struct {
	state, tail, setLast *sql.Stmt // tail.sync, and the seqs given
	appendFull, replace  *sql.Stmt // appendEvents, replaceTail
	clash, copy, delete  *sql.Stmt // resolveClashes
	allKeys, idsBetween  *sql.Stmt // syncFilter
	indexFull, setUpto   *sql.Stmt // indexTail
}

// all lists the statements with their SQL.

func (st *statements) all() []struct {
	dst   **sql.Stmt
	query string
} {
	return []struct {
		dst   **sql.Stmt
		query string
	}{
		{&st.state, stateSQL}, {&st.tail, tailSQL}, {&st.setLast, setLastSQL},
		{&st.appendFull, appendSQL(appendRows)}, {&st.replace, replaceSQL},
		{&st.clash, clashSQL}, {&st.copy, copySQL}, {&st.delete, deleteSQL},
		{&st.allKeys, allKeysSQL}, {&st.idsBetween, idsBetweenSQL},
		{&st.indexFull, indexSQL(indexRowsPerStatement)}, {&st.setUpto, setUptoSQL},
	}
}

func (st *statements) prepare(db *sql.DB) error {
	for _, p := range st.all() {
		var err error
		if *p.dst, err = db.PrepareContext(context.Background(), p.query); err != nil {
			return fmt.Errorf("prepare %.50s: %w", p.query, err)
		}
	}
	return nil
}

func (st *statements) close() error {
	var errs []error
	for _, p := range st.all() {
		if *p.dst != nil {
			errs = append(errs, (*p.dst).Close())
		}
	}
	return errors.Join(errs...)
}
