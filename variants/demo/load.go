package demo

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNotPrepared means a directory does not hold complete demo media of
// this Version; Prepare renders it.
var ErrNotPrepared = errors.New("demo media not prepared")

// Load reads the description of demo media rendered under dir, checking
// that the marker is of this Version and that every playlist and segment
// it lists is there. It never runs ffmpeg.
func Load(dir string) (*Assets, error) {
	b, err := os.ReadFile(filepath.Join(dir, markerName))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s has no %s", ErrNotPrepared, dir, markerName)
		}
		return nil, fmt.Errorf("load demo media: %w", err)
	}
	var a Assets
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrNotPrepared, filepath.Join(dir, markerName), err)
	}
	if a.Version != Version {
		return nil, fmt.Errorf("%w: %s holds version %d, want %d", ErrNotPrepared, dir, a.Version, Version)
	}
	a.Dir = dir
	if err := a.checkFiles(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotPrepared, err)
	}
	return &a, nil
}

// checkFiles verifies that every file the description names exists.
func (a *Assets) checkFiles() error {
	if len(a.Ladder) == 0 || len(a.Ads) == 0 {
		return errors.New("description lists no ladder or no ads")
	}
	for _, c := range a.Clips() {
		if len(c.Variants) != len(a.Ladder) {
			return fmt.Errorf("%s has %d variants for %d rungs", c.Name, len(c.Variants), len(a.Ladder))
		}
		paths := []string{c.Master()}
		for _, v := range c.Variants {
			paths = append(paths, c.Name+"/"+v.URI)
			for _, s := range v.Segments {
				paths = append(paths, c.Name+"/"+v.Rendition+"/"+s.URI)
			}
		}
		for _, p := range paths {
			if _, err := os.Stat(a.Path(p)); err != nil {
				return err
			}
		}
	}
	return nil
}
