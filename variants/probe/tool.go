package probe

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"
)

// lookTool resolves ffmpeg or ffprobe on PATH.
func lookTool(name string) (string, error) {
	bin, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrNoTool, name, err)
	}
	return bin, nil
}

// run executes a tool to completion and returns its stdout and stderr.
// A non-zero exit is an error carrying the tail of stderr, where ffmpeg
// says what went wrong; a ctx that ends first kills the tool.
func run(ctx context.Context, name string, stdin io.Reader, args ...string) (stdout []byte, stderr string, err error) {
	bin, err := lookTool(name)
	if err != nil {
		return nil, "", err
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdin = stdin
	cmd.WaitDelay = time.Second // a killed tool must not hold our pipes open
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Run(); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, errb.String(), CtxError(name, time.Since(start), ctxErr)
		}
		return nil, errb.String(), fmt.Errorf("%s: %w: %s", name, err, Tail(errb.String(), 600))
	}
	return out.Bytes(), errb.String(), nil
}

// CtxError says that a tool was stopped because its context ended: "timed
// out after 1.5s" for a deadline, "canceled after …" otherwise. It wraps
// the context's error so callers can test for context.DeadlineExceeded.
func CtxError(tool string, ran time.Duration, ctxErr error) error {
	what := "canceled"
	if errors.Is(ctxErr, context.DeadlineExceeded) {
		what = "timed out"
	}
	return fmt.Errorf("%s %s after %v (killed): %w", tool, what, ran.Round(time.Millisecond), ctxErr)
}

// Tail returns the last n bytes of a tool's stderr, trimmed, on one line
// per message joined by " | ", so that an error stays one readable line.
func Tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = "…" + strings.ToValidUTF8(s[len(s)-n:], "")
	}
	return strings.ReplaceAll(s, "\n", " | ")
}
