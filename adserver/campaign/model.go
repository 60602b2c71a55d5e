package campaign

import (
	"encoding/json"
	"time"
)

// Advertiser owns campaigns. Marketer keys are scoped to one advertiser.
type Advertiser struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Pacing spreads a campaign's delivery.
const (
	PacingEven = "even" // spread the goal (or daily cap) evenly over the flight
	PacingASAP = "asap" // deliver as fast as eligible traffic allows
)

// Campaign status.
const (
	StatusActive = "active"
	StatusPaused = "paused"
)

// Campaign is what a marketer wants to run, where and how much.
type Campaign struct {
	ID             string          `json:"id"`
	AdvertiserID   string          `json:"advertiser_id"`
	Name           string          `json:"name"`
	Status         string          `json:"status"`          // active (default) | paused
	Start          time.Time       `json:"start"`           // flight, UTC, inclusive
	End            time.Time       `json:"end"`             // exclusive
	Priority       int             `json:"priority"`        // 1..100, higher wins; default 5
	ImpressionGoal int64           `json:"impression_goal"` // total over the flight, 0 = none
	DailyCap       int64           `json:"daily_cap"`       // impressions per UTC day, 0 = none
	Pacing         string          `json:"pacing"`          // even (default) | asap
	FrequencyCap   FrequencyCap    `json:"frequency_cap"`
	Category       string          `json:"category"`            // competitive category; two of one category never share a pod
	Targeting      json.RawMessage `json:"targeting,omitempty"` // targeting rule (package targeting), null = everyone
	Creatives      []Creative      `json:"creatives"`
	Version        int64           `json:"version"` // bumped on every change
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
}

// FrequencyCap bounds how often one viewer sees a campaign.
type FrequencyCap struct {
	PerDay     int `json:"per_day"`     // impressions per viewer per UTC day, 0 = none
	PerSession int `json:"per_session"` // impressions per session, 0 = none
}

// Creative is one spot of a campaign. Exactly one of HLS (an already
// encoded HLS ad, its master playlist URL) or SpotID (a base spot the
// variants package renders, with Template) is set.
type Creative struct {
	ID         string          `json:"id"`
	CampaignID string          `json:"campaign_id"`
	Name       string          `json:"name"`
	HLS        string          `json:"hls,omitempty"`
	SpotID     string          `json:"spot_id,omitempty"`
	Template   json.RawMessage `json:"template,omitempty"`
	Duration   float64         `json:"duration,omitempty"` // seconds, when known (probed)
}

// Roles of API keys.
const (
	RoleAdmin    = "admin"
	RoleMarketer = "marketer" // scoped to one advertiser
	RoleAnalyst  = "analyst"  // read-only, reports
	RoleService  = "service"  // session creation for players' backends
)

// APIKey is a stored key; the secret itself is never stored, only its hash.
type APIKey struct {
	ID           string    `json:"id"`
	Role         string    `json:"role"`
	AdvertiserID string    `json:"advertiser_id,omitempty"` // marketer keys only
	Name         string    `json:"name,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
}

// Spot is a base spot a marketer uploaded: the source every variant of
// its creatives is rendered from. Immutable once stored.
type Spot struct {
	ID           string          `json:"id"`
	AdvertiserID string          `json:"advertiser_id"`
	Name         string          `json:"name"` // the uploaded file's name
	Size         int64           `json:"size"`
	SHA256       string          `json:"sha256"`
	Duration     float64         `json:"duration"` // seconds
	Probe        json.RawMessage `json:"probe"`    // what ffprobe found
	CreatedAt    time.Time       `json:"created_at"`
}

// Image is an uploaded still (a creative's end card). Immutable.
type Image struct {
	ID           string    `json:"id"`
	AdvertiserID string    `json:"advertiser_id"`
	Name         string    `json:"name"`
	Size         int64     `json:"size"`
	Format       string    `json:"format"` // png | jpeg
	Width        int       `json:"width"`
	Height       int       `json:"height"`
	CreatedAt    time.Time `json:"created_at"`
}
