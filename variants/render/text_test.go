package render

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestTextIsLiteral renders a city name full of characters that are
// special to drawtext and to the filtergraph, with a font whose path is
// too, and checks the text is drawn: the frame differs from the same
// render without it.
func TestTextIsLiteral(t *testing.T) {
	spot := testSpot(t)
	fontDir := filepath.Join(t.TempDir(), `we'ird:dir,[x];\y %z`)
	if err := os.MkdirAll(fontDir, 0o755); err != nil {
		t.Fatal(err)
	}
	fontPath := filepath.Join(fontDir, "font 1.ttf")
	if err := os.Symlink(font, fontPath); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(t.TempDir(), "out dir")
	render := func(texts []Text) []byte {
		t.Helper()
		job := &Job{Spot: spot, Ladder: oneRung(), Out: outDir, Texts: texts, Preset: "ultrafast"}
		if _, err := Render(t.Context(), job, nil); err != nil {
			t.Fatal(err)
		}
		return grabFrame(t, filepath.Join(outDir, "r0", "index.m3u8"), 1)
	}
	plain := render(nil)
	city := "100% O'Brien: \\ test"
	texted := render([]Text{{Content: city, FontFile: fontPath, Size: 0.12, Color: "#FFFF00", X: 0.5, Y: 0.5}})
	if len(plain) != 320*180 || len(texted) != len(plain) {
		t.Fatalf("frames of %d and %d bytes, want %d", len(plain), len(texted), 320*180)
	}
	diff := 0
	for i := range plain {
		if d := int(plain[i]) - int(texted[i]); d > 40 || d < -40 {
			diff++
		}
	}
	// The text covers a few percent of the frame.
	if diff < len(plain)/100 {
		t.Errorf("only %d of %d pixels differ: the text was not drawn", diff, len(plain))
	}
	t.Logf("%d of %d pixels differ", diff, len(plain))
}

// grabFrame decodes the frame at second at of an HLS playlist as 8-bit
// gray pixels.
func grabFrame(t *testing.T, playlist string, at float64) []byte {
	t.Helper()
	cmd := commandContext(t.Context(), "ffmpeg", "-v", "error", "-i", playlist, "-ss", num(at),
		"-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("grab frame: %v: %s", err, stderr.String())
	}
	return out.Bytes()
}
