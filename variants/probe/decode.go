package probe

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// decodeCheck decodes every frame of path's first video and audio stream
// and fails with ErrCorrupt on any decode error. ffmpeg conceals many
// damaged frames and only logs them, so anything it logs at level error
// counts, not just its exit status.
func decodeCheck(ctx context.Context, path string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, stderr, err := run(ctx, "ffmpeg", nil, "-hide_banner", "-nostdin", "-nostats", "-v", "error", "-xerror",
		"-i", path, "-map", "0:v:0", "-map", "0:a:0", "-f", "null", "-")
	switch {
	case errors.Is(err, ErrNoTool):
		return err
	case ctx.Err() != nil:
		return fmt.Errorf("decode check: %w", err)
	case err != nil || stderr != "":
		msg := tidyLog(stderr, path, 3)
		if msg == "" {
			msg = err.Error()
		}
		return fmt.Errorf("%w: %s", ErrCorrupt, msg)
	}
	return nil
}
