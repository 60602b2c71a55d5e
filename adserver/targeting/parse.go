package targeting

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Limits keep a rule cheap to evaluate and its parse bounded.
const (
	maxDepth  = 16   // rule nodes from the root to the deepest predicate
	maxNodes  = 1000 // all, any, not and predicate nodes in one rule
	maxValues = 1000 // items in one list: operands or values
)

// Parse compiles a targeting rule. nil, empty or null raw matches everyone.
// Errors wrap ErrInvalid and name the exact path of the bad node, e.g.
// `targeting.all[1].city: unknown operator "eq"`.
func Parse(raw json.RawMessage) (*Rule, error) {
	if isNull(raw) {
		return &Rule{}, nil
	}
	// Unmarshal checks the syntax in one fast pass and reports the offset.
	if err := json.Unmarshal(raw, new(json.RawMessage)); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, invalid(rootPath, fmt.Sprintf("invalid JSON at offset %d: %s", syn.Offset, syn))
		}
		return nil, invalid(rootPath, "invalid JSON: "+err.Error())
	}
	tree, err := decodeTree(raw)
	if err != nil {
		return nil, invalid(rootPath, "invalid JSON: "+err.Error())
	}
	var p parser
	root, err := p.rule(&tree, rootPath, 1)
	if err != nil {
		return nil, err
	}
	return &Rule{root: &root}, nil
}

func isNull(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

// parser compiles the decoded JSON of one rule.
type parser struct {
	nodes int
}

func (p *parser) rule(v *jsonValue, path string, depth int) (node, error) {
	if depth > maxDepth {
		return node{}, invalid(path, fmt.Sprintf("rules nest deeper than %d levels", maxDepth))
	}
	if p.nodes++; p.nodes > maxNodes {
		return node{}, invalid(path, fmt.Sprintf("a rule may have at most %d nodes", maxNodes))
	}
	key, val, err := onlyMember(v, path)
	if err != nil {
		return node{}, err
	}
	switch key {
	case "all", "any":
		n := node{kind: kindAll}
		if key == "any" {
			n.kind = kindAny
		}
		listPath := path + "." + key
		if err := checkList(val, listPath); err != nil {
			return node{}, err
		}
		n.kids = make([]node, len(val.items))
		for i := range val.items {
			if n.kids[i], err = p.rule(&val.items[i], elementPath(listPath, i), depth+1); err != nil {
				return node{}, err
			}
		}
		return n, nil
	case "not":
		kid, err := p.rule(val, path+".not", depth+1)
		return node{kind: kindNot, kids: []node{kid}}, err
	}
	f, ok := fieldByName(key)
	if !ok {
		return node{}, invalid(path, fmt.Sprintf("unknown field %q", key))
	}
	pred, err := parsePredicate(f, val, path+"."+key)
	pred.seq = p.nodes
	return node{kind: kindPred, pred: pred}, err
}

func elementPath(list string, i int) string {
	return list + "[" + strconv.Itoa(i) + "]"
}

// onlyMember returns the single key of an object and its value.
func onlyMember(v *jsonValue, path string) (string, *jsonValue, error) {
	if v.kind != jsonObject {
		return "", nil, invalid(path, "want an object, got "+v.kind.String())
	}
	if len(v.keys) != 1 {
		return "", nil, invalid(path, fmt.Sprintf("an object must have exactly one key, got %d", len(v.keys)))
	}
	return v.keys[0], &v.items[0], nil
}

// checkList accepts a non-empty array of at most maxValues items.
func checkList(v *jsonValue, path string) error {
	if v.kind != jsonArray || len(v.items) == 0 {
		return invalid(path, "must be a non-empty list")
	}
	if len(v.items) > maxValues {
		return invalid(path, fmt.Sprintf("a list may have at most %d values", maxValues))
	}
	return nil
}
