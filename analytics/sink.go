package analytics

import (
	"context"
	"encoding/json"
	"sort"
	"time"
)

// Sink stores batches of events. Insert must be idempotent by event id: an
// event inserted twice (a retried batch, or the same beacon from the server
// and the client) counts once.
type Sink interface {
	Insert(ctx context.Context, batch []Event) error
	Close() error
}

// GroupKeys are the dimensions a report may be grouped by.
var GroupKeys = []string{"variant", "city", "hour", "day", "local_hour", "daypart", "ad", "creative", "stream", "device", "country"}

// ReportQuery asks for one campaign's numbers over [From, To).
type ReportQuery struct {
	Campaign string
	From, To time.Time
	GroupBy  []string // each one of GroupKeys, in output order
}

// ReportRow is one group of a report. Keys holds the group's values by
// group key ("hour" as RFC 3339 UTC hour start, "day" as YYYY-MM-DD UTC,
// "local_hour" as "0".."23").
type ReportRow struct {
	Keys           map[string]string
	Impressions    int64
	Starts         int64
	FirstQuartiles int64
	Midpoints      int64
	ThirdQuartiles int64
	Completes      int64
	CompletionRate float64 // completes / impressions
	UniqueViewers  int64   // distinct viewers (sessions stand in for anonymous viewers)
	AvgFrequency   float64 // impressions / unique viewers
	FillRate       float64 // impressions / ads of this campaign decided into avails (avail_filled)
}

// MarshalJSON writes the group keys first, then the metrics, flat:
// {"city":"Madrid","impressions":3,...}.
func (r ReportRow) MarshalJSON() ([]byte, error) {
	keys := make([]string, 0, len(r.Keys))
	for k := range r.Keys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b := []byte{'{'}
	for _, k := range keys {
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(r.Keys[k])
		b = append(append(append(append(b, kb...), ':'), vb...), ',')
	}
	type metrics struct {
		Impressions    int64   `json:"impressions"`
		Starts         int64   `json:"starts"`
		FirstQuartiles int64   `json:"first_quartiles"`
		Midpoints      int64   `json:"midpoints"`
		ThirdQuartiles int64   `json:"third_quartiles"`
		Completes      int64   `json:"completes"`
		CompletionRate float64 `json:"completion_rate"`
		UniqueViewers  int64   `json:"unique_viewers"`
		AvgFrequency   float64 `json:"avg_frequency"`
		FillRate       float64 `json:"fill_rate"`
	}
	mb, err := json.Marshal(metrics{r.Impressions, r.Starts, r.FirstQuartiles, r.Midpoints, r.ThirdQuartiles,
		r.Completes, r.CompletionRate, r.UniqueViewers, r.AvgFrequency, r.FillRate})
	if err != nil {
		return nil, err
	}
	return append(b, mb[1:]...), nil
}

// Report is a campaign's numbers.
type Report struct {
	CampaignID string      `json:"campaign_id"`
	From       time.Time   `json:"from"`
	To         time.Time   `json:"to"`
	Rows       []ReportRow `json:"rows"`
}

// Reporter answers report queries over a store.
type Reporter interface {
	CampaignReport(ctx context.Context, q ReportQuery) (*Report, error)
}
