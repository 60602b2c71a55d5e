package demoorigin

import (
	"path/filepath"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/variants/demo"
)

// Prefix is the path under which Handler serves.
const Prefix = "/origin/"

// The simulated live stream: global segment n plays VOD segment n mod
// LoopSegments, and loop cycle c carries one break over segments
// LoopSegments*c+BreakOffset … +BreakSegments-1, with event id c+1.
const (
	LoopSegments  = demo.ContentSegments
	BreakOffset   = 5
	BreakSegments = 5
	BreakDuration = BreakSegments * demo.SegmentDuration
)

// DefaultEpoch is when global segment 0 of the live stream starts.
var DefaultEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// DefaultWindow is the live window in segments (40 s).
const DefaultWindow = 10

// Options tune an Origin; the zero value is the demo's defaults.
type Options struct {
	Now    func() time.Time // clock for tests; default time.Now
	Window int              // live window in segments; default DefaultWindow
	Epoch  time.Time        // start of the live stream; default DefaultEpoch
}

// Origin serves the demo media and the simulated live stream. It is
// immutable after New and safe for concurrent use.
type Origin struct {
	dir      string
	now      func() time.Time
	window   int
	epoch    time.Time
	startPTS uint64 // 90 kHz PTS of the first video frame of VOD segment 0
	static   fasthttp.RequestHandler
}

// New returns an Origin for the demo media under dir (demo.Assets.Dir).
// The splice times it signals use the start PTS recorded by demo.Prepare
// when dir holds prepared media, and demo.DefaultStartPTS otherwise.
func New(dir string, opts Options) *Origin {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	o := &Origin{dir: dir, now: opts.Now, window: opts.Window, epoch: opts.Epoch, startPTS: demo.DefaultStartPTS}
	if o.now == nil {
		o.now = time.Now
	}
	if o.window <= 0 {
		o.window = DefaultWindow
	}
	if o.epoch.IsZero() {
		o.epoch = DefaultEpoch
	}
	if a, err := demo.Load(dir); err == nil {
		o.startPTS = a.Content.StartPTS
	}
	o.static = (&fasthttp.FS{
		Root:            dir,
		AcceptByteRange: true,
		SkipCache:       true, // no cache janitor goroutine; the OS caches the files
		PathRewrite:     fasthttp.NewPathPrefixStripper(len(Prefix) - 1),
		PathNotFound:    func(ctx *fasthttp.RequestCtx) { writeError(ctx, fasthttp.StatusNotFound, "not found") },
	}).NewRequestHandler()
	return o
}
