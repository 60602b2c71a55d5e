package variants

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

const (
	markerName = "variant.json" // written last: a directory with a valid marker is complete
	tempPrefix = ".tmp-"        // renders in progress and directories being removed
	maxMarker  = 1 << 20
)

func (s *Service) markerPath(id string) string {
	return filepath.Join(s.cfg.Dir, id, markerName)
}

// readMarker loads the ready record of variant id from disk and the time
// of its last use (the marker's mtime).
func (s *Service) readMarker(id string) (Variant, time.Time, error) {
	path := s.markerPath(id)
	f, err := os.Open(path)
	if err != nil {
		return Variant{}, time.Time{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Variant{}, time.Time{}, fmt.Errorf("stat %s: %w", path, err)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxMarker))
	if err != nil {
		return Variant{}, time.Time{}, fmt.Errorf("read %s: %w", path, err)
	}
	v, err := decodeMarker(b, id)
	if err != nil {
		return Variant{}, time.Time{}, fmt.Errorf("%s: %w", path, err)
	}
	return v, fi.ModTime(), nil
}

// errBadMarker marks a variant directory that is not a complete variant.
var errBadMarker = errors.New("bad variant marker")

func decodeMarker(b []byte, id string) (Variant, error) {
	var v Variant
	if err := json.Unmarshal(b, &v); err != nil {
		return Variant{}, fmt.Errorf("%w: %w", errBadMarker, err)
	}
	if v.ID != id {
		return Variant{}, fmt.Errorf("%w: names variant %q", errBadMarker, v.ID)
	}
	if v.Status != StatusReady {
		return Variant{}, fmt.Errorf("%w: status %q", errBadMarker, v.Status)
	}
	if v.Bytes < 0 {
		return Variant{}, fmt.Errorf("%w: bytes %d", errBadMarker, v.Bytes)
	}
	return v, nil
}

// writeMarker writes v as dir's marker and syncs it.
func writeMarker(dir string, v Variant) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode marker: %w", err)
	}
	path := filepath.Join(dir, markerName)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write marker: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("write marker %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync marker %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close marker %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// syncTree syncs every regular file under dir (so a marker never outlives
// the files it vouches for after a crash) and returns their total size.
func syncTree(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			syncDir(path)
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		total += fi.Size()
		return f.Sync()
	})
	if err != nil {
		return 0, fmt.Errorf("sync rendered files: %w", err)
	}
	return total, nil
}

// syncDir makes dir's entries durable. Best effort: some filesystems
// refuse to sync directories, and the data itself is already synced.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		f.Close()
	}
}

// install renames a finished temp dir to Dir/<id>. When the target exists
// another instance rendered the variant first: its record is returned and
// tmp is left for the caller to remove. A target without a valid marker
// is debris and is replaced.
func (s *Service) install(tmp, id string, v Variant) (Variant, time.Time, error) {
	final := filepath.Join(s.cfg.Dir, id)
	var err error
	for range 3 {
		if err = os.Rename(tmp, final); err == nil {
			syncDir(s.cfg.Dir)
			return v, v.RenderedAt, nil
		}
		theirs, used, rerr := s.readMarker(id)
		switch {
		case rerr == nil:
			return theirs, used, nil
		case !incomplete(rerr):
			return Variant{}, time.Time{}, fmt.Errorf("install variant: %w (existing: %w)", err, rerr)
		}
		if _, serr := os.Stat(final); serr == nil {
			s.log.Warn("replacing incomplete variant dir", "id", id, "err", rerr)
			if err := s.removeVariantDir(id); err != nil {
				return Variant{}, time.Time{}, err
			}
		} // else it vanished meanwhile (evicted elsewhere): try again
	}
	return Variant{}, time.Time{}, fmt.Errorf("install variant: %w", err)
}

// incomplete reports whether a readMarker error means the directory is not
// a finished variant (as opposed to an I/O problem reading one).
func incomplete(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, errBadMarker)
}

// removeVariantDir removes Dir/<id>: renamed aside first so that the
// variant disappears at once for every instance, then deleted.
func (s *Service) removeVariantDir(id string) error {
	aside := filepath.Join(s.cfg.Dir, tempPrefix+id+"-gone-"+strconv.FormatUint(rand.Uint64(), 36))
	if err := os.Rename(filepath.Join(s.cfg.Dir, id), aside); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // another instance removed it
		}
		return fmt.Errorf("remove variant %s: %w", id, err)
	}
	if err := os.RemoveAll(aside); err != nil {
		return fmt.Errorf("remove variant %s: %w", id, err)
	}
	return nil
}

// staleAfter is the age at which a temp dir cannot belong to a live
// render of any instance (renders are cancelled at RenderTimeout).
func (s *Service) staleAfter() time.Duration {
	return s.cfg.RenderTimeout + time.Minute
}

// removeStaleTemps removes temp dirs left by crashed or killed renders.
func (s *Service) removeStaleTemps() {
	des, err := os.ReadDir(s.cfg.Dir)
	if err != nil {
		s.log.Warn("list variant dir", "dir", s.cfg.Dir, "err", err)
		return
	}
	for _, de := range des {
		if strings.HasPrefix(de.Name(), tempPrefix) {
			s.removeIfStale(filepath.Join(s.cfg.Dir, de.Name()))
		}
	}
}

func (s *Service) removeIfStale(path string) {
	fi, err := os.Lstat(path)
	if err != nil || s.now().Sub(fi.ModTime()) < s.staleAfter() {
		return
	}
	if err := os.RemoveAll(path); err != nil {
		s.log.Warn("remove stale temp dir", "path", path, "err", err)
		return
	}
	s.log.Info("removed stale temp dir", "path", path)
}

type found struct {
	v    Variant
	used time.Time
}

// scan reads Dir at start: ready variants are returned, stale temp dirs and
// incomplete variant dirs are removed, anything else is left alone.
func (s *Service) scan() ([]found, error) {
	des, err := os.ReadDir(s.cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("variants: list %s: %w", s.cfg.Dir, err)
	}
	var out []found
	for _, de := range des {
		name := de.Name()
		switch {
		case strings.HasPrefix(name, tempPrefix):
			s.removeIfStale(filepath.Join(s.cfg.Dir, name))
		case de.IsDir() && validID(name):
			v, used, err := s.readMarker(name)
			if err == nil {
				out = append(out, found{v, used})
				continue
			}
			if !incomplete(err) {
				s.log.Warn("skipping unreadable variant dir", "id", name, "err", err)
				continue
			}
			s.log.Warn("removing incomplete variant dir", "id", name, "err", err)
			if err := s.removeVariantDir(name); err != nil {
				s.log.Warn("remove incomplete variant dir", "id", name, "err", err)
			}
		}
	}
	return out, nil
}
