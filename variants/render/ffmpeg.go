package render

import (
	"context"
	"fmt"
	"os/exec"
	"sync"
	"time"

	"github.com/adstitch/adstitch/variants/probe"
)

// stderrKeep is how much of ffmpeg's stderr an error carries.
const stderrKeep = 2048

// runFFmpeg runs one ffmpeg in dir, reporting progress from its
// -progress output. A ctx that ends kills it (the error says "timed out
// after …"); a failure carries the tail of its stderr.
func runFFmpeg(ctx context.Context, dir string, args []string, total float64, report func(float64)) error {
	bin, err := exec.LookPath("ffmpeg")
	if err != nil {
		return fmt.Errorf("%w: ffmpeg: %v", probe.ErrNoTool, err)
	}
	args = append([]string{"-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y", "-progress", "pipe:1"}, args...)
	cmd := commandContext(ctx, bin, args...)
	cmd.Dir = dir
	var stderr tailBuffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start ffmpeg: %w", err)
	}
	// stdout reaches EOF when ffmpeg exits or ctx kills it; only then may
	// Wait run.
	readProgress(stdout, total, report)
	err = cmd.Wait()
	if ctxErr := ctx.Err(); ctxErr != nil {
		return probe.CtxError("ffmpeg", time.Since(start), ctxErr)
	}
	if err != nil {
		return fmt.Errorf("ffmpeg: %w: %s", err, probe.Tail(stderr.String(), stderrKeep))
	}
	return nil
}

// tailBuffer keeps the last bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - 2*stderrKeep; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// commandContext is exec.CommandContext with a bound on how long a killed
// process may keep its pipes open.
func commandContext(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.WaitDelay = 2 * time.Second
	return cmd
}
