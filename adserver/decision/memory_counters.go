package decision

import (
	"encoding/binary"
	"hash/maphash"
	"sync"
	"time"
)

const memoryShards = 32 // a power of two

// memoryCounters keeps counts in process.
//
// Campaign counts (total, today, yesterday) are one record per campaign,
// bounded by the number of campaigns. Viewer and session counts are per
// member (viewer or session id): a map of campaign counts per member, in
// per-day generations; a shard keeps its newest two days, so memory is
// bounded by two days of keys. A session's count is the sum of both
// generations, so sessions that run over midnight keep their count.
//
// Everything is sharded by a hash of the campaign or member, so beacons
// and decisions rarely share a lock, and ReadBatch takes one lock for all
// of a viewer's counts and one for a session's.
type memoryCounters struct {
	seed      maphash.Seed
	days      dayCache
	campaigns [memoryShards]campaignShard
	viewers   [memoryShards]memberShard
	sessions  [memoryShards]memberShard
}

type campaignShard struct {
	mu sync.RWMutex
	m  map[string]campaignCount
	_  [64]byte // keep neighbouring shards' locks off one cache line
}

type campaignCount struct {
	total     int64
	day, prev dayCount
}

// dayCount is a count on one day (yyyymmdd).
type dayCount struct {
	day uint32
	n   int64
}

type memberShard struct {
	mu        sync.RWMutex
	cur, prev memberGen
	_         [64]byte
}

// memberGen is one UTC day of members' counts: member -> campaign -> n.
type memberGen struct {
	day uint32
	m   map[[16]byte]map[string]int64
}

// NewMemoryCounters returns counters held in this process only: caps are
// per instance. Use NewRedisCounters to share them between instances.
// The result also implements BatchReader.
func NewMemoryCounters() Counters {
	m := &memoryCounters{seed: maphash.MakeSeed()}
	for i := range m.campaigns {
		m.campaigns[i].m = map[string]campaignCount{}
	}
	return m
}

func (m *memoryCounters) campaignShard(id string) *campaignShard {
	return &m.campaigns[maphash.String(m.seed, id)&(memoryShards-1)]
}

func memberShardOf(shards *[memoryShards]memberShard, id *[16]byte) *memberShard {
	// Member ids are random (session ids) or hashes (viewer ids).
	return &shards[binary.LittleEndian.Uint32(id[:4])&(memoryShards-1)]
}

// parseDay turns "2006-01-02" into 20060102; 0 when malformed.
func parseDay(s string) uint32 {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0
	}
	var n uint32
	for i := range 10 {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i] - '0'
		if c > 9 {
			return 0
		}
		n = n*10 + uint32(c)
	}
	return n
}

func (c *campaignCount) on(day uint32) int64 {
	switch day {
	case 0:
		return 0
	case c.day.day:
		return c.day.n
	case c.prev.day:
		return c.prev.n
	}
	return 0
}

// gen is the generation holding day, nil when none does.
func (s *memberShard) gen(day uint32) *memberGen {
	switch {
	case day == 0:
		return nil
	case s.cur.day == day:
		return &s.cur
	case s.prev.day == day:
		return &s.prev
	}
	return nil
}

// genForWrite is the generation for day, rotating when day is newer than
// the newest; nil when day is older than both (a very late beacon).
func (s *memberShard) genForWrite(day uint32) *memberGen {
	if g := s.gen(day); g != nil {
		return g
	}
	if day < s.cur.day {
		return nil
	}
	s.prev = s.cur
	s.cur = memberGen{day: day, m: map[[16]byte]map[string]int64{}}
	return &s.cur
}

func (s *memberShard) add(day uint32, member *[16]byte, campaignID string) {
	s.mu.Lock()
	if g := s.genForWrite(day); g != nil {
		counts := g.m[*member]
		if counts == nil {
			counts = map[string]int64{}
			g.m[*member] = counts
		}
		counts[campaignID]++
	}
	s.mu.Unlock()
}

func (m *memoryCounters) CampaignTotal(campaignID string) int64 {
	s := m.campaignShard(campaignID)
	s.mu.RLock()
	n := s.m[campaignID].total
	s.mu.RUnlock()
	return n
}

func (m *memoryCounters) CampaignDay(campaignID string, day string) int64 {
	s := m.campaignShard(campaignID)
	s.mu.RLock()
	c := s.m[campaignID]
	s.mu.RUnlock()
	return c.on(parseDay(day))
}

func (m *memoryCounters) ViewerDay(campaignID string, viewer [16]byte, day string) int64 {
	s := memberShardOf(&m.viewers, &viewer)
	var n int64
	s.mu.RLock()
	if g := s.gen(parseDay(day)); g != nil {
		n = g.m[viewer][campaignID]
	}
	s.mu.RUnlock()
	return n
}

func (m *memoryCounters) SessionCount(campaignID string, session [16]byte) int64 {
	s := memberShardOf(&m.sessions, &session)
	s.mu.RLock()
	n := s.cur.m[session][campaignID] + s.prev.m[session][campaignID]
	s.mu.RUnlock()
	return n
}

// ReadBatch reads a decision's counts with one lock per campaign and one
// for the viewer's and the session's counts each.
func (m *memoryCounters) ReadBatch(b *Batch) error {
	day := parseDay(b.Day)
	var want Want
	for i := range b.Items {
		it := &b.Items[i]
		want |= it.Want
		if it.Want&(WantTotal|WantDay) != 0 {
			s := m.campaignShard(it.CampaignID)
			s.mu.RLock()
			c := s.m[it.CampaignID]
			s.mu.RUnlock()
			it.Total, it.Day = c.total, c.on(day)
		}
	}
	if want&WantViewerDay != 0 {
		s := memberShardOf(&m.viewers, &b.Viewer)
		s.mu.RLock()
		var counts map[string]int64
		if g := s.gen(day); g != nil {
			counts = g.m[b.Viewer]
		}
		for i := range b.Items {
			if it := &b.Items[i]; it.Want&WantViewerDay != 0 {
				it.ViewerDay = counts[it.CampaignID]
			}
		}
		s.mu.RUnlock()
	}
	if want&WantSession != 0 {
		s := memberShardOf(&m.sessions, &b.Session)
		s.mu.RLock()
		cur, prev := s.cur.m[b.Session], s.prev.m[b.Session]
		for i := range b.Items {
			if it := &b.Items[i]; it.Want&WantSession != 0 {
				it.Session = cur[it.CampaignID] + prev[it.CampaignID]
			}
		}
		s.mu.RUnlock()
	}
	return nil
}

// RecordImpression counts one impression of campaignID at time at. A zero
// viewer (anonymous) counts toward the session only.
func (m *memoryCounters) RecordImpression(campaignID string, viewer, session [16]byte, at time.Time) error {
	day := parseDay(m.days.day(at).key)
	s := m.campaignShard(campaignID)
	s.mu.Lock()
	c := s.m[campaignID]
	c.total++
	switch {
	case day == c.day.day:
		c.day.n++
	case day > c.day.day:
		c.prev, c.day = c.day, dayCount{day: day, n: 1}
	case day == c.prev.day:
		c.prev.n++
	}
	s.m[campaignID] = c
	s.mu.Unlock()
	if viewer != [16]byte{} {
		memberShardOf(&m.viewers, &viewer).add(day, &viewer, campaignID)
	}
	memberShardOf(&m.sessions, &session).add(day, &session, campaignID)
	return nil
}
