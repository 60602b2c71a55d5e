package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers driver "sqlite"
)

// OpenSQLite opens (creating if needed) the SQLite database at path with
// the DSN options opts (pragmas, beginning with "?") and applies the
// pending migrations of dir in fsys. ":memory:" gives a private in-memory
// database on a single connection.
func OpenSQLite(path, opts string, fsys fs.FS, dir string) (*sql.DB, error) {
	if path == "" {
		return nil, fmt.Errorf("empty path")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("%s: path must not contain '?' or '#'", path)
	}
	db, err := sql.Open("sqlite", path+opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if path == ":memory:" {
		db.SetMaxOpenConns(1) // each connection would be its own database
	}
	ctx := context.Background()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := applySQLite(ctx, db, fsys, dir); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return db, nil
}

// applySQLite applies the pending migrations of dir, each in its own
// transaction together with its schema_migrations row, so a step is either
// fully applied and recorded or not at all. Two processes opening the same
// file serialize on the write lock and the second skips what the first
// applied.
func applySQLite(ctx context.Context, db *sql.DB, fsys fs.FS, dir string) error {
	all, err := Load(fsys, dir)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	applied, err := appliedSQLite(ctx, db)
	if err != nil {
		return err
	}
	pending, err := Pending(all, applied)
	if err != nil {
		return err
	}
	for _, m := range pending {
		if err := applyOneSQLite(ctx, db, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

func appliedSQLite(ctx context.Context, db *sql.DB) ([]int, error) {
	rows, err := db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	return out, nil
}

func applyOneSQLite(ctx context.Context, db *sql.DB, m Migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var done int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&done)
	if err != nil || done > 0 {
		return err // applied meanwhile by another process
	}
	for i, stmt := range m.Statements {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("statement %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("record: %w", err)
	}
	return tx.Commit()
}
