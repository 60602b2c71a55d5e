package sqlitestore

import (
	"database/sql"
	"fmt"

	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/configs/migrate"
)

// pragmas apply to every connection of the pool:
//   - WAL: readers never block the writer;
//   - busy_timeout: a writer waits for another (this process or not)
//     instead of failing with SQLITE_BUSY; _txlock=immediate takes the
//     write lock at BEGIN, so two writers queue instead of deadlocking;
//   - synchronous=FULL: a committed batch survives a power cut (the loader
//     acknowledges events once Insert returns). It costs one fsync per
//     batch, a few percent at 1000 events per batch;
//   - temp_store=MEMORY: multi-row upserts keep their statement journal in
//     memory, not in a temporary file written page by page;
//   - cache_size 64 MiB (a ceiling, not an allocation) and a 10000-page WAL
//     before a checkpoint: random event ids touch index pages all over the
//     file, and re-reading and re-checkpointing them was a third of the
//     insert time.
const pragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
	"&_pragma=temp_store(MEMORY)&_pragma=cache_size(-65536)&_pragma=wal_autocheckpoint(10000)&_txlock=immediate"

// Store is the SQLite event store. It is safe for concurrent use.
type Store struct {
	db *sql.DB
}

// Open opens (creating if needed) the SQLite database at path and brings
// its schema up to date. ":memory:" gives a private in-memory database.
func Open(path string) (*Store, error) {
	db, err := migrate.OpenSQLite(path, pragmas, configs.SQL, "sql/sqlite")
	if err != nil {
		return nil, fmt.Errorf("open sqlite events: %w", err)
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close sqlite events: %w", err)
	}
	return nil
}
