package store

import (
	"database/sql"
	"fmt"

	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/configs/migrate"
)

// pragmas apply to every pooled connection: WAL so readers never block the
// writer; a busy timeout and BEGIN IMMEDIATE for writes so concurrent
// writers queue instead of failing; foreign keys so a creative cannot
// outlive its campaign nor a marketer key its advertiser.
const pragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
	"&_pragma=foreign_keys(1)&_txlock=immediate"

// Store is the control-plane database. It is safe for concurrent use.
type Store struct {
	db *sql.DB
}

// Open opens (creating if needed) the SQLite database at path and brings
// its schema up to date. ":memory:" gives a private in-memory database.
func Open(path string) (*Store, error) {
	db, err := migrate.OpenSQLite(path, pragmas, configs.SQL, "sql/control")
	if err != nil {
		return nil, fmt.Errorf("open control store: %w", err)
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close control store: %w", err)
	}
	return nil
}
