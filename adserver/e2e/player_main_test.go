package e2e

import (
	"os"
	"testing"
)

// TestMain removes fixtures that tests of this package share across the
// test binary (the generated clips). Add further package-wide cleanups here.
func TestMain(m *testing.M) {
	code := m.Run()
	removeSharedClips()
	os.Exit(code)
}
