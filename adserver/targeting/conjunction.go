package targeting

import (
	"slices"
	"strconv"
	"strings"
)

// maxPropagation bounds the rounds of unit propagation over interests;
// past it the interests are assumed satisfiable.
const maxPropagation = 32

// conjunction gathers what one term of a rule demands of each field.
type conjunction struct {
	str [numStringFields]stringConstraint

	hours     uint32 // local hours still possible
	hourPreds []*predicate
	days      uint32 // weekdays still possible
	dayPreds  []*predicate

	interests interestConstraint
}

// stringConstraint: the value must be in allowed (when restricted) and in
// none of the forbidden lists. All lists are sorted.
type stringConstraint struct {
	restricted bool
	allowed    []string
	allowedBy  []*predicate // the in lists allowed is the intersection of
	forbidden  [][]string
	forbidBy   []*predicate // parallel to forbidden
}

// interestConstraint: every required interest present, no forbidden one,
// at least one of each anyOf list present, at least one of each notAll
// list absent.
type interestConstraint struct {
	required, forbidden [][]string
	anyOf, notAll       [][]string
	preds               []*predicate
}

// contradiction explains why no viewer satisfies every literal of t, or
// returns "" when one may.
func contradiction(t term) string {
	c := conjunction{hours: allHours, days: allDays}
	for _, l := range t {
		c.add(l)
	}
	return c.check()
}

func (c *conjunction) add(l literal) {
	p := l.pred
	switch {
	case p.field.isString():
		s := &c.str[p.field]
		if (p.op == opIn) == l.neg {
			s.forbidden = append(s.forbidden, p.set.list)
			s.forbidBy = append(s.forbidBy, p)
			return
		}
		s.allowedBy = append(s.allowedBy, p)
		if s.restricted {
			s.allowed = intersect(s.allowed, p.set.list)
		} else {
			s.restricted, s.allowed = true, p.set.list
		}
	case p.field == fieldLocalHour:
		c.hourPreds = append(c.hourPreds, p)
		c.hours &= complementIf(p.mask, allHours, l.neg)
	case p.field == fieldDayOfWeek:
		c.dayPreds = append(c.dayPreds, p)
		c.days &= complementIf(p.mask, allDays, (p.op == opNotIn) != l.neg)
	case p.field == fieldInterests:
		c.interests.add(p, l.neg)
	}
}

func complementIf(mask, all uint32, neg bool) uint32 {
	if neg {
		return all &^ mask
	}
	return mask
}

func (ic *interestConstraint) add(p *predicate, neg bool) {
	ic.preds = append(ic.preds, p)
	list := p.set.list
	switch {
	case p.op == opAny && !neg, p.op == opNone && neg:
		ic.anyOf = append(ic.anyOf, list)
	case p.op == opAny && neg, p.op == opNone && !neg:
		ic.forbidden = append(ic.forbidden, list)
	case p.op == opAll && !neg:
		ic.required = append(ic.required, list)
	default: // not all
		ic.notAll = append(ic.notAll, list)
	}
}

func (c *conjunction) check() string {
	for f := range c.str {
		s := &c.str[f]
		if !s.possible(field(f)) {
			return "no " + field(f).String() + " satisfies " + joinPaths(s.culprits(field(f)))
		}
	}
	if c.hours == 0 {
		return "no local hour satisfies " + joinPaths(c.hourPreds)
	}
	dp := &c.str[fieldDaypart]
	if dp.restricted || len(dp.forbidden) > 0 {
		var hours uint32
		for _, d := range dp.remaining(fieldDaypart) {
			hours |= daypartHours[d]
		}
		if c.hours&hours == 0 {
			return "no local hour satisfies " + joinPaths(append(slices.Clip(c.hourPreds), dp.culprits(fieldDaypart)...))
		}
	}
	if c.days == 0 {
		return "no day satisfies " + joinPaths(c.dayPreds)
	}
	if !c.interests.possible() {
		return "no set of interests satisfies " + joinPaths(c.interests.preds)
	}
	return ""
}

