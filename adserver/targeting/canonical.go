package targeting

import (
	"encoding/json"
	"strconv"
)

// String returns the rule as canonical JSON: the structure as written,
// value lists lower-cased, sorted (days Monday first, hours ascending) and
// without duplicates, no spaces. null for a rule that matches everyone.
// Parse(String()) returns an equal rule.
func (r *Rule) String() string {
	if r == nil || r.root == nil {
		return "null"
	}
	return string(r.root.appendJSON(nil))
}

// MarshalJSON writes the canonical JSON of String.
func (r *Rule) MarshalJSON() ([]byte, error) {
	return []byte(r.String()), nil
}

func (n *node) appendJSON(b []byte) []byte {
	switch n.kind {
	case kindAll, kindAny:
		if n.kind == kindAll {
			b = append(b, `{"all":[`...)
		} else {
			b = append(b, `{"any":[`...)
		}
		for i := range n.kids {
			if i > 0 {
				b = append(b, ',')
			}
			b = n.kids[i].appendJSON(b)
		}
		return append(b, "]}"...)
	case kindNot:
		b = append(b, `{"not":`...)
		b = n.kids[0].appendJSON(b)
		return append(b, '}')
	}
	return n.pred.appendJSON(b)
}

func (p *predicate) appendJSON(b []byte) []byte {
	b = append(b, `{"`...)
	b = append(b, p.field.String()...)
	b = append(b, `":{"`...)
	b = append(b, p.op.String()...)
	b = append(b, `":[`...)
	first := true
	comma := func() {
		if !first {
			b = append(b, ',')
		}
		first = false
	}
	switch {
	case p.op == opBetween:
		b = strconv.AppendInt(b, int64(p.from), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.to), 10)
	case p.field == fieldLocalHour:
		for h := 0; h < 24; h++ {
			if p.mask&(1<<h) != 0 {
				comma()
				b = strconv.AppendInt(b, int64(h), 10)
			}
		}
	case p.field == fieldDayOfWeek:
		for i, d := range days {
			if p.mask&weekdayBit(i) != 0 {
				comma()
				b = appendString(b, d)
			}
		}
	default:
		for _, v := range p.set.list {
			comma()
			b = appendString(b, v)
		}
	}
	return append(b, "]}}"...)
}

func appendString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}
