package vast

import (
	"net/url"
	"slices"
	"strings"
	"time"
)

// InlineAd is an ad Fetch resolved: an InLine ad's linear creative with
// its HLS media file, and every URL to fire for it, the wrappers'
// included.
type InlineAd struct {
	ID            string // the InLine <Ad id>
	AdSystem      string
	Title         string
	CreativeID    string // Creative id, else adId, else the first UniversalAdId
	UniversalAdID string // first UniversalAdId value, "" when unknown
	Duration      time.Duration
	HLS           string    // the chosen MediaFile's URL
	Media         MediaFile // the chosen MediaFile (size, bitrate, codec)
	Impressions   []string
	// Tracking maps an event name (start, firstQuartile, midpoint,
	// thirdQuartile, complete, …, or "progress@OFFSET") to its URLs.
	Tracking map[string][]string
	Errors   []string
}

// skipReason says why an InLine ad gave no InlineAd.
type skipReason int

const (
	usable skipReason = iota
	noLinear
	noHLS
	noDuration
)

// inlineAd picks the first linear creative with an HLS media file.
func inlineAd(ad *ParsedAd) (InlineAd, skipReason) {
	reason := noLinear
	for i := range ad.Creatives {
		c := &ad.Creatives[i]
		if c.Linear == nil {
			continue
		}
		reason = max(reason, noHLS)
		media, ok := chooseHLS(c.Linear.MediaFiles)
		if !ok {
			continue
		}
		if c.Linear.Duration <= 0 {
			reason = noDuration
			continue
		}
		out := InlineAd{
			ID:          ad.ID,
			AdSystem:    ad.AdSystem,
			Title:       ad.Title,
			CreativeID:  c.ID,
			Duration:    c.Linear.Duration,
			HLS:         media.URL,
			Media:       media,
			Impressions: slices.Clone(ad.Impressions),
			Tracking:    make(map[string][]string, len(c.Linear.Tracking)),
			Errors:      slices.Clone(ad.Errors),
		}
		for _, u := range c.UniversalAdIDs {
			if u.Value != "" && !strings.EqualFold(u.Value, "unknown") {
				out.UniversalAdID = u.Value
				break
			}
		}
		if out.CreativeID == "" {
			out.CreativeID = c.AdID
		}
		if out.CreativeID == "" {
			out.CreativeID = out.UniversalAdID
		}
		addTracking(out.Tracking, c.Linear.Tracking)
		return out, usable
	}
	return InlineAd{}, reason
}

// chooseHLS returns the first MediaFile that is an HLS playlist
// (application/x-mpegURL or application/vnd.apple.mpegurl, any case, any
// parameters) at an absolute http(s) URL.
func chooseHLS(files []MediaFile) (MediaFile, bool) {
	for _, m := range files {
		mime, _, _ := strings.Cut(m.Type, ";")
		mime = strings.TrimSpace(mime)
		if !strings.EqualFold(mime, "application/x-mpegurl") && !strings.EqualFold(mime, "application/vnd.apple.mpegurl") {
			continue
		}
		u, err := url.Parse(m.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			continue
		}
		return m, true
	}
	return MediaFile{}, false
}

func addTracking(dst map[string][]string, events []Tracking) {
	for _, t := range events {
		if t.Event == "" {
			continue
		}
		dst[t.Key()] = append(dst[t.Key()], t.URL)
	}
}

// foldWrapper appends what wrapper asks to be fired to an ad it led to:
// impressions, errors, and the tracking of its linear creatives.
func foldWrapper(ad *InlineAd, wrapper *ParsedAd) {
	ad.Impressions = append(ad.Impressions, wrapper.Impressions...)
	ad.Errors = append(ad.Errors, wrapper.Errors...)
	for i := range wrapper.Creatives {
		if lin := wrapper.Creatives[i].Linear; lin != nil {
			addTracking(ad.Tracking, lin.Tracking)
		}
	}
}
