package migrate

import (
	"slices"
	"strings"
	"testing"
)

var splitCases = []struct {
	name    string
	sql     string
	want    []string
	wantErr string
}{
	{"empty", "", nil, ""},
	{"one without semicolon", "SELECT 1", []string{"SELECT 1"}, ""},
	{"two", "SELECT 1;\n  SELECT 2;\n", []string{"SELECT 1", "SELECT 2"}, ""},
	{"comment only", "-- nothing here;\n;\n/* nor; here */;", nil, ""},
	{"comments kept inside", "/* a; */ SELECT 1; -- b;\n", []string{"/* a; */ SELECT 1"}, ""},
	{"line comment hides semicolon", "SELECT 1 -- c;\n; SELECT 2", []string{"SELECT 1 -- c;", "SELECT 2"}, ""},
	{"semicolon in string", "SELECT ';'; SELECT 2", []string{"SELECT ';'", "SELECT 2"}, ""},
	{"doubled quote", "SELECT 'it''s;'; X", []string{"SELECT 'it''s;'", "X"}, ""},
	{"backslash escape", `SELECT 'a\'; b'; X`, []string{`SELECT 'a\'; b'`, "X"}, ""},
	{"quoted identifiers", "SELECT \"a;b\" FROM `c;d`; X", []string{"SELECT \"a;b\" FROM `c;d`", "X"}, ""},
	{"empty statements", ";;SELECT 1;;", []string{"SELECT 1"}, ""},
	{"unusual blanks", "\v;\f\u00a0;SELECT 1\u2003", []string{"SELECT 1"}, ""},
	{"unterminated string", "SELECT 1;\nSELECT 'abc", nil, "line 2: unterminated ' quote"},
	{"unterminated identifier", "\n\nSELECT \"x", nil, "line 3: unterminated \" quote"},
	{"unterminated comment", "SELECT 1;\n/* x\n", nil, "line 2: unterminated /* comment"},
	{"lines counted through strings", "SELECT 'a\nb';\n/* c\n*/\n'x", nil, "line 5: unterminated ' quote"},
}

func TestSplit(t *testing.T) {
	for _, tc := range splitCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Split(tc.sql)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func FuzzSplit(f *testing.F) {
	for _, tc := range splitCases {
		f.Add(tc.sql)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		stmts, err := Split(sql)
		if err != nil {
			return
		}
		if len(stmts) > strings.Count(sql, ";")+1 {
			t.Fatalf("%d statements from %d semicolons", len(stmts), strings.Count(sql, ";"))
		}
		for _, s := range stmts {
			if s == "" || s != strings.TrimSpace(s) || !strings.Contains(sql, s) {
				t.Fatalf("statement %q of %q", s, sql)
			}
		}
	})
}
