package decision

import (
	"encoding/json"
	"slices"

	"github.com/adstitch/adstitch/adserver/targeting"
)

// indexedOnly reports whether r is nothing but "in" predicates on indexed
// fields under (nested) "all"s. Such a rule is exactly the conjunction of
// its IndexKeys, so the index's constraint check decides it and Match need
// not run. Anything else (any, not, not_in, hours, interests ...) is
// matched. Compile time only: it reads the rule's canonical JSON.
func indexedOnly(r *targeting.Rule) bool {
	var root any
	if err := json.Unmarshal([]byte(r.String()), &root); err != nil {
		return false
	}
	return indexedNode(root)
}

func indexedNode(n any) bool {
	obj, ok := n.(map[string]any)
	if !ok || len(obj) != 1 {
		return false
	}
	for key, v := range obj {
		if key == "all" {
			kids, ok := v.([]any)
			if !ok || len(kids) == 0 {
				return false
			}
			for _, k := range kids {
				if !indexedNode(k) {
					return false
				}
			}
			return true
		}
		if !slices.Contains(indexFields[:], key) {
			return false
		}
		op, ok := v.(map[string]any)
		if !ok || len(op) != 1 {
			return false
		}
		_, in := op["in"]
		return in
	}
	return false
}
