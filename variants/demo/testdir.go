package demo

import (
	"os"
	"path/filepath"
	"strconv"
)

// TestDir returns a per-machine cache directory for tests that need the
// demo media: tests in any package call Prepare(ctx, TestDir(), nil) and
// the media is rendered once per machine and Version.
func TestDir() string {
	return filepath.Join(os.TempDir(), "adstitch-demo-v"+strconv.Itoa(Version))
}
