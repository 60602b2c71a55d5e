package demo

import "time"

// ladder is the rendition ladder every clip is rendered into. Level 3.1
// fits 720p30 and keeps one codec string per rung across all clips.
var ladder = []Rendition{
	{Name: "360p", Width: 640, Height: 360, FrameRate: 30, VideoBitrate: 700_000, AudioBitrate: 96_000, Level: "3.1"},
	{Name: "720p", Width: 1280, Height: 720, FrameRate: 30, VideoBitrate: 2_300_000, AudioBitrate: 128_000, Level: "3.1"},
}

// clipSpec says what to draw and play for one clip.
type clipSpec struct {
	name     string
	title    string
	duration time.Duration
	segment  time.Duration
	gop      time.Duration
	pattern  bool   // moving test pattern with the content clock; else a solid card
	color    string // card background, ffmpeg colour syntax
	toneHz   int    // 0: silence
	beep     bool   // tone gated to a short beep every second
}

// clips lists the demo media, longest first so that it starts rendering
// first.
var clips = []clipSpec{
	{name: ContentName, title: "VOD", duration: ContentDuration, segment: SegmentDuration, gop: 2 * time.Second, pattern: true, toneHz: 440},
	{name: "ads/house-20s", title: "House ad 20s", duration: 20 * time.Second, segment: SegmentDuration, gop: 2 * time.Second, color: "0xB71C1C", toneHz: 1320, beep: true},
	{name: "ads/house-15s", title: "House ad 15s", duration: 15 * time.Second, segment: SegmentDuration, gop: 2 * time.Second, color: "0x2E7D32", toneHz: 1100, beep: true},
	{name: "ads/house-10s", title: "House ad 10s", duration: 10 * time.Second, segment: SegmentDuration, gop: 2 * time.Second, color: "0x1565C0", toneHz: 880, beep: true},
	// Slate fills gaps of any length, so it cuts every second.
	{name: "slate", title: "We'll be right back", duration: 10 * time.Second, segment: time.Second, gop: time.Second, color: "0x202124"},
}
