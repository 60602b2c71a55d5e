package targeting

import "slices"

// IndexKeys returns, for the fields the decision index files campaigns
// under (city, country, region, device, stream, genre, daypart), the
// lower-cased values a viewer must have for the rule to match. They come
// from "in" predicates (or "not" of "not_in") that are the whole rule or
// conjuncts of the top-level "all", nested "all"s included; several on one
// field intersect. An absent field is unconstrained; an empty, non-nil
// list means no value can match. The map is the caller's to keep.
func (r *Rule) IndexKeys() map[string][]string {
	keys := make(map[string][]string)
	if r == nil || r.root == nil {
		return keys
	}
	var walk func(n *node)
	walk = func(n *node) {
		if n.kind == kindAll {
			for i := range n.kids {
				walk(&n.kids[i])
			}
			return
		}
		l, ok := asLiteral(n, false)
		if !ok || !l.pred.field.isString() || (l.pred.op == opIn) == l.neg {
			return
		}
		name, list := l.pred.field.String(), l.pred.set.list
		if have, ok := keys[name]; ok {
			keys[name] = intersect(have, list)
			if keys[name] == nil {
				keys[name] = []string{}
			}
			return
		}
		keys[name] = slices.Clone(list)
	}
	walk(r.root)
	return keys
}
