package decision

import "time"

// Counters are what goals and caps read. Impressions are recorded by the
// data plane when beacons arrive, not by Decide. Implementations are safe
// for concurrent use. Days are UTC, formatted "2006-01-02".
type Counters interface {
	CampaignTotal(campaignID string) int64
	CampaignDay(campaignID string, day string) int64
	ViewerDay(campaignID string, viewer [16]byte, day string) int64
	SessionCount(campaignID string, session [16]byte) int64
	RecordImpression(campaignID string, viewer, session [16]byte, at time.Time) error
}

// BatchReader is implemented by Counters whose reads cost a round trip
// (Redis): Decide hands it every count one decision needs at once.
type BatchReader interface {
	// ReadBatch sets the counts each item Wants. On error the engine
	// treats every campaign that needed a count as capped.
	ReadBatch(b *Batch) error
}

// Batch is the counts one decision needs.
type Batch struct {
	Day     string // UTC day of the request
	Viewer  [16]byte
	Session [16]byte
	Items   []BatchItem
}

// BatchItem is one campaign's counts. Items with Want 0 are left alone.
type BatchItem struct {
	CampaignID string
	Want       Want
	Total      int64 // CampaignTotal
	Day        int64 // CampaignDay(Batch.Day)
	ViewerDay  int64 // ViewerDay(Batch.Viewer, Batch.Day)
	Session    int64 // SessionCount(Batch.Session)
}

// Want says which counts of a BatchItem are needed.
type Want uint8

const (
	WantTotal Want = 1 << iota
	WantDay
	WantViewerDay
	WantSession
)

// readDirect fills b through the plain Counters methods, for in-process
// counters where a batch would only add work.
func readDirect(c Counters, b *Batch) {
	for i := range b.Items {
		it := &b.Items[i]
		if it.Want&WantTotal != 0 {
			it.Total = c.CampaignTotal(it.CampaignID)
		}
		if it.Want&WantDay != 0 {
			it.Day = c.CampaignDay(it.CampaignID, b.Day)
		}
		if it.Want&WantViewerDay != 0 {
			it.ViewerDay = c.ViewerDay(it.CampaignID, b.Viewer, b.Day)
		}
		if it.Want&WantSession != 0 {
			it.Session = c.SessionCount(it.CampaignID, b.Session)
		}
	}
}
