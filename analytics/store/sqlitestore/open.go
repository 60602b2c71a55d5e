package sqlitestore

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"sync"

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
//   - temp_store=MEMORY: multi-row statements keep their statement
//     journal, and indexTail its sort, in memory, not in temporary files;
//   - cache_size 64 MiB (a ceiling, not an allocation): event_keys lookups
//     and indexing stay in memory;
//   - a checkpoint every 2500 pages, 40 MiB of WAL at pageSize: inserts
//     append, so a checkpoint copies each page about once whatever the
//     interval, and a short one spreads the copying into smaller bursts.
const pragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
	"&_pragma=temp_store(MEMORY)&_pragma=cache_size(-65536)&_pragma=wal_autocheckpoint(2500)&_txlock=immediate"

// The tail grows to defaultIndexRows, or to an indexShare-th of the ids
// event_keys lists, before event_keys takes it, but never past maxTailRows.
// Event ids are random, so a pass writes about every page of event_keys
// whatever the tail's length: a fixed tail made each event pay a share of
// the rewrite that grew with the database (BenchmarkInsertGrowing). A tail
// in proportion keeps the share constant, until the memory of its mirror
// (about 100 bytes a row) caps it.
const (
	defaultIndexRows  = 32768
	defaultIndexShare = 8
	maxTailRows       = 1 << 19
)

// Store is the SQLite event store. It is safe for concurrent use.
type Store struct {
	db         *sql.DB
	stmts      statements
	indexRows  int // the tail's length before indexing, at least
	indexShare int // and the indexed ids over it; 0: indexRows only

	mu      sync.Mutex // held by Insert, for what follows
	tail    tail
	ids     *idFilter // nil until the first insert
	idsUpto int64     // ids holds the ids of the events up to this seq
	plan    plan
	args    []any
	keys    []keyedSeq // indexTail's, reused
	argb    argBuilder
	clashes []clash
}

// pageSize is the page size of a new database file: the insert path writes
// whole pages of appended rows, and four times the 4 KiB default halves
// its WAL frames (a write and a checksum each). A file created by an
// earlier version keeps its 4 KiB pages.
const pageSize = 16384

// Open opens (creating if needed) the SQLite database at path and brings
// its schema up to date. ":memory:" gives a private in-memory database.
func Open(path string) (*Store, error) {
	if err := create(path); err != nil {
		return nil, fmt.Errorf("open sqlite events: %w", err)
	}
	db, err := migrate.OpenSQLite(path, pragmas, configs.SQL, "sql/sqlite")
	if err != nil {
		return nil, fmt.Errorf("open sqlite events: %w", err)
	}
	s := &Store{db: db, indexRows: defaultIndexRows, indexShare: defaultIndexShare}
	if err := s.stmts.prepare(db); err != nil {
		s.Close()
		return nil, fmt.Errorf("open sqlite events %s: %w", path, err)
	}
	return s, nil
}

// create makes an empty database file with pageSize pages at path if there
// is no file there: the page size must be set before the first write,
// which the WAL pragma of every connection is.
func create(path string) error {
	if path == "" || path == ":memory:" || strings.ContainsAny(path, "?#") {
		return nil // in memory, or an error for OpenSQLite to report
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite", path+"?_pragma=page_size("+strconv.Itoa(pageSize)+")")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer db.Close()
	if _, err := db.Exec("VACUUM"); err != nil { // writes the header
		return fmt.Errorf("create %s: %w", path, err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	if err := errors.Join(s.stmts.close(), s.db.Close()); err != nil {
		return fmt.Errorf("close sqlite events: %w", err)
	}
	return nil
}
