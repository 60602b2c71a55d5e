package adserver

import (
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/configs"
)

const externalVAST = `<?xml version="1.0" encoding="UTF-8"?>
<VAST version="4.2" xmlns="http://www.iab.com/VAST">
 <Ad id="ext-1"><InLine>
  <AdSystem>PartnerAds</AdSystem><AdTitle>Partner spot</AdTitle>
  <Impression><![CDATA[%ORIGIN%/pixel/imp?sid=[SESSION]]]></Impression>
  <Creatives><Creative id="pc-1"><Linear>
   <Duration>00:00:10.000</Duration>
   <TrackingEvents><Tracking event="complete"><![CDATA[%ORIGIN%/pixel/complete]]></Tracking></TrackingEvents>
   <MediaFiles><MediaFile delivery="streaming" type="application/x-mpegURL" width="640" height="360"><![CDATA[%ORIGIN%/ad/master.m3u8]]></MediaFile></MediaFiles>
  </Linear></Creative></Creatives>
 </InLine></Ad>
</VAST>`

// An external ad server is asked first; its inline ad is stitched and its
// own beacons fire with ours. When it is too slow the pod comes from fill,
// and the failure is counted.
func TestExternalAdServer(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	o.set("/vast.xml", strings.ReplaceAll(externalVAST, "%ORIGIN%", o.srv.URL))
	o.set("/slow/vast.xml", strings.ReplaceAll(externalVAST, "%ORIGIN%", o.srv.URL))
	o.set("/pixel/imp", "")
	o.set("/pixel/complete", "")
	for _, tc := range []struct {
		name, path string
		external   bool
	}{{"answers", "/vast.xml?sid=[SESSION]&dur=[DURATION]", true}, {"too slow", "/slow/vast.xml", false}} {
		t.Run(tc.name, func(t *testing.T) {
			ts := startServerWith(t, o, "", func(d *Deps) {
				d.Config.Streams[0].Ads = &configs.ExternalAds{URL: o.srv.URL + tc.path, Timeout: configs.Duration(300 * time.Millisecond)}
			})
			s := newSession(t, ts, `{"stream":"show"}`)
			_, _, pl := get(t, mediaURL(t, ts, s.ManifestURL))
			seg := firstLine(pl, "/a/pre/0/")
			if got := strings.Contains(seg, "/a/pre/0/x"); got != tc.external {
				t.Fatalf("first pre-roll ad external=%v, want %v:\n%s", got, tc.external, pl)
			}
			_, _, metrics := get(t, ts.url+"/metrics")
			if !tc.external {
				if !strings.Contains(metrics, "adstitch_external_ads_timeouts_total 2") { // pre-roll and mid-roll
					t.Fatalf("time-out not counted:\n%s\n%s", metrics, pl)
				}
				return
			}
			if !strings.Contains(metrics, "adstitch_external_ads_used_total 2") { // pre-roll and mid-roll
				t.Fatalf("external ads not counted:\n%s", metrics)
			}
			before := o.hits.Load()
			if code, _, _ := get(t, ts.url+seg); code != 200 {
				t.Fatalf("external ad segment = %d", code)
			}
			deadline := time.Now().Add(3 * time.Second)
			for o.hits.Load() < before+2 { // the segment itself, then the partner's impression pixel
				if time.Now().After(deadline) {
					t.Fatal("the partner's impression pixel was not fired")
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
}
