package demo

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// markerName is the file, written last, that says a directory holds
// complete demo media of this Version and describes it.
const markerName = "assets.json"

// renderWorkers is how many clips render at once. Two keep both cores of
// the reference machine busy: x264 alone leaves one half idle on the
// filter-bound stretches.
const renderWorkers = 2

// Prepare makes sure the demo media exists under dir, rendering it with
// ffmpeg when missing, incomplete or made by another Version. Rendering
// happens in a temporary sibling directory that is renamed into place, so
// an interrupted run leaves nothing that looks finished, and a lock file
// next to dir makes a concurrent Prepare (another process, another test
// package) wait for the first one instead of rendering twice. log may be
// nil.
func Prepare(ctx context.Context, dir string, log *slog.Logger) (*Assets, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// ffmpeg runs in a work directory, so every path it gets is absolute.
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("prepare demo media: %w", err)
	}
	dir = abs
	if a, err := Load(dir); err == nil {
		return a, nil
	}
	t, err := findTools()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("prepare demo media: %w", err)
	}
	unlock, err := lock(ctx, dir+".lock")
	if err != nil {
		return nil, fmt.Errorf("prepare demo media: %w", err)
	}
	defer unlock()
	if a, err := Load(dir); err == nil {
		return a, nil // rendered while we waited for the lock
	}
	if lockExcludes {
		removeLeftovers(dir, log)
	}

	start := time.Now()
	log.Info("rendering demo media", "dir", dir)
	tmp, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("prepare demo media: %w", err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed into place
	if err := render(ctx, t, tmp, log); err != nil {
		return nil, fmt.Errorf("prepare demo media in %s: %w", dir, err)
	}
	if err := install(tmp, dir); err != nil {
		return nil, fmt.Errorf("prepare demo media: %w", err)
	}
	a, err := Load(dir)
	if err != nil {
		return nil, fmt.Errorf("prepare demo media: %w", err)
	}
	log.Info("demo media ready", "dir", dir, "took", time.Since(start).Round(time.Millisecond))
	return a, nil
}

// render renders every clip into root, writes the master playlists and
// finally the marker.
func render(ctx context.Context, t tools, root string, log *slog.Logger) error {
	work := filepath.Join(root, ".work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	described := make([]Clip, len(clips))
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	sem := make(chan struct{}, renderWorkers)
	for i, c := range clips {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			began := time.Now()
			err := renderClip(ctx, t, work, root, c)
			if err == nil {
				described[i], err = describeClip(ctx, t, root, c)
			}
			if err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				cancel()
				return
			}
			log.Debug("rendered demo clip", "clip", c.name, "took", time.Since(began).Round(time.Millisecond))
		})
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.RemoveAll(work); err != nil {
		return err
	}

	a := &Assets{Version: Version, Ladder: ladder}
	for _, c := range described {
		switch {
		case c.Name == ContentName:
			a.Content = c
		case c.Name == "slate":
			a.Slate = c
		default:
			a.Ads = append(a.Ads, c)
		}
	}
	// Ads are listed shortest first, which is how a pod is filled.
	slices.SortFunc(a.Ads, func(x, y Clip) int { return cmp.Compare(x.Duration, y.Duration) })
	if err := checkLadder(a); err != nil {
		return err
	}
	for _, c := range a.Clips() {
		path := filepath.Join(root, filepath.FromSlash(c.Master()))
		if err := os.WriteFile(path, MasterPlaylist(a.Ladder, c), 0o644); err != nil {
			return fmt.Errorf("write master: %w", err)
		}
	}
	marker, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(root, markerName), append(marker, '\n'), 0o644)
}

// describeClip probes a rendered clip and checks it against the recipe.
func describeClip(ctx context.Context, t tools, root string, c clipSpec) (Clip, error) {
	clip := Clip{Name: c.name, Title: c.title, Duration: c.duration, SegmentDuration: c.segment, GOP: c.gop}
	clipDir := filepath.Join(root, filepath.FromSlash(c.name))
	for i, r := range ladder {
		v, err := readVariant(clipDir, c, r)
		if err != nil {
			return clip, err
		}
		first := filepath.Join(clipDir, r.Name, v.Segments[0].URI)
		video, audio, err := probeStreams(ctx, t, first)
		if err != nil {
			return clip, err
		}
		if err := checkStreams(video, audio, r); err != nil {
			return clip, fmt.Errorf("%s: %w", c.name, err)
		}
		if i == 0 {
			clip.StartPTS = uint64(video.StartPTS)
		} else if uint64(video.StartPTS) != clip.StartPTS {
			return clip, fmt.Errorf("%s: %s starts at PTS %d, %s at %d", c.name, r.Name, video.StartPTS, ladder[0].Name, clip.StartPTS)
		}
		if v.Codecs, err = probeCodecs(ctx, t, first); err != nil {
			return clip, err
		}
		clip.Variants = append(clip.Variants, v)
	}
	return clip, nil
}

// checkLadder verifies that every clip's variant of a rung carries the same
// codec string, which is what lets an ad replace content mid-stream.
func checkLadder(a *Assets) error {
	for i, r := range a.Ladder {
		want := a.Content.Variants[i].Codecs
		for _, c := range a.Clips() {
			if got := c.Variants[i].Codecs; got != want {
				return fmt.Errorf("%s %s has CODECS %q, content has %q", c.Name, r.Name, got, want)
			}
		}
	}
	return nil
}

// install renames a finished temporary directory to dir. When dir exists,
// it is either complete (a process without the lock won; keep it) or stale
// (move it aside, then take its place).
func install(tmp, dir string) error {
	err := os.Rename(tmp, dir)
	if err == nil {
		return nil
	}
	if _, loadErr := Load(dir); loadErr == nil {
		return nil
	}
	old, mkErr := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".old-")
	if mkErr != nil {
		return fmt.Errorf("install %s: %w", dir, err)
	}
	stale := filepath.Join(old, "stale")
	if err := os.Rename(dir, stale); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("install %s: move stale media aside: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("install %s: %w", dir, err)
	}
	return os.RemoveAll(old)
}

// removeLeftovers deletes temporary and stale directories that an
// interrupted Prepare left next to dir. Only the lock holder calls it, and
// the lock holder is the only renderer, so none of them is in use.
func removeLeftovers(dir string, log *slog.Logger) {
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		return
	}
	base := filepath.Base(dir)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() && (strings.HasPrefix(name, base+".tmp-") || strings.HasPrefix(name, base+".old-")) {
			path := filepath.Join(filepath.Dir(dir), name)
			if err := os.RemoveAll(path); err != nil {
				log.Warn("remove leftover demo render", "path", path, "err", err)
			}
		}
	}
}
