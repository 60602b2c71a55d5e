package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/adstitch/adstitch/variants/render"
)

// run sets the bench up in a temporary directory, times Render and the
// hand command alternately, and prints the comparison.
func run(ctx context.Context, runs int, keep bool, w io.Writer) error {
	if runs < 1 {
		return fmt.Errorf("-runs %d: want at least 1", runs)
	}
	dir, err := os.MkdirTemp("", "adstitch-renderbench-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Fprintln(w, "files in", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	start := time.Now()
	job, err := setup(ctx, dir)
	if err != nil {
		return err
	}
	if err := prepareHand(ctx, dir); err != nil {
		return err
	}
	fmt.Fprintf(w, "setup (spot, content ladder encode + ProbeLadder): %v\n", time.Since(start).Round(time.Millisecond))
	for _, r := range job.Ladder.Renditions {
		fmt.Fprintf(w, "  content %dx%d %s %d.%d GOP %d, %g s segments, %s %d Hz %d ch, %s\n", r.Width, r.Height, r.Profile,
			r.Level/10, r.Level%10, r.GOP, r.SegmentDur, r.AudioCodec, r.SampleRate, r.Channels, r.Container)
	}

	var renders, hands, renderCPU, handCPU []time.Duration
	var last *render.Result
	for i := range runs {
		out := filepath.Join(dir, "render")
		if err := os.RemoveAll(out); err != nil {
			return err
		}
		job.Out = out
		t0, c0 := time.Now(), cpuUsed()
		res, err := render.Render(ctx, job, nil)
		if err != nil {
			return fmt.Errorf("Render run %d: %w", i+1, err)
		}
		renders, renderCPU = append(renders, time.Since(t0)), append(renderCPU, cpuUsed()-c0)
		last = res

		if err := os.RemoveAll(filepath.Join(dir, "hand")); err != nil {
			return err
		}
		t0, c0 = time.Now(), cpuUsed()
		if err := runHand(ctx, dir); err != nil {
			return fmt.Errorf("hand command run %d: %w", i+1, err)
		}
		hands, handCPU = append(hands, time.Since(t0)), append(handCPU, cpuUsed()-c0)
		fmt.Fprintf(w, "run %d: Render %v wall (%v CPU), hand command %v wall (%v CPU)\n", i+1,
			renders[i].Round(time.Millisecond), renderCPU[i].Round(time.Millisecond),
			hands[i].Round(time.Millisecond), handCPU[i].Round(time.Millisecond))
	}

	mr, mh := median(renders), median(hands)
	fmt.Fprintf(w, "Render: %.1f s of video, %d bytes, renditions %s\n", last.Duration, last.Bytes, codecsOf(last))
	fmt.Fprintf(w, "median wall: Render %v, hand command %v, ratio %.2fx (target <= 1.30x)\n",
		mr.Round(time.Millisecond), mh.Round(time.Millisecond), mr.Seconds()/mh.Seconds())
	if cr, ch := median(renderCPU), median(handCPU); ch > 0 {
		fmt.Fprintf(w, "median CPU:  Render %v, hand command %v, ratio %.2fx (steadier on a busy machine)\n",
			cr.Round(time.Millisecond), ch.Round(time.Millisecond), cr.Seconds()/ch.Seconds())
	}
	return nil
}

func runHand(ctx context.Context, dir string) error {
	for _, r := range []string{"r0", "r1", "r2"} {
		if err := os.MkdirAll(filepath.Join(dir, "hand", r), 0o755); err != nil {
			return err
		}
	}
	cmd := exec.CommandContext(ctx, "ffmpeg", handCommand(dir)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("ffmpeg: %w: %s", err, stderr.String())
	}
	return nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func codecsOf(r *render.Result) string {
	var b []byte
	for i, x := range r.Renditions {
		if i > 0 {
			b = append(b, ' ')
		}
		b = fmt.Appendf(b, "%dx%d@%d(%s)", x.Width, x.Height, x.Bandwidth, x.Codecs)
	}
	return string(b)
}
