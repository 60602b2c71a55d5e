package targeting

// indexAbove is the set size from which lookups go through a map instead
// of a linear scan.
const indexAbove = 16

// maxIndexedLen bounds the context values looked up in a set's map: they
// are lower-cased into a stack buffer of this size. Longer ones are
// compared one by one.
const maxIndexedLen = 128

// valueSet is a predicate's list of lower-cased strings, sorted and
// without duplicates. Read-only after Parse.
type valueSet struct {
	list  []string
	index map[string]struct{} // set when len(list) > indexAbove
}

func newValueSet(sorted []string) valueSet {
	s := valueSet{list: sorted}
	if len(sorted) > indexAbove {
		s.index = make(map[string]struct{}, len(sorted))
		for _, v := range sorted {
			s.index[v] = struct{}{}
		}
	}
	return s
}

// contains reports whether strings.ToLower(v) is in s, without allocating.
func (s *valueSet) contains(v string) bool {
	if s.index != nil {
		var buf [maxIndexedLen]byte
		if lv, ok := lowerInto(buf[:], v); ok {
			_, hit := s.index[string(lv)]
			return hit
		}
	}
	for _, w := range s.list {
		if equalLower(v, w) {
			return true
		}
	}
	return false
}

// containsAny reports whether one of vs is in s.
func (s *valueSet) containsAny(vs []string) bool {
	for _, v := range vs {
		if s.contains(v) {
			return true
		}
	}
	return false
}

// within reports whether every value of s is one of vs.
func (s *valueSet) within(vs []string) bool {
	for _, w := range s.list {
		found := false
		for _, v := range vs {
			if equalLower(v, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
