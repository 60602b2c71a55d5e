package vast

import (
	"context"
	"errors"
	"sync/atomic"
)

// Stats are cumulative counters of a Client.
type Stats struct {
	Fetches     uint64 // Fetch calls
	Requests    uint64 // HTTP requests sent, wrapper hops included
	WrapperHops uint64 // wrappers followed
	Ads         uint64 // inline ads returned

	// Fetch calls that returned an error, by the error's kind (the first
	// that matches, in this order, for joined errors).
	Timeouts        uint64
	TooManyWrappers uint64 // loops included
	NotAllowed      uint64
	BadVAST         uint64
	Unavailable     uint64
	NoAds           uint64
	Canceled        uint64 // by the caller's context

	// Ads left out, by reason.
	SkippedNoLinear   uint64 // no linear creative (companion or non-linear only)
	SkippedNoHLS      uint64 // a linear creative but no HLS media file
	SkippedNoDuration uint64 // an HLS media file but a zero duration
	SkippedWrapper    uint64 // a wrapper whose chain failed
	SkippedExtra      uint64 // beyond a wrapper's allowMultipleAds="false" or the per-response cap
}

type counters struct {
	fetches, requests, wrapperHops, ads                                atomic.Uint64
	timeouts, tooManyWrappers, notAllowed, badVAST, unavailable, noAds atomic.Uint64
	canceled                                                           atomic.Uint64
	skippedNoLinear, skippedNoHLS, skippedNoDuration, skippedWrapper   atomic.Uint64
	skippedExtra                                                       atomic.Uint64
}

// Stats returns a snapshot of the counters.
func (c *Client) Stats() Stats {
	s := &c.stats
	return Stats{
		Fetches:           s.fetches.Load(),
		Requests:          s.requests.Load(),
		WrapperHops:       s.wrapperHops.Load(),
		Ads:               s.ads.Load(),
		Timeouts:          s.timeouts.Load(),
		TooManyWrappers:   s.tooManyWrappers.Load(),
		NotAllowed:        s.notAllowed.Load(),
		BadVAST:           s.badVAST.Load(),
		Unavailable:       s.unavailable.Load(),
		NoAds:             s.noAds.Load(),
		Canceled:          s.canceled.Load(),
		SkippedNoLinear:   s.skippedNoLinear.Load(),
		SkippedNoHLS:      s.skippedNoHLS.Load(),
		SkippedNoDuration: s.skippedNoDuration.Load(),
		SkippedWrapper:    s.skippedWrapper.Load(),
		SkippedExtra:      s.skippedExtra.Load(),
	}
}

// countFailure counts a failed Fetch once, under its first matching kind.
func (s *counters) countFailure(err error) {
	for _, k := range [...]struct {
		kind error
		n    *atomic.Uint64
	}{
		{ErrTimeout, &s.timeouts},
		{ErrTooManyWrappers, &s.tooManyWrappers},
		{ErrNotAllowed, &s.notAllowed},
		{ErrBadVAST, &s.badVAST},
		{ErrUnavailable, &s.unavailable},
		{ErrNoAds, &s.noAds},
		{context.Canceled, &s.canceled},
	} {
		if errors.Is(err, k.kind) {
			k.n.Add(1)
			return
		}
	}
}
