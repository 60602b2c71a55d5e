package chstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// codeUnknownDatabase is ClickHouse's UNKNOWN_DATABASE error code.
const codeUnknownDatabase = 81

// Store is the ClickHouse event store. It is safe for concurrent use.
type Store struct {
	conn driver.Conn
}

// Open connects to the ClickHouse of dsn, e.g.
// "clickhouse://user:password@127.0.0.1:9000/adstitch", and checks it
// answers. Like SQLite creating its file, Open creates the DSN's database
// when it does not exist; the tables are created by Migrate.
func Open(ctx context.Context, dsn string) (*Store, error) {
	opts, err := clickhouse.ParseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("open clickhouse: %w", err) // the DSN may hold a password: not repeated
	}
	conn, err := connect(ctx, opts)
	var chErr *clickhouse.Exception
	if errors.As(err, &chErr) && chErr.Code == codeUnknownDatabase {
		if err := createDatabase(ctx, *opts); err != nil {
			return nil, err
		}
		conn, err = connect(ctx, opts)
	}
	if err != nil {
		return nil, err
	}
	return &Store{conn: conn}, nil
}

func connect(ctx context.Context, opts *clickhouse.Options) (driver.Conn, error) {
	conn, err := clickhouse.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("open clickhouse %v: %w", opts.Addr, err)
	}
	if err := conn.Ping(ctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("open clickhouse %v database %q: %w", opts.Addr, opts.Auth.Database, err)
	}
	return conn, nil
}

// createDatabase creates opts' database through the default one.
func createDatabase(ctx context.Context, opts clickhouse.Options) error {
	name := opts.Auth.Database
	if !isIdentifier(name) {
		return fmt.Errorf("create clickhouse database %q: not a plain identifier", name)
	}
	opts.Auth.Database = "default"
	conn, err := connect(ctx, &opts)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.Exec(ctx, "CREATE DATABASE IF NOT EXISTS "+name); err != nil {
		return fmt.Errorf("create clickhouse database %s: %w", name, err)
	}
	return nil
}

// isIdentifier reports whether s is a name that needs no quoting.
func isIdentifier(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}

// Close closes the connections.
func (s *Store) Close() error {
	if err := s.conn.Close(); err != nil {
		return fmt.Errorf("close clickhouse: %w", err)
	}
	return nil
}
