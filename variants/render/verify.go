package render

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/adstitch/adstitch/variants/probe"
)

// ErrMismatch means a rendered rendition does not match the ladder it was
// rendered for (and must never be stitched). The message names the
// rendition and the fields.
var ErrMismatch = errors.New("rendered rendition does not match the ladder")

// verify probes every rendered rendition as content is probed, refuses
// any that does not stitch into its ladder rendition, and measures the
// files for the master playlist. The returned renditions have URIs
// relative to Out.
func verify(ctx context.Context, rungs []rung) ([]probe.Rendition, []measured, error) {
	rs := make([]probe.Rendition, len(rungs))
	ms := make([]measured, len(rungs))
	errs := make([]error, len(rungs))
	var wg sync.WaitGroup
	for i, g := range rungs {
		wg.Go(func() {
			got, err := probe.ProbeRendition(ctx, filepath.Join(g.dir, playlistName))
			if err != nil {
				errs[i] = fmt.Errorf("verify %s: %w", g.name, err)
				return
			}
			if why := g.want.Mismatch(got); why != "" {
				errs[i] = fmt.Errorf("%w: %s (%s): %s", ErrMismatch, g.name, describe(g.want), why)
				return
			}
			m, err := measure(ctx, g, got)
			if err != nil {
				errs[i] = fmt.Errorf("measure %s: %w", g.name, err)
				return
			}
			got.URI = g.name + "/" + playlistName
			got.Bandwidth, got.Codecs = m.bandwidth, m.codecs
			rs[i], ms[i] = got, m
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return rs, ms, nil
}

// describe names a rendition in messages: "1280x720 High".
func describe(r probe.Rendition) string {
	if r.VideoCodec == "" {
		return "audio only"
	}
	return fmt.Sprintf("%dx%d %s", r.Width, r.Height, r.Profile)
}
