package adserver

import (
	"context"
	"time"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/manifest"
)

// buildPlan decides a pod for every break of the window (and every
// remembered break) for the session in st.
func (s *Server) buildPlan(ctx context.Context, st *reqState, str *stream, t *manifest.Template, ci *contentInfo, token string) *manifest.Plan {
	p := &st.plan
	breaks, history := t.Breaks(), t.History()
	need := len(breaks) + len(history)
	if cap(st.pods) < need {
		st.pods = make([]manifest.Pod, need)
	}
	st.pods = st.pods[:need]
	p.Pods, p.PastPods = p.Pods[:0], p.PastPods[:0]
	for i := range breaks {
		p.Pods = append(p.Pods, s.pod(ctx, st, &st.pods[i], str, t, &breaks[i], ci))
	}
	for i := range history {
		p.PastPods = append(p.PastPods, s.pod(ctx, st, &st.pods[len(breaks)+i], str, t, &history[i], ci))
	}
	st.prefix = append(st.prefix[:0], "/v1/s/"...)
	st.prefix = append(st.prefix, token...)
	st.prefix = append(st.prefix, "/a/"...)
	p.AdPrefix = st.prefix
	p.Epoch = time.Unix(st.sess.Created, 0).UTC()
	p.DateRangeClass = manifest.DefaultDateRangeClass
	return p
}

// pod fills dst with what the session sees in break b, or returns nil when
// the break stays as the origin has it.
func (s *Server) pod(ctx context.Context, st *reqState, dst *manifest.Pod, str *stream, t *manifest.Template, b *manifest.Break, ci *contentInfo) *manifest.Pod {
	if !s.sessionSaw(st, t, b) {
		return nil
	}
	dec := s.decisionFor(ctx, st, str.id, b.ID, b.Duration)
	start := len(st.items)
	var used float64
	for _, id := range dec.Ads {
		r, err := s.ads.rendition(ctx, id, ci)
		if err != nil {
			s.throttle.warn(s.log, "ad:"+id, "ad left out of pod", "ad", id, "err", err)
			continue
		}
		st.items = append(st.items, manifest.PodItem{Ad: r})
		used += r.Duration
	}
	if s.slate != "" && b.Duration-used >= 0.5 {
		if r, err := s.ads.rendition(ctx, s.slate, ci); err == nil {
			if n := slateCount(r, b.Duration-used); n > 0 {
				st.items = append(st.items, manifest.PodItem{Ad: r, Slate: true, Count: n})
			}
		} else {
			s.throttle.warn(s.log, "slate", "slate unavailable", "err", err)
		}
	}
	if len(st.items) == start {
		return nil
	}
	dst.Items = st.items[start:len(st.items):len(st.items)]
	return dst
}

// slateCount is how many slate segments (looping) fit in gap seconds.
func slateCount(r *manifest.AdRendition, gap float64) int {
	n := 0
	var t float64
	for k := 0; k < 100_000; k++ {
		d := r.Segments[k%len(r.Segments)].Duration
		if d <= 0 || t+d > gap+0.05 {
			break
		}
		t += d
		n++
	}
	return n
}

// sessionSaw reports whether break b belongs to the session's timeline: on
// live streams, breaks planned to end before the session began stay as the
// origin has them, so a session's numbering never depends on breaks it
// could not have seen.
//
// The answer must not change while the break is listed: a reload that
// un-stitches a pod renumbers every segment after it (RFC 8216 §6.2.2;
// hls.js stops with levelParsingError). So it rests on what the first
// window already knew, the start and the planned duration, not on the
// content seen so far: a session that began just after a break ended
// sees that break open in the window the origin still serves, and closed
// one reload later.
func (s *Server) sessionSaw(st *reqState, t *manifest.Template, b *manifest.Break) bool {
	if !t.Live() || b.Start.IsZero() {
		return true
	}
	end := b.Start.Add(time.Duration(b.Duration * float64(time.Second)))
	return end.Unix() >= st.sess.Created
}

// decisionFor returns the session's decision for a break: the cached one,
// or one made now, cached, and recorded as avail events. Every path that
// needs a decision (playlists, the explanation, VAST) goes through here, so
// a decision is recorded once whichever asks first.
func (s *Server) decisionFor(ctx context.Context, st *reqState, stream, breakID string, duration float64) *Decision {
	key := decisionKey{session: st.sess.ID, breakID: breakID}
	if dec := s.decisions.get(key); dec != nil {
		return dec
	}
	avail := Avail{Stream: stream, BreakID: breakID, Duration: duration}
	start := time.Now()
	dec := s.decider.Decide(ctx, &st.sess, avail)
	s.observeDecision(ctx, avail, dec, time.Since(start))
	s.decisions.put(key, dec)
	s.recordAvail(st, breakID, dec)
	return dec
}

// recordAvail records what a new decision put into an avail. Ids are
// deterministic, so another instance deciding the same avail counts once.
func (s *Server) recordAvail(st *reqState, availID string, dec *Decision) {
	var err error
	if len(dec.Ads) == 0 {
		e := s.event(&st.sess, availID, 0, "", analytics.AvailUnfilled, analytics.SourceServer)
		e.Reason = "no_eligible_ads"
		err = s.rec.Record(e)
	}
	for i, id := range dec.Ads {
		if err == nil {
			err = s.rec.Record(s.event(&st.sess, availID, i, id, analytics.AvailFilled, analytics.SourceServer))
		}
	}
	if err != nil {
		s.throttle.warn(s.log, "record", "avail event not recorded", "err", err)
	}
}
