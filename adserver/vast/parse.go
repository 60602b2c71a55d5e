package vast

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Parse reads a VAST 2, 3 or 4 document. It is tolerant where real ad
// servers are sloppy (any or no namespace, a byte order mark, ISO-8859-1
// or windows-1252 declarations, HTML entities, bare '&' in URLs outside
// CDATA, white space around URLs, empty tracking elements) and strict
// about values it would otherwise have to guess (durations, sizes,
// booleans, an Ad that is neither InLine nor Wrapper). Every error wraps
// ErrBadVAST and names the ad, creative or media file at fault.
func Parse(data []byte) (*Document, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("parse vast: empty document: %w", ErrBadVAST)
	}
	dec := xml.NewDecoder(bytes.NewReader(escapeBareAmpersands(data)))
	dec.CharsetReader = charsetReader
	dec.Entity = xml.HTMLEntity
	root, err := rootElement(dec)
	if err != nil {
		return nil, fmt.Errorf("parse vast: %w: %w", ErrBadVAST, err)
	}
	if root.Name.Local != "VAST" {
		return nil, fmt.Errorf("parse vast: root element <%s>, want <VAST>: %w", root.Name.Local, ErrBadVAST)
	}
	var raw inVAST
	if err := dec.DecodeElement(&raw, &root); err != nil {
		return nil, fmt.Errorf("parse vast: %w: %w", ErrBadVAST, err)
	}
	doc, err := convertVAST(&raw)
	if err != nil {
		return nil, fmt.Errorf("parse vast: %w: %w", ErrBadVAST, err)
	}
	return doc, nil
}

// rootElement returns the first start element, skipping the prolog.
func rootElement(dec *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return xml.StartElement{}, errors.New("no root element")
		}
		if err != nil {
			return xml.StartElement{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.StartElement{}, errors.New("text before the root element")
			}
		}
	}
}

func convertVAST(raw *inVAST) (*Document, error) {
	version := strings.TrimSpace(raw.Version)
	if major, _, _ := strings.Cut(version, "."); version != "" && major != "2" && major != "3" && major != "4" {
		return nil, fmt.Errorf("unsupported VAST version %q", raw.Version)
	}
	doc := &Document{Version: version, Errors: urls(raw.Errors)}
	for i := range raw.Ads {
		ad, err := convertAd(&raw.Ads[i])
		if err != nil {
			return nil, fmt.Errorf("Ad[%d] (id %q): %w", i, raw.Ads[i].ID, err)
		}
		doc.Ads = append(doc.Ads, ad)
	}
	return doc, nil
}

func convertAd(raw *inAd) (ParsedAd, error) {
	seq, err := parseCount(raw.Sequence)
	if err != nil {
		return ParsedAd{}, fmt.Errorf("sequence: %w", err)
	}
	ad := ParsedAd{ID: strings.TrimSpace(raw.ID), Sequence: seq}
	var common *inCommon
	switch {
	case raw.InLine != nil && raw.Wrapper != nil:
		return ParsedAd{}, errors.New("both InLine and Wrapper")
	case raw.InLine != nil:
		common = &raw.InLine.inCommon
		ad.Title = text(raw.InLine.AdTitle)
		ad.AdServingID = text(raw.InLine.AdServingID)
		ad.Advertiser = text(raw.InLine.Advertiser)
	case raw.Wrapper != nil:
		common = &raw.Wrapper.inCommon
		ad.Wrapper = true
		ad.AdTagURI = text(raw.Wrapper.AdTagURI)
		if ad.AdTagURI == "" {
			return ParsedAd{}, errors.New("Wrapper without VASTAdTagURI")
		}
		if ad.FollowAdditionalWrappers, err = parseBool(raw.Wrapper.FollowAdditionalWrappers, true); err != nil {
			return ParsedAd{}, fmt.Errorf("followAdditionalWrappers: %w", err)
		}
		if ad.AllowMultipleAds, err = parseBool(raw.Wrapper.AllowMultipleAds, false); err != nil {
			return ParsedAd{}, fmt.Errorf("allowMultipleAds: %w", err)
		}
	default:
		return ParsedAd{}, errors.New("neither InLine nor Wrapper")
	}
	ad.AdSystem = text(common.AdSystem)
	ad.Errors = urls(common.Errors)
	ad.Impressions = urls(common.Impressions)
	for i := range common.Creatives {
		c, err := convertCreative(&common.Creatives[i], !ad.Wrapper)
		if err != nil {
			return ParsedAd{}, fmt.Errorf("Creative[%d] (id %q): %w", i, common.Creatives[i].ID, err)
		}
		ad.Creatives = append(ad.Creatives, c)
	}
	return ad, nil
}

