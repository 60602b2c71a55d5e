package chstore

import (
	"context"
	"fmt"

	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/configs/migrate"
)

const migrationsDir = "sql/clickhouse"

// Migrate applies the migrations of configs/sql/clickhouse the database has
// not recorded in schema_migrations, statement by statement. ClickHouse DDL
// is not transactional: every statement is written to be re-run (IF NOT
// EXISTS), so a migration cut short is completed by the next Migrate.
func (s *Store) Migrate(ctx context.Context) error {
	all, err := migrate.Load(configs.SQL, migrationsDir)
	if err != nil {
		return err
	}
	if err := s.conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations
		(version UInt32, name String, applied_at DateTime('UTC') DEFAULT now())
		ENGINE = ReplacingMergeTree ORDER BY version`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	applied, err := s.appliedVersions(ctx)
	if err != nil {
		return err
	}
	pending, err := migrate.Pending(all, applied)
	if err != nil {
		return err
	}
	for _, m := range pending {
		for i, stmt := range m.Statements {
			if err := s.conn.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("migration %s statement %d: %w", m.Name, i+1, err)
			}
		}
		if err := s.conn.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`,
			uint32(m.Version), m.Name); err != nil {
			return fmt.Errorf("record migration %s: %w", m.Name, err)
		}
	}
	return nil
}

func (s *Store) appliedVersions(ctx context.Context) ([]int, error) {
	rows, err := s.conn.Query(ctx, `SELECT DISTINCT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v uint32
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		out = append(out, int(v))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	return out, nil
}
