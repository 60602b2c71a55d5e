package migrate

import (
	"fmt"
	"strings"
)

// Split cuts a SQL file into its statements at semicolons outside
// string literals, quoted identifiers and comments. Statements come back
// trimmed, without their semicolon; empty and comment-only ones are dropped.
// ClickHouse runs one statement per query, so both stores apply migration
// files statement by statement. Not supported: SQLite trigger bodies
// (BEGIN … END holds semicolons).
func Split(sql string) ([]string, error) {
	var (
		out   []string
		start int  // first byte of the current statement
		code  bool // the current statement has more than comments
		line  = 1
	)
	for i := 0; i < len(sql); i++ {
		c := sql[i]
		switch {
		case c == '\n':
			line++
		case c == '\'' || c == '"' || c == '`':
			end, lines, ok := skipQuoted(sql, i)
			if !ok {
				return nil, fmt.Errorf("line %d: unterminated %c quote", line, c)
			}
			i, line, code = end, line+lines, true
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			end := strings.IndexByte(sql[i:], '\n')
			if end < 0 {
				i = len(sql)
				continue
			}
			i += end - 1 // the newline is counted on the next turn
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			end := strings.Index(sql[i+2:], "*/")
			if end < 0 {
				return nil, fmt.Errorf("line %d: unterminated /* comment", line)
			}
			line += strings.Count(sql[i:i+2+end], "\n")
			i += 2 + end + 1
		case c == ';':
			if stmt := strings.TrimSpace(sql[start:i]); code && stmt != "" {
				out = append(out, stmt)
			}
			start, code = i+1, false
		case c != ' ' && c != '\t' && c != '\r':
			code = true
		}
	}
	if stmt := strings.TrimSpace(sql[start:]); code && stmt != "" {
		out = append(out, stmt)
	}
	return out, nil
}

// skipQuoted returns the index of the quote closing the one at sql[i] and
// the newlines in between. A doubled quote or a backslash escapes it.
func skipQuoted(sql string, i int) (end, lines int, ok bool) {
	q := sql[i]
	for j := i + 1; j < len(sql); j++ {
		switch sql[j] {
		case '\\':
			j++
			if j < len(sql) && sql[j] == '\n' {
				lines++
			}
		case '\n':
			lines++
		case q:
			if j+1 < len(sql) && sql[j+1] == q {
				j++
				continue
			}
			return j, lines, true
		}
	}
	return 0, 0, false
}
