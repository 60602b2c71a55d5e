package store

import (
	"encoding/base64"
	"encoding/binary"
)

// Paging limits.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Page selects one page of a list: at most Limit items (0: DefaultLimit)
// after Cursor, the opaque token a previous page returned ("" = first).
type Page struct {
	Limit  int
	Cursor string
}

// resolve checks the page and returns the limit and the sequence number
// after which the page starts.
func (p Page) resolve() (limit int, after int64, err error) {
	limit = p.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	if limit < 1 || limit > MaxLimit {
		return 0, 0, invalidField("limit", "must be 1..500")
	}
	if p.Cursor == "" {
		return limit, 0, nil
	}
	after, ok := decodeCursor(p.Cursor)
	if !ok {
		return 0, 0, invalidField("cursor", "malformed; pass next_cursor of the previous page")
	}
	return limit, after, nil
}

// A cursor is the row sequence number of the last item returned, as 8
// big-endian bytes in unpadded base64url: opaque, and cheap to check.
func encodeCursor(seq int64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(seq))
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func decodeCursor(s string) (int64, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) != 8 {
		return 0, false
	}
	seq := int64(binary.BigEndian.Uint64(b))
	// One token per row: the decoder skips \r and \n, which must not
	// make a second spelling of a cursor.
	return seq, seq > 0 && encodeCursor(seq) == s
}

// nextCursor trims the one extra row a page query fetches (limit+1) and
// returns the cursor of the next page, "" when this page is the last.
func nextCursor[T any](items []T, seqs []int64, limit int) ([]T, string) {
	if len(items) <= limit {
		return items, ""
	}
	return items[:limit], encodeCursor(seqs[limit-1])
}
