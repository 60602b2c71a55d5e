package api

import (
	"strings"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/control"
)

// FuzzDecodeCampaign feeds request bodies through what POST /v1/campaigns
// does before the store: strict decoding, conversion and validation
// (targeting included). Nothing may panic; refusals are 4xx.
func FuzzDecodeCampaign(f *testing.F) {
	f.Add([]byte(campaignBody("adv_x")))
	for _, tc := range badCampaigns() {
		if len(tc.body) < 4096 {
			f.Add([]byte(strings.ReplaceAll(tc.body, "{ADV}", "adv_x")))
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var in campaignInput
		if e := decodeBody(body, &in); e != nil {
			if e.status != fasthttp.StatusBadRequest && e.status != fasthttp.StatusRequestEntityTooLarge {
				t.Fatalf("decode answered %d: %+v", e.status, e)
			}
			if e.Error() == "" || e.Code == "" {
				t.Fatalf("error without message or code: %+v", e)
			}
			return
		}
		c, e := in.campaign()
		if e != nil {
			if e.status != fasthttp.StatusUnprocessableEntity || e.Field == "" {
				t.Fatalf("conversion answered %+v", e)
			}
			return
		}
		if err := control.ValidateCampaign(&c); err != nil && err.Error() == "" {
			t.Fatal("validation error without message")
		}
	})
}
