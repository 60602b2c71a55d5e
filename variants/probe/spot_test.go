package probe

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/variants/probe/probetest"
)

func TestProbeSpot(t *testing.T) {
	cases := []struct {
		name    string
		file    func(t testing.TB) string
		lim     SpotLimits
		wantErr error
		msg     string // substring of the error
	}{
		{name: "good spot", file: spotFile},
		{name: "text file", wantErr: ErrNotMedia, file: func(t testing.TB) string {
			return media(t, "notes.txt", writeFile([]byte("Buy now! 50% off in Madrid.\n")))
		}},
		{name: "text named mp4", wantErr: ErrNotMedia, file: func(t testing.TB) string {
			return media(t, "fake.mp4", writeFile([]byte("this is not a video\n")))
		}},
		{name: "empty", wantErr: ErrNotMedia, msg: "empty", file: func(t testing.TB) string {
			return media(t, "empty.mp4", writeFile(nil))
		}},
		{name: "png", wantErr: ErrNotMedia, msg: "png_pipe", file: func(t testing.TB) string {
			return media(t, "card.png", pngFile)
		}},
		{name: "video without audio", wantErr: ErrNoAudio, msg: "no audio stream: the file has 1 video stream (h264 320x180)", file: func(t testing.TB) string {
			return media(t, "silent.mp4", func(ctx context.Context, p string) error {
				c := smallClip
				c.NoAudio = true
				return probetest.WriteSpot(ctx, p, c)
			})
		}},
		{name: "audio only", wantErr: ErrNoVideo, msg: "1 audio stream (aac 48000 Hz stereo)", file: func(t testing.TB) string {
			return media(t, "voice.m4a", func(ctx context.Context, p string) error {
				c := smallClip
				c.NoVideo = true
				return probetest.WriteSpot(ctx, p, c)
			})
		}},
		{name: "3 s", wantErr: ErrTooShort, msg: "3.0 s long, the minimum is 5s", file: func(t testing.TB) string {
			return media(t, "short.mp4", func(ctx context.Context, p string) error {
				c := smallClip
				c.Seconds = 3
				return probetest.WriteSpot(ctx, p, c)
			})
		}},
		{name: "too long", wantErr: ErrTooLong, msg: "the maximum is 5s", file: spotFile, lim: SpotLimits{MaxDuration: 5 * time.Second}},
		{name: "truncated, index at the end", wantErr: ErrCorrupt, file: func(t testing.TB) string {
			return media(t, "cut-slowstart.mp4", truncate(slowStartSpot(t)))
		}},
		{name: "truncated, index first", wantErr: ErrCorrupt, file: func(t testing.TB) string {
			return media(t, "cut.mp4", truncate(spotFile(t)))
		}},
		{name: "garbage after the header", wantErr: ErrCorrupt, file: func(t testing.TB) string {
			return media(t, "scrambled.mp4", scramble(spotFile(t)))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := c.file(t)
			spot, err := ProbeSpot(t.Context(), path, c.lim)
			if c.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				want := Spot{Duration: 6, Format: "mov,mp4,m4a,3gp,3g2,mj2",
					Video: VideoStream{Codec: "h264", Width: 320, Height: 180, FrameRate: "30/1", PixFmt: "yuv420p"},
					Audio: AudioStream{Codec: "aac", SampleRate: 48000, Channels: 2}}
				want.Size, want.Duration = spot.Size, spot.Duration
				if *spot != want || spot.Size == 0 || spot.Duration < 5.9 || spot.Duration > 6.1 {
					t.Errorf("got %+v\nwant %+v", *spot, want)
				}
				return
			}
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("err = %v, want %v", err, c.wantErr)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %q, want it to say %q", err, c.msg)
			}
			t.Logf("%v", err)
		})
	}
}

func TestProbeSpotMissingFile(t *testing.T) {
	if _, err := ProbeSpot(t.Context(), "/nonexistent/spot.mp4", SpotLimits{}); err == nil || errors.Is(err, ErrNotMedia) {
		t.Fatalf("err = %v, want a plain file error", err)
	}
}

func TestProbeSpotHonoursContext(t *testing.T) {
	path := spotFile(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := ProbeSpot(ctx, path, SpotLimits{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
