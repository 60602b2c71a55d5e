package targeting_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/adstitch/adstitch/adserver/targeting"
)

func mustParse(t testing.TB, raw string) *targeting.Rule {
	t.Helper()
	r, err := targeting.Parse(json.RawMessage(raw))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return r
}

func TestParse(t *testing.T) {
	for _, tc := range casesRule {
		t.Run(tc.name, func(t *testing.T) {
			r, err := targeting.Parse(json.RawMessage(tc.rule))
			if tc.err != "" {
				if err == nil {
					t.Fatalf("Parse succeeded with %s, want error %q", r, tc.err)
				}
				if err.Error() != tc.err {
					t.Fatalf("error\n got %q\nwant %q", err, tc.err)
				}
				var pe *targeting.Error
				if !errors.Is(err, targeting.ErrInvalid) || !errors.As(err, &pe) || pe.Path+": "+pe.Msg != tc.err {
					t.Errorf("error %v is not a *targeting.Error wrapping ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if tc.canonical != "" && r.String() != tc.canonical {
				t.Errorf("String\n got %s\nwant %s", r, tc.canonical)
			}
			again := mustParse(t, r.String())
			if !reflect.DeepEqual(r, again) {
				t.Errorf("Parse(String()) differs from the rule: %s", again)
			}
			out, err := json.Marshal(struct{ T *targeting.Rule }{r})
			if err != nil || string(out) != `{"T":`+r.String()+`}` {
				t.Errorf("MarshalJSON: %s, %v", out, err)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range casesRule {
		if tc.err != "" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			r := mustParse(t, tc.rule)
			for i, c := range tc.match {
				if !r.Match(&c) {
					t.Errorf("match[%d] %+v: no match", i, c)
				}
			}
			for i, c := range tc.noMatch {
				if r.Match(&c) {
					t.Errorf("noMatch[%d] %+v: matched", i, c)
				}
			}
		})
	}
}

func TestSatisfiable(t *testing.T) {
	for _, tc := range casesRule {
		if tc.err != "" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			err := mustParse(t, tc.rule).Satisfiable()
			if tc.unsat == "" {
				if err != nil {
					t.Fatalf("Satisfiable: %v", err)
				}
				return
			}
			if err == nil || err.Error() != tc.unsat {
				t.Fatalf("Satisfiable\n got %v\nwant %s", err, tc.unsat)
			}
			if !errors.Is(err, targeting.ErrUnsatisfiable) || errors.Is(err, targeting.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrUnsatisfiable alone", err)
			}
		})
	}
}

func TestIndexKeys(t *testing.T) {
	for _, tc := range casesRule {
		if tc.err != "" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			r := mustParse(t, tc.rule)
			keys := r.IndexKeys()
			if tc.keys != nil && !reflect.DeepEqual(keys, tc.keys) {
				t.Errorf("IndexKeys\n got %v\nwant %v", keys, tc.keys)
			}
			for i, c := range tc.match {
				if f, v := missingKey(keys, &c); f != "" {
					t.Errorf("match[%d] has %s %q, not among the index keys %v", i, f, v, keys[f])
				}
			}
		})
	}
}

// One Rule serves every request of a snapshot at once.
func TestConcurrentUse(t *testing.T) {
	r := mustParse(t, realisticRule)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			c := madrid()
			for range 200 {
				if !r.Match(&c) || r.Satisfiable() != nil || len(r.IndexKeys()) == 0 || r.String() == "" {
					t.Error("inconsistent result under concurrent use")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestNilAndZeroRuleMatchEveryone(t *testing.T) {
	c := madrid()
	for _, r := range []*targeting.Rule{nil, {}} {
		if !r.Match(&c) || !r.Match(nil) || r.Satisfiable() != nil || len(r.IndexKeys()) != 0 || r.String() != "null" {
			t.Errorf("%#v does not behave as no targeting", r)
		}
	}
	if r := mustParse(t, `{"city":{"not_in":["x"]}}`); !r.Match(nil) {
		t.Error("a nil context is not an empty one")
	}
}

// A flat "all" costs Satisfiable one check however long it is, and the
// explanation names only the predicates that clash.
func TestSatisfiableFlatAll(t *testing.T) {
	kids := make([]string, 300)
	for i := range kids {
		kids[i] = `{"city":{"not_in":[` + quotedValues("c"+strconv.Itoa(i)+"-", 1000) + `]}}`
	}
	r := mustParse(t, `{"all":[`+strings.Join(kids, ",")+`,{"city":{"in":["c0-0"]}}]}`)
	want := "targeting: can never match: no city satisfies targeting.all[0].city and targeting.all[300].city"
	if err := r.Satisfiable(); err == nil || err.Error() != want {
		t.Fatalf("Satisfiable\n got %v\nwant %s", err, want)
	}
}

// Satisfiable stops looking (and says satisfiable) after a bounded amount
// of work: checking every product of 150 "any"s of 1000 values each would
// otherwise cost seconds.
func TestSatisfiableBoundedWork(t *testing.T) {
	kids := make([]string, 150)
	for i := range kids {
		last := ""
		if i == len(kids)-1 {
			last = `,"zz"` // only the last operand clashes with the final "in"
		}
		kids[i] = `{"any":[{"city":{"not_in":[` + quotedValues("c"+strconv.Itoa(i)+"-", 999) + last + `]}},` +
			`{"all":[{"city":{"in":["p"]}},{"city":{"in":["q"]}}]}]}`
	}
	r := mustParse(t, `{"all":[`+strings.Join(kids, ",")+`,{"city":{"in":["zz"]}}]}`)
	if c := city("zz"); r.Match(&c) {
		t.Fatal("the rule matches")
	}
	if err := r.Satisfiable(); err != nil {
		t.Fatalf("Satisfiable past the work budget: %v", err)
	}
}

func quotedValues(prefix string, n int) string {
	vals := make([]string, n)
	for i := range vals {
		vals[i] = strconv.Quote(prefix + strconv.Itoa(i))
	}
	return strings.Join(vals, ",")
}
