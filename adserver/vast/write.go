package vast

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Write renders pod as a VAST 4.2 document. The document is built in
// memory first, so w sees either all of it or, on a bad pod, nothing; the
// error then wraps ErrInvalidPod and names the ad and field.
func Write(w io.Writer, pod Pod) error {
	doc, err := buildVAST(pod)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode vast: %w", err)
	}
	buf.WriteByte('\n')
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write vast: %w", err)
	}
	return nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidPod}, args...)...)
}

func buildVAST(pod Pod) (*outVAST, error) {
	doc := &outVAST{Version: vastVersion}
	if len(pod.Ads) > 0 && len(pod.Errors) > 0 {
		return nil, invalid("root Error URLs are only for an empty pod (no-ad response)")
	}
	for i, u := range pod.Errors {
		if err := checkURL(u); err != nil {
			return nil, invalid("errors[%d] %q: %v", i, u, err)
		}
		doc.Errors = append(doc.Errors, outURL{URL: u})
	}
	seen := make(map[int]int, len(pod.Ads))
	for i := range pod.Ads {
		ad := &pod.Ads[i]
		out, err := buildAd(pod.AdServingID, i, ad)
		if err != nil {
			return nil, err
		}
		if j, dup := seen[out.Sequence]; dup {
			return nil, invalid("ads[%d] (id %q): sequence %d already used by ads[%d]", i, ad.ID, out.Sequence, j)
		}
		seen[out.Sequence] = i
		doc.Ads = append(doc.Ads, out)
	}
	return doc, nil
}

func buildAd(podServingID string, i int, ad *Ad) (outAd, error) {
	fail := func(format string, args ...any) (outAd, error) {
		return outAd{}, invalid("ads[%d] (id %q): "+format, append([]any{i, ad.ID}, args...)...)
	}
	seq := ad.Sequence
	switch {
	case seq < 0:
		return fail("negative sequence %d", seq)
	case seq == 0:
		seq = i + 1
	}
	servingID := ad.AdServingID
	if servingID == "" {
		if podServingID == "" {
			return fail("no AdServingID: set Pod.AdServingID or Ad.AdServingID")
		}
		servingID = podServingID + "-" + strconv.Itoa(seq)
	}
	for _, f := range [...]struct{ name, value string }{
		{"ID", ad.ID}, {"AdSystem", ad.AdSystem}, {"AdTitle", ad.AdTitle}, {"Advertiser", ad.Advertiser},
		{"AdServingID", servingID}, {"CreativeID", ad.CreativeID}, {"UniversalAdID", ad.UniversalAdID}, {"Codec", ad.Codec},
	} {
		if err := checkText(f.value); err != nil {
			return fail("%s %q: %v", f.name, f.value, err)
		}
	}
	if ms := ad.Duration.Round(time.Millisecond); ms < time.Millisecond || ms > maxDuration {
		return fail("duration %v out of range (1ms to %s)", ad.Duration, formatDuration(maxDuration))
	}
	if err := checkURL(ad.MediaURL); err != nil {
		return fail("media URL %q: %v", ad.MediaURL, err)
	}
	if ad.Width < 0 || ad.Height < 0 || ad.Bitrate < 0 {
		return fail("negative width, height or bitrate (%d, %d, %d)", ad.Width, ad.Height, ad.Bitrate)
	}
	impressions, err := outURLs(ad.Impression)
	if err != nil {
		return fail("impression %v", err)
	}
	if len(impressions) == 0 {
		impressions = []outURL{{URL: blankImpression}}
	}
	errs, err := outURLs(ad.Error)
	if err != nil {
		return fail("error %v", err)
	}
	tracking, err := outTrackingEvents(ad.Tracking)
	if err != nil {
		return fail("tracking %v", err)
	}
	system := ad.AdSystem
	if system == "" {
		system = adstitchSystem
	}
	return outAd{
		ID:       ad.ID,
		Sequence: seq,
		InLine: outInLine{
			AdSystem:    system,
			Errors:      errs,
			Impressions: impressions,
			AdServingID: servingID,
			AdTitle:     ad.AdTitle,
			Advertiser:  ad.Advertiser,
			Creatives: []outCreative{{
				ID:       ad.CreativeID,
				Sequence: 1,
				Linear: outLinear{
					Tracking: trackingEvents(tracking),
					Duration: formatDuration(ad.Duration),
					MediaFiles: []outMedia{{
						Delivery: deliveryStream,
						Type:     hlsMIME,
						Width:    ad.Width,
						Height:   ad.Height,
						Codec:    ad.Codec,
						Bitrate:  ad.Bitrate,
						URL:      ad.MediaURL,
					}},
				},
				UniversalAdID: universalAdID(ad),
			}},
		},
	}, nil
}

// universalAdID follows VAST 4.1+: the creative's registry id, or the
// literal "unknown" in both registry and value when there is none.
func universalAdID(ad *Ad) outUniversalID {
	switch {
	case ad.UniversalAdID != "":
		return outUniversalID{Registry: adstitchIDs, Value: ad.UniversalAdID}
	case ad.CreativeID != "":
		return outUniversalID{Registry: adstitchIDs, Value: ad.CreativeID}
	default:
		return outUniversalID{Registry: unknownRegistry, Value: unknownRegistry}
	}
}

// trackingEvents leaves TrackingEvents out when there is nothing to track.
func trackingEvents(tracking []outTracking) *outTrackingList {
	if len(tracking) == 0 {
		return nil
	}
	return &outTrackingList{Tracking: tracking}
}

func outURLs(urls []string) ([]outURL, error) {
	var out []outURL
	for i, u := range urls {
		if err := checkURL(u); err != nil {
			return nil, fmt.Errorf("[%d] %q: %w", i, u, err)
		}
		out = append(out, outURL{URL: u})
	}
	return out, nil
}
