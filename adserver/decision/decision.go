package decision

import (
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// Request is one break to fill for one viewer.
type Request struct {
	Session  [16]byte
	Viewer   [16]byte // zero = anonymous: frequency caps apply per session only
	BreakID  string
	Duration float64           // seconds to fill
	Context  *campaign.Context // nil = nothing known about the viewer
	Now      time.Time
}

// Pick is one spot of the pod, in play order.
type Pick struct {
	CampaignID   string  `json:"campaign_id"`
	AdvertiserID string  `json:"advertiser_id"`
	CreativeID   string  `json:"creative_id"`
	Duration     float64 `json:"duration"`
	Priority     int     `json:"priority"`
}

// Rejection says why a campaign the index offered is not in the pod.
type Rejection struct {
	CampaignID string `json:"campaign_id"`
	Reason     string `json:"reason"`
}

// Rejection reasons, in the order the checks run: a campaign is rejected
// with the first check it fails. The fill adds advertiser_in_pod,
// category_in_pod and too_long (for what is left of the break) for
// eligible campaigns it passes over.
const (
	ReasonFlight           = "flight"               // Now outside [Start, End)
	ReasonPaused           = "paused"               // status paused
	ReasonTargeting        = "targeting"            // the rule does not match the context
	ReasonTooLong          = "too_long"             // no creative fits the break (or, in the fill, what is left of it)
	ReasonCounters         = "counters_unavailable" // caps could not be read (Redis down): fail closed
	ReasonGoalReached      = "goal_reached"
	ReasonDailyCap         = "daily_cap"
	ReasonFrequencyDay     = "frequency_day"
	ReasonFrequencySession = "frequency_session"
	ReasonPacing           = "pacing" // even pacing, ahead of schedule
	ReasonAdvertiserInPod  = "advertiser_in_pod"
	ReasonCategoryInPod    = "category_in_pod"
)

// Decision is the pod for one request and why it is what it is.
//
// The campaigns the index offers for the context are walked in fill
// order (priority, asap before even, behind schedule first, then a
// rotation by session and break) and evaluated in small batches until
// the pod is full. Eligible lists every evaluated campaign that passed
// all checks (priority descending, then id), picked or not. Rejected
// lists the evaluated campaigns that failed one, in evaluation order
// (checks, then the fill). Skipped counts the offered campaigns never
// evaluated because the pod was full for them: it had picks and what was
// left of the break was shorter than every creative of their group (same
// priority and pacing class) or of all that were left; with many equal
// campaigns most are skipped, and which ones depends on the rotation.
// Campaigns whose indexed keys (city, country, device ...) exclude the
// viewer are not listed: they are targeting rejections by construction.
type Decision struct {
	Version  int64 // snapshot version, 0 when the engine has none
	Picks    []Pick
	Eligible []string
	Rejected []Rejection
	Skipped  int
	Filled   float64 // seconds of the break the picks fill
}
