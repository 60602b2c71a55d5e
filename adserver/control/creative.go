package control

import (
	"bytes"
	"encoding/json"
	"math"
	"net/url"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// ValidateCreative checks one creative; path prefixes field names
// ("creatives[2]"). Whether the HLS ad or the spot really exists is the
// server's check (api.Options.ValidateCreative), not this one.
func ValidateCreative(path string, cr *campaign.Creative) error {
	if err := checkName(path+".name", cr.Name); err != nil {
		return err
	}
	if (cr.HLS == "") == (cr.SpotID == "") {
		return fieldErr(path, "set exactly one of hls or spot_id")
	}
	if cr.HLS != "" {
		if err := checkHLSURL(cr.HLS); err != nil {
			return fieldErr(path+".hls", err.Error())
		}
		if len(cr.Template) > 0 && !isJSONNull(cr.Template) {
			return fieldErr(path+".template", "only allowed with spot_id")
		}
	}
	if cr.SpotID != "" && len(cr.SpotID) > MaxNameLen {
		return fieldErr(path+".spot_id", "must be at most 200 bytes")
	}
	if len(cr.Template) > 0 && !isJSONNull(cr.Template) {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(cr.Template, &obj); err != nil {
			return fieldErr(path+".template", "must be a JSON object")
		}
	}
	if math.IsNaN(cr.Duration) || math.IsInf(cr.Duration, 0) || cr.Duration < 0 {
		return fieldErr(path+".duration", "must be 0 (unknown) or more seconds")
	}
	return nil
}

type urlError string

func (e urlError) Error() string { return string(e) }

func checkHLSURL(s string) error {
	if len(s) > MaxURLLen {
		return urlError("must be at most 2048 bytes")
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return urlError("must be an absolute http or https URL")
	}
	return nil
}

func isJSONNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}
