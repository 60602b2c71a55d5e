package render

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/adstitch/adstitch/variants/probe"
)

// Result describes a finished render.
type Result struct {
	Renditions []probe.Rendition // probed from the output; URIs relative to Out
	Duration   float64           // seconds, from the first rendition's playlist
	Bytes      int64             // total size of the files in Out
}

// Render encodes job into job.Out: one ffmpeg process decodes the spot
// once and encodes every rendition of job.Ladder (Out/r0, Out/r1 …), then
// each output is probed and compared with its ladder rendition (an
// ErrMismatch error names every one that differs) and Out/master.m3u8 is
// written. progress, when not nil, is called on Render's goroutine with
// the fraction of the spot encoded so far. ctx bounds the whole render:
// ffmpeg is killed when it ends. A job that can never render returns
// ErrInvalidJob. On error Out may hold partial files: render into a fresh
// directory and discard it.
func Render(ctx context.Context, job *Job, progress func(done float64)) (*Result, error) {
	if job == nil {
		return nil, invalid("nil job")
	}
	if err := validate(job); err != nil {
		return nil, err
	}
	spot, err := probe.InspectSpot(ctx, job.Spot)
	if err != nil {
		return nil, fmt.Errorf("spot: %w", err)
	}
	if !(spot.Duration > 0) {
		return nil, invalid("spot %s: unknown duration", job.Spot)
	}
	p := &plan{job: job, duration: spot.Duration, spotAudio: spot.Audio.Codec != "", rungs: newRungs(job)}
	for _, g := range p.rungs {
		if g.video() && spot.Video.Codec == "" {
			return nil, invalid("spot %s has no video", job.Spot)
		}
		if err := os.MkdirAll(g.dir, 0o755); err != nil {
			return nil, fmt.Errorf("create %s: %w", g.dir, err)
		}
	}

	// Work files live inside Out, so that whoever discards a failed Out
	// (even after a crash) discards them too.
	work, err := os.MkdirTemp(job.Out, ".work-")
	if err != nil {
		return nil, fmt.Errorf("work directory: %w", err)
	}
	defer os.RemoveAll(work)
	if p.textFiles, err = writeTexts(work, job.Texts); err != nil {
		return nil, err
	}
	if job.Voice != "" {
		if p.voiceWav, err = synthesize(ctx, work, job.Voice, job.VoiceLang); err != nil {
			return nil, err
		}
	}

	if err := runFFmpeg(ctx, work, p.args(), p.duration, progress); err != nil {
		return nil, err
	}
	rs, ms, err := verify(ctx, p.rungs)
	if err != nil {
		return nil, err
	}
	if err := writeMaster(job.Out, rs, ms); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(work); err != nil {
		return nil, fmt.Errorf("remove work directory: %w", err)
	}
	size, err := dirSize(job.Out)
	if err != nil {
		return nil, err
	}
	return &Result{Renditions: rs, Duration: ms[0].duration, Bytes: size}, nil
}

// args is the whole ffmpeg command line after the global options.
func (p *plan) args() []string {
	args, voice, card := p.inputs()
	args = append(args, "-filter_complex", p.graph(voice, card))
	for i := range p.rungs {
		args = append(args, p.outputArgs(i)...)
	}
	return args
}

// writeTexts writes each text layer's content to its own file for
// drawtext's textfile option, which takes the bytes as they are (no
// filtergraph escaping of the text itself). Empty layers get "".
func writeTexts(work string, texts []Text) ([]string, error) {
	files := make([]string, len(texts))
	for i, t := range texts {
		if t.Content == "" {
			continue
		}
		files[i] = filepath.Join(work, "text"+strconv.Itoa(i)+".txt")
		if err := os.WriteFile(files[i], []byte(t.Content), 0o600); err != nil {
			return nil, fmt.Errorf("write text %d: %w", i, err)
		}
	}
	return files, nil
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}
