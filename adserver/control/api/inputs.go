package api

import (
	"encoding/json"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control"
)

// The request bodies. They accept what a GET returned, so that a client
// can fetch, edit and PUT back: read-only fields (id, times, campaign_id)
// are accepted and ignored, except that an id must match the URL's.
// Pointers tell an absent field (defaulted) from a zero one (validated).

type advertiserInput struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	CreatedAt json.RawMessage `json:"created_at"`
	UpdatedAt json.RawMessage `json:"updated_at"`
}

type campaignInput struct {
	ID             string            `json:"id"`
	AdvertiserID   string            `json:"advertiser_id"`
	Name           string            `json:"name"`
	Status         *string           `json:"status"`
	Start          string            `json:"start"`
	End            string            `json:"end"`
	Priority       *int              `json:"priority"`
	ImpressionGoal int64             `json:"impression_goal"`
	DailyCap       int64             `json:"daily_cap"`
	Pacing         *string           `json:"pacing"`
	FrequencyCap   frequencyCapInput `json:"frequency_cap"`
	Category       string            `json:"category"`
	Targeting      json.RawMessage   `json:"targeting"`
	Creatives      []creativeInput   `json:"creatives"`
	Version        int64             `json:"version"` // PUT: the version edited; 409 if it changed since
	CreatedAt      json.RawMessage   `json:"created_at"`
	UpdatedAt      json.RawMessage   `json:"updated_at"`
}

type frequencyCapInput struct {
	PerDay     int `json:"per_day"`
	PerSession int `json:"per_session"`
}

type creativeInput struct {
	ID         string          `json:"id"` // PUT: keeps this creative (one of the campaign's)
	CampaignID json.RawMessage `json:"campaign_id"`
	Name       string          `json:"name"`
	HLS        string          `json:"hls"`
	SpotID     string          `json:"spot_id"`
	Template   json.RawMessage `json:"template"`
	Duration   float64         `json:"duration"`
}

// checkID refuses a body id that is not the URL's (on POST there is none).
func checkID(bodyID, urlID string) *apiError {
	if bodyID != "" && bodyID != urlID {
		msg := "id: must match the URL"
		if urlID == "" {
			msg = "id: assigned by the server; leave it out"
		}
		return fieldError(fasthttp.StatusUnprocessableEntity, codeInvalid, "id", msg)
	}
	return nil
}

// campaign converts the input, applying defaults to absent fields: status
// active, priority 5, pacing even.
func (in *campaignInput) campaign() (campaign.Campaign, *apiError) {
	c := campaign.Campaign{
		AdvertiserID:   in.AdvertiserID,
		Name:           in.Name,
		Status:         deref(in.Status, campaign.StatusActive),
		Priority:       deref(in.Priority, control.DefaultPriority),
		ImpressionGoal: in.ImpressionGoal,
		DailyCap:       in.DailyCap,
		Pacing:         deref(in.Pacing, campaign.PacingEven),
		FrequencyCap:   campaign.FrequencyCap(in.FrequencyCap),
		Category:       in.Category,
		Targeting:      in.Targeting,
		Version:        in.Version,
		Creatives:      make([]campaign.Creative, len(in.Creatives)),
	}
	var err *apiError
	if c.Start, err = parseTime("start", in.Start); err != nil {
		return c, err
	}
	if c.End, err = parseTime("end", in.End); err != nil {
		return c, err
	}
	for i, cr := range in.Creatives {
		c.Creatives[i] = campaign.Creative{
			ID: cr.ID, Name: cr.Name, HLS: cr.HLS, SpotID: cr.SpotID, Template: cr.Template, Duration: cr.Duration,
		}
	}
	return c, nil
}

// parseTime reads an RFC 3339 time; "" stays zero (validation says
// "required").
func parseTime(field, s string) (time.Time, *apiError) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fieldError(fasthttp.StatusUnprocessableEntity, codeInvalid, field,
			field+": must be an RFC 3339 time such as 2026-01-01T00:00:00Z")
	}
	return t.UTC(), nil
}

func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}