// culprits are the predicates that leave no value: the in lists and the
// not_in lists that forbid one of the values they (or a closed field)
// allow.
func (s *stringConstraint) culprits(f field) []*predicate {
	candidates := s.allowed
	if !s.restricted {
		candidates = f.enum()
	}
	out := slices.Clone(s.allowedBy)
	for i, list := range s.forbidden {
		if slices.ContainsFunc(candidates, func(v string) bool {
			_, found := slices.BinarySearch(list, v)
			return found
		}) {
			out = append(out, s.forbidBy[i])
		}
	}
	return out
}

// remaining lists the values still possible: the allowed ones, or those
// of a closed field's enum, that no list forbids.
func (s *stringConstraint) remaining(f field) []string {
	candidates := s.allowed
	if !s.restricted {
		candidates = f.enum()
	}
	var out []string
	for _, v := range candidates {
		if !inAny(s.forbidden, v) {
			out = append(out, v)
		}
	}
	return out
}

func (s *stringConstraint) possible(f field) bool {
	if !s.restricted && f.enum() == nil {
		return true // an open field always has a value nobody forbade
	}
	return len(s.remaining(f)) > 0
}

// possible runs unit propagation: an anyOf list with one candidate left
// forces it present, a notAll list with one candidate left forces it
// absent, until nothing changes or something must be both.
func (ic *interestConstraint) possible() bool {
	present := setOf(ic.required)
	absent := setOf(ic.forbidden)
	for round := 0; round < maxPropagation; round++ {
		for v := range present {
			if absent[v] {
				return false
			}
		}
		changed := false
		for _, list := range ic.anyOf {
			left, last := candidates(list, absent)
			if left == 0 {
				return false
			}
			if left == 1 && !present[last] {
				present[last] = true
				changed = true
			}
		}
		for _, list := range ic.notAll {
			left, last := candidates(list, present)
			if left == 0 {
				return false
			}
			if left == 1 && !absent[last] {
				absent[last] = true
				changed = true
			}
		}
		if !changed {
			return true
		}
	}
	return true
}

func setOf(lists [][]string) map[string]bool {
	set := make(map[string]bool)
	for _, list := range lists {
		for _, v := range list {
			set[v] = true
		}
	}
	return set
}

// candidates counts the values of list not in drop and returns one of them.
func candidates(list []string, drop map[string]bool) (n int, one string) {
	for _, v := range list {
		if !drop[v] {
			n, one = n+1, v
		}
	}
	return n, one
}

// inAny reports whether v is in one of the sorted lists.
func inAny(lists [][]string, v string) bool {
	for _, list := range lists {
		if _, ok := slices.BinarySearch(list, v); ok {
			return true
		}
	}
	return false
}

// intersect returns the values of sorted a also in sorted b.
func intersect(a, b []string) []string {
	var out []string
	for _, v := range a {
		if _, ok := slices.BinarySearch(b, v); ok {
			out = append(out, v)
		}
	}
	return out
}

// maxPaths bounds the paths one contradiction names.
const maxPaths = 4

// joinPaths names the predicates' paths once each, in document order:
// "a", "a and b", "a, b and c", "a, b, c, d and 7 others".
func joinPaths(preds []*predicate) string {
	preds = slices.Clone(preds)
	slices.SortFunc(preds, func(a, b *predicate) int { return a.seq - b.seq })
	preds = slices.Compact(preds)
	paths := make([]string, 0, maxPaths)
	for _, p := range preds[:min(len(preds), maxPaths)] {
		paths = append(paths, p.path)
	}
	switch {
	case len(preds) > maxPaths:
		return strings.Join(paths, ", ") + " and " + strconv.Itoa(len(preds)-maxPaths) + " others"
	case len(paths) <= 1:
		return strings.Join(paths, "")
	}
	return strings.Join(paths[:len(paths)-1], ", ") + " and " + paths[len(paths)-1]
}
