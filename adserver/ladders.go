package adserver

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/adstitch/adstitch/variants/probe"
	"github.com/adstitch/adstitch/variants/template"
)

// ladder is a stream's probed rendition ladder: what variants are
// rendered into.
type ladder struct {
	ladder      probe.Ladder
	fingerprint string
	aspect      float64
}

// ladders probes each stream's ladder once, in the background, and
// retries failures after a minute. get never waits: a decision that finds
// no ladder yet fills the time and a later one gets the variant.
type ladders struct {
	origin func(stream string) string // the stream's master URL
	probe  func(ctx context.Context, url string) (probe.Ladder, error)
	log    *slog.Logger
	now    func() time.Time

	mu    sync.Mutex
	state map[string]*ladderState
}

type ladderState struct {
	got      *ladder
	probing  bool
	failedAt time.Time
	done     chan struct{} // closed when the current probe ends
}

const ladderRetry = time.Minute

func newLadders(origin func(string) string, log *slog.Logger, now func() time.Time) *ladders {
	return &ladders{origin: origin, probe: probe.ProbeLadder, log: log, now: now, state: map[string]*ladderState{}}
}

// get returns the stream's ladder, starting a probe when there is none.
func (l *ladders) get(stream string) (*ladder, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	st := l.state[stream]
	if st == nil {
		st = &ladderState{}
		l.state[stream] = st
	}
	if st.got != nil {
		return st.got, true
	}
	l.start(stream, st)
	return nil, false
}

// wait returns the stream's ladder, probing it now if needed (pre-render
// runs in the background and can wait).
func (l *ladders) wait(ctx context.Context, stream string) (*ladder, bool) {
	if got, ok := l.get(stream); ok {
		return got, true
	}
	l.mu.Lock()
	done := l.state[stream].done
	l.mu.Unlock()
	if done == nil {
		return nil, false // failed recently
	}
	select {
	case <-done:
	case <-ctx.Done():
		return nil, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	got := l.state[stream].got
	return got, got != nil
}

// start begins a probe unless one runs or one failed within ladderRetry.
// l.mu is held.
func (l *ladders) start(stream string, st *ladderState) {
	if st.probing || (!st.failedAt.IsZero() && l.now().Sub(st.failedAt) < ladderRetry) {
		return
	}
	url := l.origin(stream)
	if url == "" {
		return
	}
	st.probing, st.done = true, make(chan struct{})
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		got, err := l.probe(ctx, url)
		var lad *ladder
		if err == nil {
			var aspect float64
			if aspect, err = template.LadderAspect(got); err == nil {
				lad = &ladder{ladder: got, fingerprint: got.Fingerprint(), aspect: aspect}
			}
		}
		l.mu.Lock()
		st.probing, st.got = false, lad
		if err != nil {
			st.failedAt = l.now()
			l.log.Warn("probe stream ladder", "stream", stream, "url", url, "err", err)
		} else {
			l.log.Info("stream ladder probed", "stream", stream, "renditions", len(got.Renditions))
		}
		close(st.done)
		l.mu.Unlock()
	}()
}
