// Command renderbench measures variants/render against the ffmpeg command
// a person would write by hand for the same variant (make bench): a 15 s
// 1080p30 spot with one text layer and a voice line, rendered into a
// three-rendition TS ladder probed from a real HLS encode (1080p High
// 4.0, 720p High 3.1, 360p Main 3.0, 2 s GOP, 6 s segments, AAC 48 kHz
// stereo). Render's wall time includes everything it does around ffmpeg
// (spot probe, espeak-ng, probing and measuring every output, the master
// playlist); the hand command is ffmpeg alone.
//
// It prints both medians and their ratio (target: Render at most 1.3x the
// hand command) and exits non-zero only when something fails, never
// because the target is missed. It owns only its temporary directory.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	runs := flag.Int("runs", 3, "timed runs of each, interleaved")
	keep := flag.Bool("keep", false, "keep the temporary directory (its path is printed)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *runs, *keep, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "renderbench:", err)
		os.Exit(1)
	}
}
