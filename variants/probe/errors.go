package probe

import "errors"

// Sentinel errors. The spot errors become 4xx answers to the marketer who
// uploaded the file; the wrapped message says what the file holds.
var (
	ErrNotMedia = errors.New("not a video or audio file")
	ErrNoVideo  = errors.New("no video stream")
	ErrNoAudio  = errors.New("no audio stream")
	ErrTooShort = errors.New("spot too short")
	ErrTooLong  = errors.New("spot too long")
	ErrCorrupt  = errors.New("media does not decode")

	// ErrNoTool means ffmpeg or ffprobe is not installed.
	ErrNoTool = errors.New("media tool not installed")
	// ErrPlaylist means a playlist could not be read or is not the kind
	// of playlist asked for.
	ErrPlaylist = errors.New("unusable playlist")
)
