package render

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/adstitch/adstitch/variants/probe"
)

// synthesize speaks text with espeak-ng into work/voice.wav and returns
// its path. The text goes through a file (-f), never the command line, so
// a line starting with "-" is spoken, not parsed as an option.
func synthesize(ctx context.Context, work, text, lang string) (string, error) {
	bin, err := exec.LookPath("espeak-ng")
	if err != nil {
		return "", fmt.Errorf("%w: espeak-ng: %v", probe.ErrNoTool, err)
	}
	if lang == "" {
		lang = "en"
	}
	txt, wav := filepath.Join(work, "voice.txt"), filepath.Join(work, "voice.wav")
	if err := os.WriteFile(txt, []byte(text), 0o600); err != nil {
		return "", fmt.Errorf("write voice line: %w", err)
	}
	cmd := exec.CommandContext(ctx, bin, "-v", lang, "-w", wav, "-f", txt)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", probe.CtxError("espeak-ng", time.Since(start), ctx.Err())
		}
		if bytes.Contains(out.Bytes(), []byte("does not exist")) {
			return "", invalid("voice language %q: espeak-ng has no such voice", lang)
		}
		return "", fmt.Errorf("espeak-ng -v %s: %w: %s", lang, err, probe.Tail(out.String(), 300))
	}
	return wav, nil
}
