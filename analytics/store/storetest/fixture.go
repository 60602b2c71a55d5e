package storetest

import (
	"time"

	"github.com/adstitch/adstitch/analytics"
)

// viewer is what the events of one session share.
type viewer struct {
	session, viewer, campaign, variant, ad, creative, city, country, device string
}

var (
	v1Tv     = viewer{"s1", "v1", "c1", "va", "ad1", "cr1", "Madrid", "ES", "tv"}
	v2Mobile = viewer{"s2", "v2", "c1", "va", "ad1", "cr1", "Madrid", "ES", "mobile"}
	v2Night  = viewer{"s6", "v2", "c1", "va", "ad1", "cr1", "Madrid", "ES", "mobile"}
	anonTv   = viewer{"s3", "", "c1", "vb", "ad2", "cr2", "Lyon", "FR", "tv"}
	anonMob  = viewer{"s5", "", "c1", "vb", "ad2", "cr2", "Lyon", "FR", "mobile"}
	v4Tv     = viewer{"s4", "v4", "c1", "vb", "ad2", "cr2", "Lyon", "FR", "tv"}
	v1Other  = viewer{"s7", "v1", "c2", "vz", "ad9", "cr9", "Madrid", "ES", "tv"}
)

// offset is every fixture viewer's UTC offset: local hours are UTC + 1.
const offset = 60

// ev is one event of v in avail at (RFC 3339), reported by src. Copies of
// one event from both sources share the id, as analytics.EventID makes them.
func (v viewer) ev(avail string, typ analytics.EventType, at string, src analytics.Source) analytics.Event {
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		panic(err)
	}
	lh := analytics.LocalHour(t, offset)
	return analytics.Event{
		ID: analytics.EventID(v.session, avail, 0, v.ad, typ), Type: typ, Time: t, Source: src,
		Session: v.session, Viewer: v.viewer, Stream: "news", Avail: avail, Ad: v.ad,
		Advertiser: "acme", Campaign: v.campaign, Creative: v.creative, Variant: v.variant,
		Country: v.country, Region: v.country + "-1", City: v.city, LocalHour: lh,
		Daypart: analytics.Daypart(lh), Interests: []string{"news", "sports"}, Device: v.device,
		UTCOffset: offset,
	}
}

const (
	srv = analytics.SourceServer
	cli = analytics.SourceClient
)

// batches is the fixture, in insert order. Campaign c1 over
// [2026-11-21, 2026-11-23) holds, once duplicates collapse:
//
//	s6/v2 Madrid va mobile  00:00          avail, impression
//	s1/v1 Madrid va tv      09:00          avail, impression, all quartiles (an error does not count)
//	s1/v1                   10:30          avail, impression, start, complete
//	s2/v2 Madrid va mobile  09:20          avail, impression, start (client only)
//	s3/-  Lyon vb tv        09:59:59.999   avail, impression (server copy wins over the client's at 10:00:00.5)
//	s3/-                    10:00          start, quartiles, complete
//	s5/-  Lyon vb mobile    10:05          avail only
//	s4/v4 Lyon vb tv        22nd 08:00     avail, impression, start
//
// plus events out of the range and of campaign c2.
func batches() [][]analytics.Event {
	errEv := v1Tv.ev("a1", analytics.Error, "2026-11-21T09:00:20Z", srv)
	errEv.City, errEv.Reason = "Paris", "decode"
	first := []analytics.Event{
		v2Night.ev("a0", analytics.AvailFilled, "2026-11-21T00:00:00Z", srv),
		v2Night.ev("a0", analytics.Impression, "2026-11-21T00:00:00Z", srv),
		v1Tv.ev("a1", analytics.AvailFilled, "2026-11-21T09:00:00Z", srv),
		v1Tv.ev("a1", analytics.Impression, "2026-11-21T09:00:01Z", srv),
		v1Tv.ev("a1", analytics.Start, "2026-11-21T09:00:01Z", srv),
		v1Tv.ev("a1", analytics.FirstQuartile, "2026-11-21T09:00:05Z", srv),
		v1Tv.ev("a1", analytics.Midpoint, "2026-11-21T09:00:08Z", srv),
		v1Tv.ev("a1", analytics.ThirdQuartile, "2026-11-21T09:00:12Z", srv),
		v1Tv.ev("a1", analytics.Complete, "2026-11-21T09:00:15Z", srv),
		v1Tv.ev("a1", analytics.Complete, "2026-11-21T09:00:16Z", cli), // duplicate in the same batch
		errEv,
		anonTv.ev("a3", analytics.Impression, "2026-11-21T10:00:00.5Z", cli), // loses to the server copy below
		v1Tv.ev("a9", analytics.Impression, "2026-11-20T23:59:59.999Z", srv), // before From
		v1Tv.ev("a9", analytics.Impression, "2026-11-23T00:00:00Z", cli),     // at To: excluded
		v1Other.ev("a1", analytics.AvailFilled, "2026-11-21T09:10:00Z", srv),
		v1Other.ev("a1", analytics.Impression, "2026-11-21T09:10:00Z", srv),
		{ID: "session-start-s1", Type: analytics.SessionStart, Time: mustTime("2026-11-21T08:59:00Z"),
			Source: srv, Session: "s1", Viewer: "v1", Stream: "news"},
	}
	// The two a9 impressions share an id: make the one at To its own event.
	first[13].ID += "-at-to"
	second := []analytics.Event{
		v1Tv.ev("a1", analytics.Impression, "2026-11-21T09:00:03Z", cli), // duplicate from the client
		v1Tv.ev("a2", analytics.AvailFilled, "2026-11-21T10:30:00Z", srv),
		v1Tv.ev("a2", analytics.Impression, "2026-11-21T10:30:01Z", srv),
		v1Tv.ev("a2", analytics.Start, "2026-11-21T10:30:01Z", srv),
		v1Tv.ev("a2", analytics.Complete, "2026-11-21T10:30:16Z", srv),
		v2Mobile.ev("a1", analytics.AvailFilled, "2026-11-21T09:20:00Z", srv),
		v2Mobile.ev("a1", analytics.Impression, "2026-11-21T09:20:01Z", cli),
		v2Mobile.ev("a1", analytics.Start, "2026-11-21T09:20:01Z", cli),
		anonTv.ev("a3", analytics.AvailFilled, "2026-11-21T09:59:59.999Z", srv),
		anonTv.ev("a3", analytics.Impression, "2026-11-21T09:59:59.999Z", srv),
		anonTv.ev("a3", analytics.Start, "2026-11-21T10:00:00.2Z", srv),
		anonTv.ev("a3", analytics.FirstQuartile, "2026-11-21T10:00:04Z", srv),
		anonTv.ev("a3", analytics.Midpoint, "2026-11-21T10:00:08Z", srv),
		anonTv.ev("a3", analytics.ThirdQuartile, "2026-11-21T10:00:11Z", srv),
		anonTv.ev("a3", analytics.Complete, "2026-11-21T10:00:15Z", srv),
		anonMob.ev("a5", analytics.AvailFilled, "2026-11-21T10:05:00Z", srv),
		v4Tv.ev("a4", analytics.AvailFilled, "2026-11-22T08:00:00Z", srv),
		v4Tv.ev("a4", analytics.Impression, "2026-11-22T08:00:01Z", srv),
		v4Tv.ev("a4", analytics.Start, "2026-11-22T08:00:01Z", srv),
	}
	return [][]analytics.Event{first, second, first} // the first batch is retried
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}
