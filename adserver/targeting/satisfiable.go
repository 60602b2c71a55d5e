package targeting

import (
	"slices"
	"strconv"
	"strings"
)

// maxTerms caps the disjunctive normal form Satisfiable expands a rule
// into; past it the rule is assumed satisfiable.
const maxTerms = 256

// maxReasons bounds how many contradictions one error explains.
const maxReasons = 3

// maxWork bounds the predicate values Satisfiable looks at over all the
// conjunctions it checks; past it the rule is assumed satisfiable. It
// keeps a rule of 1000 nodes with 1000 values each from costing seconds.
const maxWork = 1 << 22

// Satisfiable returns nil, or an error wrapping ErrUnsatisfiable that
// explains why no viewer can ever match the rule. It pushes negations down
// to the predicates, expands the rule into a disjunction of conjunctions
// (dropping contradictory conjunctions as it goes, capped at 256) and
// checks each conjunction field by field; see conjunction. It is sound
// (a rule some viewer matches always passes) but not complete: a rule
// whose expansion exceeds the cap or the work budget, or whose
// contradiction needs more than unit propagation over interests, passes.
//
// It assumes a context as sessions build it: device is one of tv, mobile,
// desktop, tablet, console, other and daypart is analytics.Daypart of the
// local hour.
func (r *Rule) Satisfiable() error {
	if r == nil || r.root == nil {
		return nil
	}
	var s solver
	terms, complete := s.dnf(r.root, false)
	if !complete || s.exhausted || len(terms) > 0 {
		return nil
	}
	msg := "can never match: " + strings.Join(s.reasons, "; ")
	if s.more > 0 {
		msg += "; and " + strconv.Itoa(s.more) + " more contradictions"
	}
	return &Error{Path: rootPath, Msg: msg, kind: ErrUnsatisfiable}
}

// literal is a predicate, possibly negated.
type literal struct {
	pred *predicate
	neg  bool
}

// asLiteral sees through the nots above a predicate.
func asLiteral(n *node, neg bool) (literal, bool) {
	for n.kind == kindNot {
		n, neg = &n.kids[0], !neg
	}
	return literal{pred: &n.pred, neg: neg}, n.kind == kindPred
}

// term is a conjunction of literals.
type term []literal

// solver expands a rule into its satisfiable terms and remembers why the
// others were dropped.
type solver struct {
	reasons   []string
	more      int
	work      int  // predicate values looked at so far
	exhausted bool // work went past maxWork: terms were kept unchecked
}

// dnf returns the non-contradictory terms n (negated when neg) expands
// to; complete is false when the expansion went past maxTerms or the
// work budget.
func (s *solver) dnf(n *node, neg bool) (terms []term, complete bool) {
	if s.exhausted {
		return nil, false
	}
	if l, ok := asLiteral(n, neg); ok {
		t := term{l}
		if s.consistent(t) {
			return []term{t}, true
		}
		return nil, true
	}
	if n.kind == kindNot {
		return s.dnf(&n.kids[0], !neg)
	}
	if (n.kind == kindAll) != neg {
		return s.conjoin(n.kids, neg)
	}
	for i := range n.kids {
		kt, ok := s.dnf(&n.kids[i], neg)
		if terms = append(terms, kt...); !ok || len(terms) > maxTerms {
			return nil, false
		}
	}
	return terms, true
}

// conjoin expands the conjunction of kids. The predicates among them form
// one base term, checked once (a flat "all" of n predicates costs n, not
// n²); the other operands multiply it, keeping the consistent products.
func (s *solver) conjoin(kids []node, neg bool) ([]term, bool) {
	var base term
	var rest []*node
	for i := range kids {
		if l, ok := asLiteral(&kids[i], neg); ok {
			base = append(base, l)
		} else {
			rest = append(rest, &kids[i])
		}
	}
	if !s.consistent(base) {
		return nil, true
	}
	acc := []term{base}
	overflow := false
	for _, kid := range rest {
		kt, ok := s.dnf(kid, neg)
		if ok && len(kt) == 0 {
			return nil, true // this operand alone can never hold
		}
		if !ok || overflow {
			overflow = true
			continue // keep looking for an operand that can never hold
		}
		acc, overflow = s.product(acc, kt)
		if !overflow && len(acc) == 0 {
			return nil, true
		}
	}
	if overflow {
		return nil, false
	}
	return acc, true
}

// product returns the consistent conjunctions of a term of acc and one of
// kt; overflow when there are more than maxTerms.
func (s *solver) product(acc, kt []term) (next []term, overflow bool) {
	for _, a := range acc {
		for _, k := range kt {
			t := append(slices.Clip(a), k...)
			if !s.consistent(t) {
				continue
			}
			if next = append(next, t); len(next) > maxTerms {
				return nil, true
			}
		}
	}
	return next, false
}

// consistent reports whether some viewer may satisfy t. When none can, it
// records why, explained on the shortest contradictory prefix of t.
func (s *solver) consistent(t term) bool {
	if !s.charge(t) || contradiction(t) == "" {
		return true
	}
	lo, hi := 1, len(t) // t[:hi] is contradictory
	for lo < hi {
		mid := (lo + hi) / 2
		if s.charge(t[:mid]) && contradiction(t[:mid]) != "" {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	s.record(contradiction(t[:hi]))
	return false
}

// charge counts the work of checking t; false once past the budget.
func (s *solver) charge(t term) bool {
	for _, l := range t {
		s.work += 1 + len(l.pred.set.list)
	}
	if s.work > maxWork {
		s.exhausted = true
	}
	return !s.exhausted
}

func (s *solver) record(reason string) {
	switch {
	case slices.Contains(s.reasons, reason):
	case len(s.reasons) < maxReasons:
		s.reasons = append(s.reasons, reason)
	default:
		s.more++
	}
}
