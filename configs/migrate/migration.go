package migrate

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// ErrUnknownMigration is returned when a database records a migration this
// binary does not have: it was migrated by a newer adstitch.
var ErrUnknownMigration = errors.New("database has a migration this binary does not know")

// Migration is one schema step: a file NNNN_name.sql, applied once, in
// version order, and recorded in the store's schema_migrations table.
type Migration struct {
	Version    int
	Name       string // the file name
	Statements []string
}

// Load reads the *.sql files of dir in fsys, sorted by version.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	files, err := fs.Glob(fsys, path.Join(dir, "*.sql"))
	if err != nil {
		return nil, fmt.Errorf("list migrations in %s: %w", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("list migrations in %s: no .sql file", dir)
	}
	var out []Migration
	for _, f := range files {
		name := path.Base(f)
		digits, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(digits)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", f)
		}
		body, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", f, err)
		}
		stmts, err := Split(string(body))
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", f, err)
		}
		if len(stmts) == 0 {
			return nil, fmt.Errorf("migration %s: no statement", f)
		}
		out = append(out, Migration{Version: v, Name: name, Statements: stmts})
	}
	slices.SortFunc(out, func(a, b Migration) int { return a.Version - b.Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s: same version %d", out[i-1].Name, out[i].Name, out[i].Version)
		}
	}
	return out, nil
}

// Pending returns the migrations not in applied, after checking that every
// applied version is known.
func Pending(all []Migration, applied []int) ([]Migration, error) {
	for _, v := range applied {
		if !slices.ContainsFunc(all, func(m Migration) bool { return m.Version == v }) {
			return nil, fmt.Errorf("%w: version %d", ErrUnknownMigration, v)
		}
	}
	var out []Migration
	for _, m := range all {
		if !slices.Contains(applied, m.Version) {
			out = append(out, m)
		}
	}
	return out, nil
}
