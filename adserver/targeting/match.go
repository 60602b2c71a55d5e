package targeting

import "github.com/adstitch/adstitch/adserver/campaign"

// Match reports whether the viewer in c is targeted. It does not allocate.
// A nil c is an empty context.
func (r *Rule) Match(c *campaign.Context) bool {
	if r == nil || r.root == nil {
		return true
	}
	if c == nil {
		var empty campaign.Context
		return r.root.match(&empty)
	}
	return r.root.match(c)
}

func (n *node) match(c *campaign.Context) bool {
	switch n.kind {
	case kindAll:
		for i := range n.kids {
			if !n.kids[i].match(c) {
				return false
			}
		}
		return true
	case kindAny:
		for i := range n.kids {
			if n.kids[i].match(c) {
				return true
			}
		}
		return false
	case kindNot:
		return !n.kids[0].match(c)
	}
	return n.pred.match(c)
}

func (p *predicate) match(c *campaign.Context) bool {
	switch p.field {
	case fieldLocalHour:
		return uint(c.LocalHour) < 24 && p.mask&(1<<uint(c.LocalHour)) != 0
	case fieldDayOfWeek:
		in := uint(c.Weekday) < 7 && p.mask&(1<<uint(c.Weekday)) != 0
		return in == (p.op == opIn)
	case fieldInterests:
		switch p.op {
		case opAny:
			return p.set.containsAny(c.Interests)
		case opAll:
			return p.set.within(c.Interests)
		}
		return !p.set.containsAny(c.Interests) // none
	}
	return p.set.contains(p.field.value(c)) == (p.op == opIn)
}
