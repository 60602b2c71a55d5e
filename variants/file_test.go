package variants

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

var casesFileName = []struct {
	name string
	ok   bool
}{
	{"master.m3u8", true},
	{"r0/seg0.ts", true},
	{"r1/init.mp4", true},
	{"r0/a..b.ts", true},
	{"", false},
	{"/etc/passwd", false},
	{"../" + "x", false},
	{"r0/../../x", false},
	{"r0/./seg0.ts", false},
	{"..", false},
	{".", false},
	{".hidden", false},
	{"r0/.seg.ts", false},
	{"r0//seg0.ts", false},
	{"r0/", false},
	{"..\\..\\x", false},
	{"C:/x", false},
	{"a\x00b", false},
	{markerName, false},
}

func TestFile(t *testing.T) {
	s := newService(t, Config{})
	start(t, s)
	id := s.Ensure(req(1, writeLadder(1))).ID
	waitStatus(t, s, id, StatusReady)
	for _, tc := range casesFileName {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.File(id, tc.name)
			if !tc.ok {
				if !errors.Is(err, ErrBadName) {
					t.Errorf("File(%q) = %q, %v; want ErrBadName", tc.name, got, err)
				}
				return
			}
			want := filepath.Join(s.cfg.Dir, id, filepath.FromSlash(tc.name))
			if err != nil || got != want || !filepath.IsAbs(got) {
				t.Errorf("File(%q) = %q, %v; want %q", tc.name, got, err, want)
			}
		})
	}
	for _, bad := range []string{key(2), "", "../" + id} {
		if _, err := s.File(bad, "master.m3u8"); !errors.Is(err, ErrNotFound) {
			t.Errorf("File(%q) error %v, want ErrNotFound", bad, err)
		}
	}
	s.Ensure(req(3, gated(nil, make(chan struct{}), "", writeLadder(1))))
	if _, err := s.File(key(3), "master.m3u8"); !errors.Is(err, ErrNotFound) {
		t.Errorf("File of a variant not ready: %v, want ErrNotFound", err)
	}
}

// Whatever the name, an accepted one stays inside the variant's directory
// and is not hidden.
func FuzzCheckName(f *testing.F) {
	for _, tc := range casesFileName {
		f.Add(tc.name)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if checkName(name) != nil {
			return
		}
		if !filepath.IsLocal(name) {
			t.Fatalf("accepted non-local %q", name)
		}
		dir := "/data/variants/0123"
		p := filepath.Join(dir, filepath.FromSlash(name))
		if !strings.HasPrefix(p, dir+"/") {
			t.Fatalf("accepted %q escapes to %q", name, p)
		}
		for _, elem := range strings.Split(filepath.ToSlash(p[len(dir)+1:]), "/") {
			if strings.HasPrefix(elem, ".") {
				t.Fatalf("accepted hidden %q", name)
			}
		}
	})
}
