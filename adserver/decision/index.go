package decision

import "github.com/adstitch/adstitch/adserver/campaign"

// indexField is a context field the index can narrow on: a single value
// per viewer, so "the viewer's value is one of the rule's" is a lookup.
type indexField int

const (
	fieldCity indexField = iota
	fieldRegion
	fieldCountry
	fieldStream
	fieldGenre
	fieldDevice
	fieldDaypart
	numFields
)

// indexFields are the targeting.IndexKeys names, by indexField.
var indexFields = [numFields]string{"city", "region", "country", "stream", "genre", "device", "daypart"}

// fieldPrior is a floor for how many distinct values a field takes in
// traffic. Selectivity is estimated from the snapshot's own distinct
// values, but a field all campaigns target with one value (one stream,
// say) is not therefore unselective.
var fieldPrior = [numFields]int{500, 100, 50, 20, 10, 6, 4}

func (f indexField) value(c *campaign.Context) string {
	switch f {
	case fieldCity:
		return c.City
	case fieldRegion:
		return c.Region
	case fieldCountry:
		return c.Country
	case fieldStream:
		return c.Stream
	case fieldGenre:
		return c.Genre
	case fieldDevice:
		return c.Device
	default:
		return c.Daypart
	}
}

// index narrows a context to the campaigns it may match, and checks a
// candidate's indexed constraints without evaluating its rule.
//
// Every value a rule requires of an indexed field is interned per field
// (ids from 1; 0 = a value no rule requires). Each campaign is listed once:
// under the value ids of its most selective constrained field, or in open
// when its rule constrains none, so the candidates of a context are the
// union of one list per field plus open, without duplicates. Each
// campaign's constraints on all indexed fields are kept as sorted id sets
// in one arena: checking them is a few integer comparisons. The pacing
// board keeps a copy of the lists renumbered in fill order (board.go).
type index struct {
	ids      [numFields]map[string]uint32 // folded value -> id
	postings [numFields][][]int32         // by value id: positions, ascending
	open     []int32
	// arena holds each campaign's constraints back to back: a header
	// (field<<24 | count) then count ids, ascending.
	arena []uint32
}

// contextIDs are a context's value id per indexed field.
type contextIDs [numFields]uint32

// buildIndex indexes keys[pos] (targeting.Rule.IndexKeys, nil = no rule)
// and returns each campaign's constraints as an arena span.
func buildIndex(keys []map[string][]string) (index, []span) {
	var ix index
	var buf []byte
	for f := range numFields {
		ix.ids[f] = map[string]uint32{}
		ix.postings[f] = [][]int32{nil} // id 0: no campaign
	}
	// Intern every required value, per campaign in field order, ids
	// deduplicated.
	sets := make([][numFields][]uint32, len(keys))
	for pos, k := range keys {
		for f, name := range indexFields {
			vs, ok := k[name]
			if !ok {
				continue
			}
			set := make([]uint32, 0, len(vs))
			for _, v := range vs {
				buf = appendFold(buf[:0], v)
				id, ok := ix.ids[f][string(buf)]
				if !ok {
					id = uint32(len(ix.ids[f]) + 1)
					ix.ids[f][string(buf)] = id
					ix.postings[f] = append(ix.postings[f], nil)
				}
				set = insertSorted(set, id)
			}
			sets[pos][f] = set
		}
	}
	spans := make([]span, len(keys))
	for pos := range keys {
		best, bestSel := indexField(-1), 2.0
		start := len(ix.arena)
		for f := range numFields {
			set := sets[pos][f]
			if set == nil {
				continue
			}
			ix.arena = append(ix.arena, uint32(f)<<24|uint32(len(set)))
			ix.arena = append(ix.arena, set...)
			sel := float64(len(set)) / float64(max(len(ix.ids[f]), fieldPrior[f]))
			if sel < bestSel {
				best, bestSel = indexField(f), sel
			}
		}
		spans[pos] = span{start: uint32(start), end: uint32(len(ix.arena))}
		if best < 0 {
			ix.open = append(ix.open, int32(pos))
			continue
		}
		// A field required with no values matches no one: such a campaign
		// is listed nowhere and never a candidate.
		for _, id := range sets[pos][best] {
			ix.postings[best][id] = append(ix.postings[best][id], int32(pos))
		}
	}
	return ix, spans
}

// span is a campaign's constraints in the index arena.
type span struct{ start, end uint32 }

func insertSorted(s []uint32, v uint32) []uint32 {
	i := len(s)
	for i > 0 && s[i-1] >= v {
		if s[i-1] == v {
			return s
		}
		i--
	}
	s = append(s, 0)
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

// contextIDs returns the context's value id per indexed field (0 = a
// value no rule requires). buf is scratch for folding; the grown buffer
// is returned for reuse.
func (ix *index) contextIDs(c *campaign.Context, buf []byte) (contextIDs, []byte) {
	var ids contextIDs
	for f := range numFields {
		if len(ix.ids[f]) == 0 {
			continue
		}
		buf = appendFold(buf[:0], f.value(c))
		ids[f] = ix.ids[f][string(buf)]
	}
	return ids, buf
}

// candidateLists are the lists one context draws from: one per indexed
// field plus open, disjoint, each ascending.
type candidateLists [numFields + 1][]int32

// satisfies reports whether the context's ids meet every indexed
// constraint in sp.
func (ix *index) satisfies(sp span, ids *contextIDs) bool {
	a := ix.arena[sp.start:sp.end]
	for len(a) > 0 {
		f, n := a[0]>>24, a[0]&(1<<24-1)
		set := a[1 : 1+n]
		a = a[1+n:]
		want := ids[f]
		found := false
		for _, id := range set {
			if id >= want {
				found = id == want
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
