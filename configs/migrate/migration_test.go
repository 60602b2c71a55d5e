package migrate

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/adstitch/adstitch/configs"
)

func TestLoad(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	cases := []struct {
		name    string
		files   fstest.MapFS
		want    []string // name: statements joined by |
		wantErr string
	}{
		{"sorted by version", fstest.MapFS{
			"m/0010_c.sql":  file("C;"),
			"m/0002_b.sql":  file("B1; B2"),
			"m/0001_a.sql":  file("-- a\nA;"),
			"m/README.md":   file("not sql"),
			"m/0003_x.sql~": file("backup"),
		}, []string{"0001_a.sql: -- a\nA", "0002_b.sql: B1|B2", "0010_c.sql: C"}, ""},
		{"no files", fstest.MapFS{"m/README.md": file("")}, nil, "no .sql file"},
		{"not numbered", fstest.MapFS{"m/x_a.sql": file("A")}, nil, "m/x_a.sql: name is not NNNN_name.sql"},
		{"version zero", fstest.MapFS{"m/0000_a.sql": file("A")}, nil, "name is not NNNN_name.sql"},
		{"no name", fstest.MapFS{"m/0001.sql": file("A")}, nil, "name is not NNNN_name.sql"},
		{"same version", fstest.MapFS{"m/0001_a.sql": file("A"), "m/001_b.sql": file("B")}, nil, "same version 1"},
		{"no statement", fstest.MapFS{"m/0001_a.sql": file("-- todo\n")}, nil, "m/0001_a.sql: no statement"},
		{"bad sql", fstest.MapFS{"m/0001_a.sql": file("A;\n'oops")}, nil, "m/0001_a.sql: line 2: unterminated"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Load(tc.files, "m")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, m := range got {
				names = append(names, m.Name+": "+strings.Join(m.Statements, "|"))
			}
			if !slices.Equal(names, tc.want) {
				t.Errorf("got %q, want %q", names, tc.want)
			}
		})
	}
}

func TestPending(t *testing.T) {
	all := []Migration{{Version: 1, Name: "a"}, {Version: 2, Name: "b"}, {Version: 3, Name: "c"}}
	got, err := Pending(all, []int{2})
	if err != nil || len(got) != 2 || got[0].Version != 1 || got[1].Version != 3 {
		t.Fatalf("Pending = %v, %v; want 1 and 3", got, err)
	}
	if got, err := Pending(all, []int{1, 2, 3}); err != nil || len(got) != 0 {
		t.Fatalf("all applied: %v, %v", got, err)
	}
	if _, err := Pending(all, []int{1, 4}); !errors.Is(err, ErrUnknownMigration) || !strings.Contains(err.Error(), "version 4") {
		t.Fatalf("newer database: %v, want ErrUnknownMigration naming version 4", err)
	}
}

// TestEmbeddedMigrations checks both stores' schemas parse and move in
// step: the same migration names, so a table added to one is added to the
// other.
func TestEmbeddedMigrations(t *testing.T) {
	names := map[string][]string{}
	for _, dir := range []string{"sql/sqlite", "sql/clickhouse"} {
		ms, err := Load(configs.SQL, dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			names[dir] = append(names[dir], m.Name)
		}
	}
	if !slices.Equal(names["sql/sqlite"], names["sql/clickhouse"]) {
		t.Errorf("sqlite migrations %v, clickhouse %v", names["sql/sqlite"], names["sql/clickhouse"])
	}
}
