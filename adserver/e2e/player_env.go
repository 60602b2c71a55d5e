package e2e

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// RequireEnv names the environment variable that turns a missing player
// prerequisite (chromium, node, web/node_modules, ffmpeg) from a skip into a
// test failure. CI sets it so a broken install cannot pass as "skipped".
const RequireEnv = "ADSTITCH_REQUIRE_PLAYER"

// ChromiumEnv overrides the Chromium binary; play.mjs reads the same variable.
const ChromiumEnv = "ADSTITCH_CHROMIUM"

const defaultChromium = "/usr/bin/chromium"

// ErrNoModuleRoot is returned when no go.mod is found above the working
// directory and `go env GOMOD` does not name one either.
var ErrNoModuleRoot = errors.New("module root not found")

// missingPrerequisite skips tb, or fails it when RequireEnv is set.
func missingPrerequisite(tb testing.TB, what string) {
	tb.Helper()
	if v := os.Getenv(RequireEnv); v != "" && v != "0" {
		tb.Fatalf("%s (%s=%s requires it)", what, RequireEnv, v)
	}
	tb.Skipf("%s; set %s=1 to fail instead of skipping", what, RequireEnv)
}

// playerEnv is what PlayHLSJS needs on this machine.
type playerEnv struct {
	node   string // node binary
	webDir string // <module root>/web
	script string // <module root>/web/player/play.mjs
}

// findPlayerEnv locates node, Chromium and the web/ npm project, skipping or
// failing tb (see RequireEnv) when something is not installed.
func findPlayerEnv(tb testing.TB) playerEnv {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		tb.Fatalf("locate web/player: %v", err)
	}
	env := playerEnv{
		webDir: filepath.Join(root, "web"),
		script: filepath.Join(root, "web", "player", "play.mjs"),
	}
	if _, err := os.Stat(env.script); err != nil {
		tb.Fatalf("player harness missing from the checkout: %v", err)
	}
	env.node, err = exec.LookPath("node")
	if err != nil {
		missingPrerequisite(tb, "node is not installed")
	}
	chromium := os.Getenv(ChromiumEnv)
	if chromium == "" {
		chromium = defaultChromium
	}
	if _, err := os.Stat(chromium); err != nil {
		missingPrerequisite(tb, fmt.Sprintf("chromium not found at %s (apt-get install chromium, or set %s)", chromium, ChromiumEnv))
	}
	for _, pkg := range []string{"hls.js", "playwright-core"} {
		manifest := filepath.Join(env.webDir, "node_modules", pkg, "package.json")
		if _, err := os.Stat(manifest); err != nil {
			missingPrerequisite(tb, fmt.Sprintf("%s is not installed in %s (run npm ci --prefix web)", pkg, env.webDir))
		}
	}
	return env
}

// findFFmpeg returns the ffmpeg binary, skipping or failing tb when it is
// not installed.
func findFFmpeg(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("ffmpeg")
	if err != nil {
		missingPrerequisite(tb, "ffmpeg is not installed (apt-get install ffmpeg)")
	}
	return path
}

// moduleRoot walks up from the working directory (a test runs in its
// package directory) to the directory holding go.mod, and falls back to
// `go env GOMOD`.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("%w above %s: go env GOMOD: %w", ErrNoModuleRoot, dir, err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("%w above %s", ErrNoModuleRoot, dir)
	}
	return filepath.Dir(gomod), nil
}
