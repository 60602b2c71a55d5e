package vast

import "time"

// Document is a VAST response as Parse reads it, whatever its version
// (2.0 to 4.2). Only what ad insertion needs is kept: companions,
// non-linear creatives, icons, clicks and extensions are dropped.
type Document struct {
	Version string
	Ads     []ParsedAd
	Errors  []string // root <Error> URLs: the no-ad response
}

// ParsedAd is one <Ad>: an InLine ad, or a Wrapper pointing at another
// VAST document.
type ParsedAd struct {
	ID          string
	Sequence    int // 0 when absent: a stand-alone ad, not part of a pod
	AdSystem    string
	Errors      []string
	Impressions []string
	Creatives   []Creative

	// InLine only.
	Title       string
	AdServingID string
	Advertiser  string

	// Wrapper only.
	Wrapper                  bool
	AdTagURI                 string // VASTAdTagURI: the next document
	FollowAdditionalWrappers bool   // default true
	AllowMultipleAds         bool   // default false
}

// Creative is one <Creative>; Linear is nil for companion and non-linear
// creatives.
type Creative struct {
	ID             string
	AdID           string
	Sequence       int
	UniversalAdIDs []UniversalAdID
	Linear         *Linear
}

// UniversalAdID is a creative's id in a registry such as Ad-ID.
type UniversalAdID struct {
	Registry string
	Value    string
}

// Linear is a linear creative: in a Wrapper it only carries tracking.
type Linear struct {
	Duration   time.Duration // 0 when absent (wrappers)
	Tracking   []Tracking
	MediaFiles []MediaFile
}

// Tracking is one TrackingEvents/Tracking URL.
type Tracking struct {
	Event  string
	Offset string // progress events: HH:MM:SS[.mmm] or N%
	URL    string
}

// Key is how a Tracking map names the event: the event, or
// "progress@OFFSET" for a progress event with an offset.
func (t Tracking) Key() string {
	if t.Event == "progress" && t.Offset != "" {
		return progressPrefix + t.Offset
	}
	return t.Event
}

// MediaFile is one MediaFiles/MediaFile. Bitrates are in kbit/s.
type MediaFile struct {
	URL        string
	ID         string
	Delivery   string
	Type       string
	Codec      string
	Width      int
	Height     int
	Bitrate    int
	MinBitrate int
	MaxBitrate int
}
