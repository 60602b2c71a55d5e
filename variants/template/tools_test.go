package template

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Every colour name the allow-list accepts is one ffmpeg knows (one
// ffmpeg run: a colour source per name, concatenated; ffmpeg names the
// colour it cannot parse).
func TestColorNamesKnownToFFmpeg(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg not installed")
	}
	var graph strings.Builder
	n := 0
	for name := range colorNames {
		for _, c := range []string{name, strings.ToUpper(name) + "@0.5"} {
			fmt.Fprintf(&graph, "color=c=%s:s=16x16:d=0.04[c%d];", c, n)
			n++
		}
	}
	for i := range n {
		fmt.Fprintf(&graph, "[c%d]", i)
	}
	fmt.Fprintf(&graph, "concat=n=%d", n)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ffmpeg", "-hide_banner", "-nostdin", "-v", "error",
		"-filter_complex", graph.String(), "-f", "null", "-").CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("ffmpeg refuses a colour: %v\n%s", err, out)
	}
}

// Every voice a template may ask for is one espeak-ng speaks.
func TestVoicesKnownToEspeak(t *testing.T) {
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Skip("espeak-ng not installed")
	}
	dir := t.TempDir()
	for _, v := range voices {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		out, err := exec.CommandContext(ctx, "espeak-ng", "-v", v, "-w", filepath.Join(dir, v+".wav"), "hola").CombinedOutput()
		cancel()
		if err != nil || len(out) > 0 {
			t.Errorf("espeak-ng -v %s: %v %s", v, err, out)
		}
	}
	for lang := range greetings {
		if !slices.Contains(voices, lang) {
			t.Errorf("lang %s is not a voice: voice_lang defaults to it", lang)
		}
	}
}
