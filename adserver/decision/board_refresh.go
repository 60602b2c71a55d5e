package decision

import "time"

// A pacing board is built per snapshot (by Update, or by the first
// decision that finds none), serves the decisions of about a second, and
// is then rebuilt in the background by the first decision after that
// second, which goes on with the old board meanwhile: no decision waits
// for a refresh. A decision whose time is far from the board's (an idle
// engine, a request for another time) waits for a new board instead, one
// build at a time.

const (
	// boardRefresh is how long a board serves requests around its time.
	// Past it the board is refreshed in the background while requests go
	// on with the old one.
	boardRefresh = int64(time.Second)
	// boardMaxLag is how far a request's time may be from the board's
	// before the board is not merely stale but wrong (an idle engine, a
	// request for another time): the request rebuilds it first.
	boardMaxLag = int64(30 * time.Second)
)

// boardFor is the board a decision on s at now walks: the current one
// when it is of s and near now; else, a little stale, the current one
// while a refresh runs in the background; else a new one built now.
func (e *Engine) boardFor(s *Snapshot, now int64) *board {
	if b := e.board.Load(); b != nil && b.snap == s {
		if within(now, b.at, boardRefresh) {
			return b
		}
		if within(now, b.at, boardMaxLag) {
			e.refreshBoard(b, now)
			return b
		}
	}
	e.boardMu.Lock()
	defer e.boardMu.Unlock()
	if b := e.board.Load(); b != nil && b.snap == s && within(now, b.at, boardRefresh) {
		return b // built while this one waited
	}
	b := e.buildBoard(s, now)
	e.board.Store(b)
	return b
}

// refreshBoard replaces old by a board at now, in the background, unless
// a refresh is already running. The new board is dropped if old was
// replaced meanwhile (a snapshot update).
func (e *Engine) refreshBoard(old *board, now int64) {
	if !e.refreshing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer e.refreshing.Store(false)
		e.board.CompareAndSwap(old, e.buildBoard(old.snap, now))
	}()
}

// within reports whether a and b are less than d apart.
func within(a, b, d int64) bool {
	if a > b {
		a, b = b, a
	}
	diff := b - a
	return diff >= 0 && diff < d // negative: the difference overflowed
}
