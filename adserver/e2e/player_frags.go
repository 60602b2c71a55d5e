package e2e

import (
	"errors"
	"fmt"
	"slices"
)

// Sentinel errors of (*PlayResult).VerifyVOD, joined so a caller can test
// for each with errors.Is.
var (
	ErrPlayerFatal     = errors.New("player stopped on a fatal error")
	ErrNotEnded        = errors.New("playback did not reach the end")
	ErrFragOrder       = errors.New("fragments not played in order")
	ErrDiscontinuities = errors.New("discontinuity counters differ")
)

// SNs returns the media sequence numbers of FRAG_CHANGED, in order.
func (r *PlayResult) SNs() []int64 {
	sns := make([]int64, len(r.Frags))
	for i, f := range r.Frags {
		sns[i] = f.SN
	}
	return sns
}

// Discontinuities returns the discontinuity counter (cc) of each
// FRAG_CHANGED, in order: a correctly stitched break shows as a step up.
func (r *PlayResult) Discontinuities() []int {
	ccs := make([]int, len(r.Frags))
	for i, f := range r.Frags {
		ccs[i] = f.CC
	}
	return ccs
}

// URLs returns the fragment URLs of FRAG_CHANGED, in order.
func (r *PlayResult) URLs() []string {
	urls := make([]string, len(r.Frags))
	for i, f := range r.Frags {
		urls[i] = f.URL
	}
	return urls
}

// ErrorDetails returns every hls.js error as "type:details", in order.
func (r *PlayResult) ErrorDetails() []string {
	out := make([]string, len(r.Errors))
	for i, e := range r.Errors {
		out[i] = e.String()
	}
	return out
}

// VerifyVOD checks a VOD run: no fatal error, 'ended' reached, every
// fragment shown once in sequence order starting at the first, and the
// discontinuity counters equal wantCC (one per fragment). It returns nil or
// the joined failures.
func (r *PlayResult) VerifyVOD(wantCC []int) error {
	var errs []error
	if r.Fatal != "" {
		errs = append(errs, fmt.Errorf("%w: %s", ErrPlayerFatal, r.Fatal))
	}
	if !r.Ended {
		errs = append(errs, fmt.Errorf("%w: stopped by %s at %.3fs", ErrNotEnded, r.Stop, r.FinalTime))
	}
	sns := r.SNs()
	for i := 1; i < len(sns); i++ {
		if sns[i] != sns[i-1]+1 {
			errs = append(errs, fmt.Errorf("%w: sn %v", ErrFragOrder, sns))
			break
		}
	}
	if got := r.Discontinuities(); !slices.Equal(got, wantCC) {
		errs = append(errs, fmt.Errorf("%w: got cc %v, want %v", ErrDiscontinuities, got, wantCC))
	}
	return errors.Join(errs...)
}