func convertCreative(raw *inCreative, inline bool) (Creative, error) {
	seq, err := parseCount(raw.Sequence)
	if err != nil {
		return Creative{}, fmt.Errorf("sequence: %w", err)
	}
	c := Creative{ID: strings.TrimSpace(raw.ID), AdID: strings.TrimSpace(raw.AdID), Sequence: seq}
	if c.AdID == "" {
		c.AdID = strings.TrimSpace(raw.AdIDv2)
	}
	for _, u := range raw.UniversalAdIDs {
		value := strings.TrimSpace(u.Text)
		if value == "" {
			value = strings.TrimSpace(u.Value)
		}
		c.UniversalAdIDs = append(c.UniversalAdIDs, UniversalAdID{Registry: strings.TrimSpace(u.Registry), Value: value})
	}
	if raw.Linear == nil {
		return c, nil
	}
	lin, err := convertLinear(raw.Linear, inline)
	if err != nil {
		return Creative{}, fmt.Errorf("Linear: %w", err)
	}
	c.Linear = lin
	return c, nil
}

func convertLinear(raw *inLinear, inline bool) (*Linear, error) {
	lin := &Linear{}
	switch {
	case raw.Duration != nil:
		d, err := parseDuration(raw.Duration.Text)
		if err != nil {
			return nil, fmt.Errorf("Duration %q: %w", strings.TrimSpace(raw.Duration.Text), err)
		}
		lin.Duration = d
	case inline:
		return nil, errors.New("no Duration")
	}
	for _, t := range raw.Tracking {
		u := strings.TrimSpace(t.Text)
		if u == "" {
			continue
		}
		lin.Tracking = append(lin.Tracking, Tracking{Event: strings.TrimSpace(t.Event), Offset: strings.TrimSpace(t.Offset), URL: u})
	}
	for i := range raw.MediaFiles {
		m, err := convertMedia(&raw.MediaFiles[i])
		if err != nil {
			return nil, fmt.Errorf("MediaFile[%d] (id %q): %w", i, raw.MediaFiles[i].ID, err)
		}
		lin.MediaFiles = append(lin.MediaFiles, m)
	}
	return lin, nil
}

func convertMedia(raw *inMedia) (MediaFile, error) {
	m := MediaFile{
		URL:      strings.TrimSpace(raw.Text),
		ID:       strings.TrimSpace(raw.ID),
		Delivery: strings.TrimSpace(raw.Delivery),
		Type:     strings.TrimSpace(raw.Type),
		Codec:    strings.TrimSpace(raw.Codec),
	}
	for _, f := range [...]struct {
		name string
		raw  string
		dst  *int
	}{
		{"width", raw.Width, &m.Width},
		{"height", raw.Height, &m.Height},
		{"bitrate", raw.Bitrate, &m.Bitrate},
		{"minBitrate", raw.MinBitrate, &m.MinBitrate},
		{"maxBitrate", raw.MaxBitrate, &m.MaxBitrate},
	} {
		n, err := parseCount(f.raw)
		if err != nil {
			return MediaFile{}, fmt.Errorf("%s: %w", f.name, err)
		}
		*f.dst = n
	}
	return m, nil
}

// text is an element's trimmed character data.
func text(t inText) string { return strings.TrimSpace(t.Text) }

// urls trims each URL and drops empty ones: servers often send empty
// Impression or Error placeholders, which are nothing to fire.
func urls(ts []inText) []string {
	var out []string
	for _, t := range ts {
		if u := text(t); u != "" {
			out = append(out, u)
		}
	}
	return out
}

// parseCount reads a non-negative integer attribute; absent is 0.
func parseCount(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a non-negative integer", s)
	}
	return n, nil
}

// parseBool reads an xs:boolean attribute (true, false, 1, 0).
func parseBool(s string, absent bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return absent, nil
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean", s)
}
