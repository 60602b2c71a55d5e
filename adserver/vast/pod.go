package vast

import "time"

// Pod is what Write renders: the ads of one break, in play order.
type Pod struct {
	// AdServingID identifies this response; each InLine's AdServingId is
	// derived from it (see Ad.AdServingID). Required when Ads is not empty.
	AdServingID string
	Ads         []Ad
	// Errors are root <Error> URLs, written only for an empty pod (VAST's
	// no-ad response).
	Errors []string
}

// Ad is one spot of a pod, rendered as an InLine ad with one linear
// creative whose single MediaFile is the spot's HLS master playlist.
//
// URLs are written verbatim inside CDATA. VAST macros such as [ERRORCODE]
// are left for players to substitute; note that the IAB XSD types URLs as
// xs:anyURI, which (as libxml2 checks it) refuses square brackets outside
// a host, so a document carrying bracket macros plays but does not pass
// xmllint --schema.
type Ad struct {
	ID         string
	Sequence   int    // position in the pod, from 1; 0 means index+1
	AdSystem   string // default "adstitch"
	AdTitle    string
	Advertiser string
	// AdServingID overrides the InLine's AdServingId, which is otherwise
	// Pod.AdServingID + "-" + the ad's sequence: VAST wants one per InLine.
	AdServingID   string
	CreativeID    string
	UniversalAdID string // written with idRegistry="adstitch"; CreativeID when empty
	Duration      time.Duration

	MediaURL string // HLS master URL, type application/x-mpegURL, delivery streaming
	Width    int
	Height   int
	Bitrate  int    // kbit/s, as VAST's bitrate attribute; 0 leaves it out
	Codec    string // RFC 6381, as in HLS CODECS; empty leaves it out

	Impression []string // none writes the spec's "about:blank" placeholder
	// Tracking maps a VAST 4.2 linear event (start, firstQuartile,
	// midpoint, thirdQuartile, complete, pause, …; "progress@00:00:05.000"
	// or "progress@50%" for progress) to its URLs.
	Tracking map[string][]string
	Error    []string
}
