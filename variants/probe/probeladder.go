package probe

import (
	"context"
	"fmt"
	"sync"

	"github.com/adstitch/adstitch/manifest"
)

// ProbeLadder reads a master playlist (an http(s) URL, a file URL or a
// local path) and probes every variant stream (EXT-X-STREAM-INF) in
// master order, keeping the master's BANDWIDTH and CODECS. Alternate
// renditions (EXT-X-MEDIA) and I-frame playlists are not part of the
// ladder. URIs of a local master are local paths.
func ProbeLadder(ctx context.Context, masterURL string) (Ladder, error) {
	loc, err := location(masterURL)
	if err != nil {
		return Ladder{}, err
	}
	data, err := fetch(ctx, loc, 0, -1, maxPlaylist)
	if err != nil {
		return Ladder{}, fmt.Errorf("%w: %v", ErrPlaylist, err)
	}
	if !manifest.IsMaster(data) {
		return Ladder{}, fmt.Errorf("%w: %s is not a master playlist", ErrPlaylist, masterURL)
	}
	m, err := manifest.ParseMaster(data, loc)
	if err != nil {
		return Ladder{}, fmt.Errorf("%w: %s: %v", ErrPlaylist, masterURL, err)
	}
	var variants []manifest.Rendition
	for _, r := range m.Renditions {
		if r.Kind == manifest.KindVariant {
			variants = append(variants, r)
		}
	}
	if len(variants) == 0 {
		return Ladder{}, fmt.Errorf("%w: %s has no EXT-X-STREAM-INF variant", ErrPlaylist, masterURL)
	}

	// Probe the variants side by side: each waits mostly on I/O and a
	// short ffprobe.
	l := Ladder{Renditions: make([]Rendition, len(variants))}
	errs := make([]error, len(variants))
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, v := range variants {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			r, err := ProbeRendition(ctx, display(v.URI))
			if err != nil {
				errs[i] = fmt.Errorf("variant %d: %w", i, err)
				return
			}
			r.Bandwidth, r.Codecs = int(v.Bandwidth), v.Codecs
			l.Renditions[i] = r
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return Ladder{}, err
		}
	}
	return l, nil
}
