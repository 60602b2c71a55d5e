package kafka

import (
	"slices"
	"testing"
	"time"
)

// TestStallWatch feeds polls (one partition unless said otherwise) a
// second apart and checks which partitions each poll reports stalled,
// with after = 3 s and maxGap = 5 s.
func TestStallWatch(t *testing.T) {
	type poll struct {
		at      time.Duration // since the first poll
		offsets []partitionOffsets
		restart time.Duration // if set, restartAt(start+restart) after this poll
		want    []int
	}
	p := func(part int, first, next, committed int64) partitionOffsets {
		return partitionOffsets{partition: part, first: first, next: next, committed: committed}
	}
	s := time.Second
	cases := []struct {
		name  string
		polls []poll
	}{
		{"records wait, nothing committed", []poll{
			{at: 0, offsets: []partitionOffsets{p(0, 0, 10, 5)}},
			{at: 2 * s, offsets: []partitionOffsets{p(0, 0, 12, 5)}},
			{at: 3 * s, offsets: []partitionOffsets{p(0, 0, 12, 5)}, want: []int{0}},
			{at: 4 * s, offsets: []partitionOffsets{p(0, 0, 12, 5)}, want: []int{0}},
		}},
		{"commits keep moving", []poll{
			{at: 0, offsets: []partitionOffsets{p(0, 0, 10, 5)}},
			{at: 2 * s, offsets: []partitionOffsets{p(0, 0, 20, 6)}},
			{at: 4 * s, offsets: []partitionOffsets{p(0, 0, 30, 7)}},
			{at: 6 * s, offsets: []partitionOffsets{p(0, 0, 40, 8)}},
		}},
		{"caught up: nothing waits", []poll{
			{at: 0, offsets: []partitionOffsets{p(0, 0, 10, 10)}},
			{at: 4 * s, offsets: []partitionOffsets{p(0, 0, 10, 10)}},
		}},
		{"empty partition, never committed", []poll{
			{at: 0, offsets: []partitionOffsets{p(0, 7, 7, -1)}},
			{at: 4 * s, offsets: []partitionOffsets{p(0, 7, 7, -1)}},
		}},
		{"never committed, records wait", []poll{
			{at: 0, offsets: []partitionOffsets{p(0, 0, 3, -1)}},
			{at: 3 * s, offsets: []partitionOffsets{p(0, 0, 3, -1)}, want: []int{0}},
		}},
		{"retention passed the commit: counts from the log start", []poll{
			{at: 0, offsets: []partitionOffsets{p(0, 50, 50, 10)}},
			{at: 4 * s, offsets: []partitionOffsets{p(0, 50, 50, 10)}},
		}},
		{"records arrive after a quiet spell: the clock starts then", []poll{
			{at: 0, offsets: []partitionOffsets{p(0, 0, 5, 5)}},
			{at: 4 * s, offsets: []partitionOffsets{p(0, 0, 9, 5)}},
			{at: 6 * s, offsets: []partitionOffsets{p(0, 0, 9, 5)}},
			{at: 7 * s, offsets: []partitionOffsets{p(0, 0, 9, 5)}, want: []int{0}},
		}},
		{"a poll gap (the loader was busy) restarts the clocks", []poll{
			{at: 0, offsets: []partitionOffsets{p(0, 0, 10, 5)}},
			{at: 6 * s, offsets: []partitionOffsets{p(0, 0, 10, 5)}},
			{at: 8 * s, offsets: []partitionOffsets{p(0, 0, 10, 5)}},
			{at: 9 * s, offsets: []partitionOffsets{p(0, 0, 10, 5)}, want: []int{0}},
		}},
		{"restart in the future: no stall before it plus after", []poll{
			{at: 0, offsets: []partitionOffsets{p(0, 0, 10, 5)}},
			{at: 3 * s, offsets: []partitionOffsets{p(0, 0, 10, 5)}, restart: 5 * s, want: []int{0}},
			{at: 5 * s, offsets: []partitionOffsets{p(0, 0, 10, 5)}},
			{at: 7 * s, offsets: []partitionOffsets{p(0, 0, 10, 5)}},
			{at: 8 * s, offsets: []partitionOffsets{p(0, 0, 10, 5)}, want: []int{0}},
		}},
		{"only the stuck partitions, in poll order", []poll{
			{at: 0, offsets: []partitionOffsets{p(2, 0, 10, 5), p(0, 0, 10, 5), p(1, 0, 10, 5)}},
			{at: 2 * s, offsets: []partitionOffsets{p(2, 0, 10, 5), p(0, 0, 10, 6), p(1, 0, 10, 5)}},
			{at: 4 * s, offsets: []partitionOffsets{p(2, 0, 10, 5), p(0, 0, 10, 7), p(1, 0, 10, 5)}, want: []int{2, 1}},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := newStallWatch(3*s, 5*s)
			start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
			for i, pl := range tc.polls {
				got := w.observe(start.Add(pl.at), pl.offsets)
				if !slices.Equal(got, pl.want) {
					t.Errorf("poll %d at %s: stalled %v, want %v", i, pl.at, got, pl.want)
				}
				if pl.restart != 0 {
					w.restartAt(start.Add(pl.restart))
				}
			}
		})
	}
}
