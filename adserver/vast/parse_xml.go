package vast

// The types below are a tolerant superset of VAST 2, 3 and 4 for
// encoding/xml: element names without a namespace (VAST 2 and 3 have none,
// VAST 4 uses http://www.iab.com/VAST), order ignored, every value kept as
// text and converted by Parse with errors that name the element.

type inVAST struct {
	Version string   `xml:"version,attr"`
	Ads     []inAd   `xml:"Ad"`
	Errors  []inText `xml:"Error"`
}

type inAd struct {
	ID       string     `xml:"id,attr"`
	Sequence string     `xml:"sequence,attr"`
	InLine   *inInLine  `xml:"InLine"`
	Wrapper  *inWrapper `xml:"Wrapper"`
}

type inCommon struct {
	AdSystem    inText       `xml:"AdSystem"`
	Errors      []inText     `xml:"Error"`
	Impressions []inText     `xml:"Impression"`
	Creatives   []inCreative `xml:"Creatives>Creative"`
}

type inInLine struct {
	inCommon
	AdTitle     inText `xml:"AdTitle"`
	AdServingID inText `xml:"AdServingId"`
	Advertiser  inText `xml:"Advertiser"`
}

type inWrapper struct {
	inCommon
	AdTagURI                 inText `xml:"VASTAdTagURI"`
	FollowAdditionalWrappers string `xml:"followAdditionalWrappers,attr"`
	AllowMultipleAds         string `xml:"allowMultipleAds,attr"`
}

type inCreative struct {
	ID             string          `xml:"id,attr"`
	AdID           string          `xml:"adId,attr"`
	AdIDv2         string          `xml:"AdID,attr"` // VAST 2 spelling
	Sequence       string          `xml:"sequence,attr"`
	UniversalAdIDs []inUniversalID `xml:"UniversalAdId"`
	Linear         *inLinear       `xml:"Linear"`
}

type inUniversalID struct {
	Registry string `xml:"idRegistry,attr"`
	Value    string `xml:"idValue,attr"` // VAST 4.0 put the value here
	Text     string `xml:",chardata"`
}

type inLinear struct {
	Duration   *inText      `xml:"Duration"`
	Tracking   []inTracking `xml:"TrackingEvents>Tracking"`
	MediaFiles []inMedia    `xml:"MediaFiles>MediaFile"`
}

type inTracking struct {
	Event  string `xml:"event,attr"`
	Offset string `xml:"offset,attr"`
	Text   string `xml:",chardata"`
}

type inMedia struct {
	ID         string `xml:"id,attr"`
	Delivery   string `xml:"delivery,attr"`
	Type       string `xml:"type,attr"`
	Codec      string `xml:"codec,attr"`
	Width      string `xml:"width,attr"`
	Height     string `xml:"height,attr"`
	Bitrate    string `xml:"bitrate,attr"`
	MinBitrate string `xml:"minBitrate,attr"`
	MaxBitrate string `xml:"maxBitrate,attr"`
	Text       string `xml:",chardata"`
}

// inText is an element's character data, CDATA sections included.
type inText struct {
	Text string `xml:",chardata"`
}
