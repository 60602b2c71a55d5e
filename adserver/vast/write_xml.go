package vast

import "encoding/xml"

// The types below mirror vast_4.2.xsd for the subset Write emits. Field
// order is the schema's sequence order, which is not always the spec
// text's (UniversalAdId comes after Linear).

const (
	vastNamespace = "http://www.iab.com/VAST"
	vastVersion   = "4.2"

	hlsMIME         = "application/x-mpegURL"
	deliveryStream  = "streaming"
	adstitchSystem  = "adstitch"
	adstitchIDs     = "adstitch"
	unknownRegistry = "unknown"
	blankImpression = "about:blank"
)

type outVAST struct {
	XMLName xml.Name `xml:"http://www.iab.com/VAST VAST"`
	Version string   `xml:"version,attr"`
	Ads     []outAd  `xml:"Ad"`
	Errors  []outURL `xml:"Error"`
}

type outAd struct {
	ID       string    `xml:"id,attr,omitempty"`
	Sequence int       `xml:"sequence,attr"`
	InLine   outInLine `xml:"InLine"`
}

type outInLine struct {
	AdSystem    string        `xml:"AdSystem"`
	Errors      []outURL      `xml:"Error"`
	Impressions []outURL      `xml:"Impression"`
	AdServingID string        `xml:"AdServingId"`
	AdTitle     string        `xml:"AdTitle"`
	Advertiser  string        `xml:"Advertiser,omitempty"`
	Creatives   []outCreative `xml:"Creatives>Creative"`
}

type outCreative struct {
	ID            string         `xml:"id,attr,omitempty"`
	Sequence      int            `xml:"sequence,attr"`
	Linear        outLinear      `xml:"Linear"`
	UniversalAdID outUniversalID `xml:"UniversalAdId"`
}

type outLinear struct {
	Tracking   *outTrackingList `xml:"TrackingEvents,omitempty"`
	Duration   string           `xml:"Duration"`
	MediaFiles []outMedia       `xml:"MediaFiles>MediaFile"`
}

type outTrackingList struct {
	Tracking []outTracking `xml:"Tracking"`
}

type outTracking struct {
	Event  string `xml:"event,attr"`
	Offset string `xml:"offset,attr,omitempty"`
	URL    string `xml:",cdata"`
}

type outMedia struct {
	Delivery string `xml:"delivery,attr"`
	Type     string `xml:"type,attr"`
	Width    int    `xml:"width,attr"`
	Height   int    `xml:"height,attr"`
	Codec    string `xml:"codec,attr,omitempty"`
	Bitrate  int    `xml:"bitrate,attr,omitempty"`
	URL      string `xml:",cdata"`
}

type outUniversalID struct {
	Registry string `xml:"idRegistry,attr"`
	Value    string `xml:",chardata"`
}

type outURL struct {
	URL string `xml:",cdata"`
}
