package decision

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// walkWorld is a snapshot of n campaigns over three priorities, both
// pacings and a few goals, targeted at one of three cities, one of two
// devices or no one in particular, with some delivery counted.
func walkWorld(t *testing.T, n int) (*Engine, *Snapshot, int64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(5, 5))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := start.AddDate(0, 2, 0)
	cs := make([]campaign.Campaign, n)
	c := NewMemoryCounters()
	for i := range cs {
		cp := campaign.Campaign{
			ID: "w" + strconv.Itoa(i), AdvertiserID: "a" + strconv.Itoa(i),
			Start: start, End: start.AddDate(1, 0, 0),
			Priority:  []int{1, 3, 5}[rng.IntN(3)],
			Creatives: []campaign.Creative{{ID: "x" + strconv.Itoa(i), Duration: 15}},
		}
		if rng.IntN(3) == 0 {
			cp.Pacing = campaign.PacingASAP
		}
		if rng.IntN(2) == 0 {
			cp.ImpressionGoal = int64(100 + rng.IntN(1000))
		}
		switch rng.IntN(3) {
		case 0:
			cp.Targeting, _ = json.Marshal(map[string]any{"city": map[string]any{"in": []string{"c" + strconv.Itoa(rng.IntN(3))}}})
		case 1:
			cp.Targeting, _ = json.Marshal(map[string]any{"device": map[string]any{"in": []string{[]string{"tv", "mobile"}[rng.IntN(2)]}}})
		}
		cs[i] = cp
		for range rng.IntN(40) {
			_ = c.RecordImpression(cp.ID, [16]byte{}, [16]byte{1}, now.Add(-time.Hour))
		}
	}
	s, err := Compile(1, cs)
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(c)
	e.Update(s)
	return e, s, now.UnixNano()
}

// TestBoardOrder: ranks follow priority, then class, then position, and
// groups are exactly the runs of equal (priority, class).
func TestBoardOrder(t *testing.T) {
	e, s, now := walkWorld(t, 600)
	b := e.boardFor(s, now)
	classes := e.classify(s, now)
	key := func(r int) [3]int {
		pos := int(b.walk[r])
		return [3]int{-s.campaigns[pos].priority, int(classes[pos]), pos}
	}
	for r := 1; r < len(b.walk); r++ {
		if k0, k1 := key(r-1), key(r); slices.Compare(k0[:], k1[:]) >= 0 {
			t.Fatalf("rank %d %v before rank %d %v", r-1, k0, r, k1)
		}
		if sameGroup := key(r - 1)[0] == key(r)[0] && key(r - 1)[1] == key(r)[1]; sameGroup != (b.group[r-1] == b.group[r]) {
			t.Fatalf("ranks %d and %d: same group %v, groups %d %d", r-1, r, sameGroup, b.group[r-1], b.group[r])
		}
	}
	if len(b.groups) < 6 {
		t.Errorf("%d groups: the world should class campaigns apart", len(b.groups))
	}
}

// TestWalk: a walk yields every candidate the index offers exactly once,
// group by group in fill order, each group once round from its pivot.
func TestWalk(t *testing.T) {
	e, s, now := walkWorld(t, 600)
	b := e.boardFor(s, now)
	for _, ctx := range []campaign.Context{
		{City: "c0", Device: "mobile"}, {City: "c2"}, {Device: "tv"}, {},
	} {
		ids, _ := s.index.contextIDs(&ctx, nil)
		var want []int32
		for f := range numFields {
			if ids[f] != 0 {
				want = append(want, s.index.postings[f][ids[f]]...)
			}
		}
		want = append(want, s.index.open...)
		slices.Sort(want)
		pivots := map[int32]bool{}
		for seed := range uint64(50) {
			var w walker
			w.init(b, &ids, seed)
			if w.left != len(want) {
				t.Fatalf("%+v: %d to walk, want %d", ctx, w.left, len(want))
			}
			var got []int32
			var ranks []int32
			for {
				r, ok := w.peek()
				if !ok {
					break
				}
				if w.group != &b.groups[b.group[r]] {
					t.Fatalf("rank %d walked as group %+v", r, *w.group)
				}
				w.pop()
				ranks = append(ranks, r)
				got = append(got, b.walk[r])
			}
			if w.left != 0 {
				t.Fatalf("%d left after the walk", w.left)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("%+v seed %d: walked %d candidates, want %d", ctx, seed, len(got), len(want))
			}
			for i := 0; i < len(ranks); {
				g := b.group[ranks[i]]
				j := i
				for j < len(ranks) && b.group[ranks[j]] == g {
					j++
				}
				if !isRotation(ranks[i:j]) {
					t.Fatalf("group %d walked as %v", g, ranks[i:j])
				}
				if j < len(ranks) && b.group[ranks[j]] < g {
					t.Fatalf("group %d after group %d", b.group[ranks[j]], g)
				}
				if g == b.group[ranks[0]] {
					pivots[ranks[i]] = true
				}
				i = j
			}
		}
		if len(pivots) < 10 {
			t.Errorf("%+v: 50 seeds started the first group at %d candidates", ctx, len(pivots))
		}
	}
}

// isRotation: ascending, or ascending from some point, wrapping round to
// values below the first.
func isRotation(rs []int32) bool {
	descents := 0
	for i := 1; i < len(rs); i++ {
		if rs[i] < rs[i-1] {
			descents++
		}
	}
	return descents == 0 || descents == 1 && rs[len(rs)-1] < rs[0]
}

func TestSearchFrom(t *testing.T) {
	l := []int32{2, 4, 6, 8, 10, 12, 14, 16, 18}
	for v := int32(0); v < 21; v++ {
		want, _ := slices.BinarySearch(l, v)
		for n := range len(l) + 1 {
			w := min(want, n)
			if got := searchFrom(l[:n], v); got != w {
				t.Errorf("searchFrom(%v, %d) = %d, want %d", l[:n], v, got, w)
			}
		}
	}
}
