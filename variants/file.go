package variants

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

var (
	// ErrNotFound: no ready variant with that ID here.
	ErrNotFound = errors.New("variant not found or not ready")
	// ErrBadName: a file name that could leave the variant's directory or
	// names a hidden or internal file.
	ErrBadName = errors.New("bad variant file name")
)

// File returns the absolute path of file name (slash-separated, relative,
// e.g. "r0/seg3.ts") of ready variant id, for HTTP serving. It records a
// use, like Touch. It does not check that the file exists.
func (s *Service) File(id, name string) (string, error) {
	c := s.lookup(id)
	if c == nil {
		return "", fmt.Errorf("variant %.40q: %w", id, ErrNotFound)
	}
	if err := checkName(name); err != nil {
		return "", err
	}
	raise(&c.used, s.now().UnixNano())
	return filepath.Join(s.cfg.Dir, id, filepath.FromSlash(name)), nil
}

// checkName accepts only plain relative paths: no empty, "." or ".."
// elements, nothing hidden (dot files), no backslash, colon or NUL (other
// platforms' separators and drive letters), and not the marker.
func checkName(name string) error {
	if name == "" {
		return fmt.Errorf("%w: empty", ErrBadName)
	}
	if name == markerName {
		return fmt.Errorf("%w: %s is internal", ErrBadName, markerName)
	}
	for elem := range strings.SplitSeq(name, "/") {
		switch {
		case elem == "":
			return fmt.Errorf("%w: %.80q has an empty element or is absolute", ErrBadName, name)
		case elem[0] == '.':
			return fmt.Errorf("%w: %.80q has a hidden or parent element", ErrBadName, name)
		case strings.ContainsAny(elem, "\\:\x00"):
			return fmt.Errorf("%w: %.80q has a backslash, colon or NUL", ErrBadName, name)
		}
	}
	return nil
}
