package variants

import (
	"context"
	"strconv"
	"time"
)

// Priority orders the render queue: higher first, FIFO within a priority.
type Priority int

const (
	// Low is pre-rendering (a campaign was saved); refused beyond
	// Config.MaxQueued.
	Low Priority = iota
	// High is on demand: a viewer got a fallback and a later break waits
	// for this variant. Never refused; it also upgrades a queued Low.
	High
)

func (p Priority) String() string {
	switch p {
	case Low:
		return "low"
	case High:
		return "high"
	}
	return "priority(" + strconv.Itoa(int(p)) + ")"
}

// Status is where a variant is in its life.
type Status string

const (
	StatusQueued    Status = "queued"
	StatusRendering Status = "rendering"
	StatusReady     Status = "ready"
	StatusFailed    Status = "failed"
)

// RenderFunc writes a variant's files into dir (empty, created for it):
// master.m3u8 and its renditions. It reports progress in [0,1] and must
// return soon after ctx is done (deadline: Config.RenderTimeout; also
// cancelled when Run stops).
type RenderFunc func(ctx context.Context, dir string, progress func(float64)) (Rendered, error)

// Request asks for a variant (Service.Ensure).
type Request struct {
	Key        string            // content address, from Key
	CreativeID string            // the spot this variant personalizes
	Stream     string            // the stream whose ladder it is rendered into
	Context    map[string]string // the variable values, shown in the API (copied)
	Base       bool              // the unpersonalized render of the spot
	Priority   Priority
	Render     RenderFunc
}

// Rendered is what a RenderFunc learned about its output.
type Rendered struct {
	Duration float64 // seconds
}

// Variant is a variant as the API shows it and as its marker file
// (variant.json) stores it. Context is shared: treat it as read-only.
type Variant struct {
	ID         string            `json:"id"`
	CreativeID string            `json:"creative_id"`
	Stream     string            `json:"stream"`
	Context    map[string]string `json:"context,omitempty"`
	Base       bool              `json:"base"`
	Status     Status            `json:"status"`
	Progress   float64           `json:"progress"` // [0,1], live while rendering
	Error      string            `json:"error,omitempty"`
	Attempts   int               `json:"attempts"` // renders started (at most 3)
	Duration   float64           `json:"duration"` // seconds
	Bytes      int64             `json:"bytes"`    // size of the rendered files
	MasterURL  string            `json:"master_url,omitempty"`
	CreatedAt  time.Time         `json:"created_at"`
	RenderedAt time.Time         `json:"rendered_at,omitzero"`
	LastUsed   time.Time         `json:"last_used,omitzero"`
}

// Stats is a point-in-time count for metrics.
type Stats struct {
	Queued    int   `json:"queued"`
	Rendering int   `json:"rendering"`
	Ready     int   `json:"ready"`
	Failed    int   `json:"failed"`
	Bytes     int64 `json:"bytes"` // ready variants on disk
}
