package decision_test

import (
	"io"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/decision"
)

// countQuery is one read and its expected count.
type countQuery struct {
	what     string // total | day | viewer | session
	campaign string
	member   [16]byte // viewer or session
	day      string
	want     int64
}

var (
	today     = decision.DayKey(now)
	yesterday = decision.DayKey(now.Add(-24 * time.Hour))
	viewer2   = [16]byte{1, 2}
)

// countersCases drive both implementations: in-process and Redis.
var countersCases = []struct {
	name    string
	records []impressions
	queries []countQuery
}{
	{
		name: "nothing counted",
		queries: []countQuery{
			{what: "total", campaign: "a"},
			{what: "day", campaign: "a", day: today},
			{what: "viewer", campaign: "a", member: viewer1, day: today},
			{what: "session", campaign: "a", member: session1},
		},
	},
	{
		name: "one viewer, one session, two campaigns",
		records: []impressions{
			{campaign: "a", n: 3, viewer: viewer1, session: session1},
			{campaign: "b", n: 1, viewer: viewer1, session: session1},
		},
		queries: []countQuery{
			{what: "total", campaign: "a", want: 3},
			{what: "total", campaign: "b", want: 1},
			{what: "day", campaign: "a", day: today, want: 3},
			{what: "viewer", campaign: "a", member: viewer1, day: today, want: 3},
			{what: "viewer", campaign: "b", member: viewer1, day: today, want: 1},
			{what: "viewer", campaign: "a", member: viewer2, day: today},
			{what: "session", campaign: "a", member: session1, want: 3},
			{what: "session", campaign: "a", member: session2},
		},
	},
	{
		name: "days: totals and sessions span them, day counts do not",
		records: []impressions{
			{campaign: "a", n: 2, viewer: viewer1, session: session1, at: now.Add(-24 * time.Hour)},
			{campaign: "a", n: 1, viewer: viewer1, session: session1, at: now},
		},
		queries: []countQuery{
			{what: "total", campaign: "a", want: 3},
			{what: "day", campaign: "a", day: today, want: 1},
			{what: "day", campaign: "a", day: yesterday, want: 2},
			{what: "viewer", campaign: "a", member: viewer1, day: today, want: 1},
			{what: "viewer", campaign: "a", member: viewer1, day: yesterday, want: 2},
			{what: "session", campaign: "a", member: session1, want: 3},
		},
	},
	{
		name: "anonymous viewer counts toward the session only",
		records: []impressions{
			{campaign: "a", n: 2, session: session2},
		},
		queries: []countQuery{
			{what: "total", campaign: "a", want: 2},
			{what: "viewer", campaign: "a", day: today},
			{what: "session", campaign: "a", member: session2, want: 2},
		},
	},
	{
		name: "campaign ids with separators do not collide",
		records: []impressions{
			{campaign: "x:y", n: 1, viewer: viewer1, session: session1},
			{campaign: "x", n: 2, viewer: viewer1, session: session1},
		},
		queries: []countQuery{
			{what: "total", campaign: "x:y", want: 1},
			{what: "total", campaign: "x", want: 2},
			{what: "session", campaign: "x:y", member: session1, want: 1},
		},
	},
	{
		name:    "malformed day reads zero",
		records: []impressions{{campaign: "a", n: 1, viewer: viewer1, session: session1}},
		queries: []countQuery{
			{what: "day", campaign: "a", day: "yesterday"},
			{what: "viewer", campaign: "a", member: viewer1, day: ""},
		},
	},
}

func TestMemoryCounters(t *testing.T) {
	for _, tc := range countersCases {
		t.Run(tc.name, func(t *testing.T) {
			c := decision.NewMemoryCounters()
			record(t, c, tc.records)
			checkCounts(t, c, tc.queries)
		})
	}
}

func TestRedisCounters(t *testing.T) {
	srv := startRedis(t)
	c, err := decision.NewRedisCounters(srv.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.(io.Closer).Close()
	for _, tc := range countersCases {
		t.Run(tc.name, func(t *testing.T) {
			srv.flush(t)
			record(t, c, tc.records)
			checkCounts(t, c, tc.queries)
		})
	}
}

// checkCounts asks every query through the Counters methods and, all at
// once, through ReadBatch: both must agree with the table.
func checkCounts(t *testing.T, c decision.Counters, qs []countQuery) {
	t.Helper()
	for _, q := range qs {
		var got int64
		switch q.what {
		case "total":
			got = c.CampaignTotal(q.campaign)
		case "day":
			got = c.CampaignDay(q.campaign, q.day)
		case "viewer":
			got = c.ViewerDay(q.campaign, q.member, q.day)
		case "session":
			got = c.SessionCount(q.campaign, q.member)
		}
		if got != q.want {
			t.Errorf("%s %s %x %s: %d, want %d", q.what, q.campaign, q.member[:2], q.day, got, q.want)
		}
	}
	br, ok := c.(decision.BatchReader)
	if !ok {
		t.Fatal("counters do not read in batches")
	}
	for _, q := range qs {
		b := decision.Batch{Day: q.day, Viewer: q.member, Session: q.member}
		b.Items = []decision.BatchItem{{CampaignID: "unrelated", Want: decision.WantTotal}, {CampaignID: q.campaign}}
		it := &b.Items[1]
		var got *int64
		switch q.what {
		case "total":
			it.Want, got = decision.WantTotal, &it.Total
		case "day":
			it.Want, got = decision.WantDay, &it.Day
		case "viewer":
			it.Want, got = decision.WantViewerDay, &it.ViewerDay
		case "session":
			it.Want, got = decision.WantSession, &it.Session
		}
		if err := br.ReadBatch(&b); err != nil {
			t.Fatal(err)
		}
		if *got != q.want {
			t.Errorf("batch %s %s %x %s: %d, want %d", q.what, q.campaign, q.member[:2], q.day, *got, q.want)
		}
	}
}

// TestMemoryCountersBounded: a shard keeps two days; older day counts are
// dropped while totals stay.
func TestMemoryCountersBounded(t *testing.T) {
	c := decision.NewMemoryCounters()
	for d := range 3 {
		record(t, c, []impressions{{campaign: "a", n: 1, viewer: viewer1, session: session1, at: now.Add(time.Duration(d-2) * 24 * time.Hour)}})
	}
	twoDaysAgo := decision.DayKey(now.Add(-48 * time.Hour))
	checkCounts(t, c, []countQuery{
		{what: "total", campaign: "a", want: 3},
		{what: "day", campaign: "a", day: twoDaysAgo},
		{what: "day", campaign: "a", day: yesterday, want: 1},
		{what: "day", campaign: "a", day: today, want: 1},
		{what: "viewer", campaign: "a", member: viewer1, day: twoDaysAgo},
		{what: "session", campaign: "a", member: session1, want: 2},
	})
	// A beacon older than both kept days counts toward the total only.
	record(t, c, []impressions{{campaign: "a", n: 1, viewer: viewer1, session: session1, at: now.Add(-72 * time.Hour)}})
	checkCounts(t, c, []countQuery{
		{what: "total", campaign: "a", want: 4},
		{what: "session", campaign: "a", member: session1, want: 2},
	})
}

func TestNewRedisCountersUnreachable(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:1", "redis://127.0.0.1:1/0", "redis://%zz"} {
		if _, err := decision.NewRedisCounters(addr); err == nil {
			t.Errorf("%s: no error", addr)
		}
	}
}
