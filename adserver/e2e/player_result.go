package e2e

import (
	"encoding/json"
	"fmt"
	"time"
)

// Frag is one hls.js fragment: an entry of FRAG_CHANGED (the sequence the
// player actually showed) or of a LEVEL_LOADED playlist.
type Frag struct {
	SN              int64   `json:"sn"`
	CC              int     `json:"cc"` // discontinuity counter
	Level           int     `json:"level"`
	Start           float64 `json:"start"` // seconds on the player's timeline
	Duration        float64 `json:"duration"`
	URL             string  `json:"url"`
	ProgramDateTime float64 `json:"programDateTime"` // ms since the Unix epoch, 0 without EXT-X-PROGRAM-DATE-TIME
}

// LevelLoad is one LEVEL_LOADED event: a media playlist as hls.js parsed it.
type LevelLoad struct {
	Level          int     `json:"level"`
	StartSN        int64   `json:"startSN"`
	EndSN          int64   `json:"endSN"`
	StartCC        int     `json:"startCC"`
	EndCC          int     `json:"endCC"`
	Live           bool    `json:"live"`
	TargetDuration float64 `json:"targetduration"`
	TotalDuration  float64 `json:"totalduration"`
	Frags          []Frag  `json:"fragments"`
}

// PlayerError is one hls.js ERROR event.
type PlayerError struct {
	At      time.Duration // since the page started
	Type    string        // networkError, mediaError, muxError, otherError…
	Details string        // manifestLoadError, bufferStalledError…
	Fatal   bool
	URL     string
	Code    int // HTTP status, 0 when there was no response (e.g. CORS)
	Reason  string
}

// String formats the error as type:details, the form PlayResult.Fatal uses.
func (e PlayerError) String() string { return e.Type + ":" + e.Details }

// PlayResult is what hls.js did with a stream.
type PlayResult struct {
	OK         bool    // no fatal error and (vod) 'ended' or (live) time advanced
	Ended      bool    // the video element fired 'ended'
	Fatal      string  // "type:details" of what stopped playback, "" if nothing did
	Stop       string  // why the run stopped: ended, fatal, videoError, crash, harness, timeout (vod) or duration (live)
	VideoError string  // HTMLMediaElement.error as "code message", "" when none
	FinalTime  float64 // video.currentTime when the run stopped
	Frags      []Frag  // FRAG_CHANGED in order
	Levels     []LevelLoad
	Errors     []PlayerError
	Raw        json.RawMessage // play.mjs's whole report, every event included
}

// playReport is the JSON play.mjs writes (web/player/report.mjs).
type playReport struct {
	OK         bool        `json:"ok"`
	Ended      bool        `json:"ended"`
	FatalError string      `json:"fatalError"`
	StopReason string      `json:"stopReason"`
	FinalTime  float64     `json:"finalTime"`
	VideoError *videoError `json:"videoError"`
	Frags      []Frag      `json:"frags"`
	Levels     []LevelLoad `json:"levels"`
	Errors     []struct {
		T       float64 `json:"t"`
		Type    string  `json:"type"`
		Details string  `json:"details"`
		Fatal   bool    `json:"fatal"`
		URL     string  `json:"url"`
		Code    int     `json:"code"`
		Reason  string  `json:"reason"`
	} `json:"errors"`
}

type videoError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// decodePlayResult parses play.mjs's report.
func decodePlayResult(raw []byte) (*PlayResult, error) {
	var rep playReport
	if err := json.Unmarshal(raw, &rep); err != nil {
		return nil, fmt.Errorf("decode player report: %w", err)
	}
	if rep.StopReason == "" {
		return nil, fmt.Errorf("decode player report: no stopReason")
	}
	res := &PlayResult{
		OK:        rep.OK,
		Ended:     rep.Ended,
		Fatal:     rep.FatalError,
		Stop:      rep.StopReason,
		FinalTime: rep.FinalTime,
		Frags:     rep.Frags,
		Levels:    rep.Levels,
		Raw:       json.RawMessage(raw),
	}
	if rep.VideoError != nil {
		res.VideoError = fmt.Sprintf("%d %s", rep.VideoError.Code, rep.VideoError.Message)
	}
	for _, e := range rep.Errors {
		res.Errors = append(res.Errors, PlayerError{
			At:      time.Duration(e.T * float64(time.Millisecond)),
			Type:    e.Type,
			Details: e.Details,
			Fatal:   e.Fatal,
			URL:     e.URL,
			Code:    e.Code,
			Reason:  e.Reason,
		})
	}
	return res, nil
}
