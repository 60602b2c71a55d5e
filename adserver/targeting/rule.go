package targeting

// Rule is a compiled targeting rule. It is immutable and safe for
// concurrent use. The zero Rule, like a nil *Rule, matches everyone.
type Rule struct {
	root *node // nil: no targeting
}

type kind uint8

const (
	kindAll kind = iota + 1
	kindAny
	kindNot
	kindPred
)

// node is one rule node: a combinator over kids, or a predicate.
type node struct {
	kind kind
	kids []node // all, any: the operands; not: exactly one
	pred predicate
}

// predicate tests one field of the context.
type predicate struct {
	field field
	op    op
	path  string   // where it sits in the rule, for Satisfiable's reasons
	seq   int      // its rank in the document, to list paths in order
	set   valueSet // string fields and interests
	mask  uint32   // local_hour (bit h) and day_of_week (bit time.Weekday)
	from  int      // local_hour between: the bounds as written
	to    int
}
