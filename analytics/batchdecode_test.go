package analytics

import (
	"strconv"
	"testing"
	"time"
)

// TestBatchDecoder decodes batches of good and bad records, longer and
// shorter, through one decoder: each batch gives its own events in order,
// nothing of an earlier batch, and every bad record to bad.
func TestBatchDecoder(t *testing.T) {
	at := time.Unix(1_800_000_000, 0).UTC()
	good := func(i int) []byte {
		e := Event{ID: EventID("s", "a", i, "ad", Start), Type: Start, Time: at, Session: "s", Position: i,
			City: "city-" + strconv.Itoa(i), Interests: []string{"i" + strconv.Itoa(i)}}
		b, err := AppendJSON(nil, &e)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	bad := []byte(`{"type":"start"}`)
	var d BatchDecoder
	for _, tc := range []struct {
		name      string
		recs      [][]byte
		positions []int // of the events decoded, in order
		bad       int
	}{
		{"all good", [][]byte{good(0), good(1), good(2), good(3)}, []int{0, 1, 2, 3}, 0},
		{"shorter, one bad", [][]byte{good(4), bad, good(5)}, []int{4, 5}, 1},
		{"only bad", [][]byte{bad, []byte("not json")}, nil, 2},
		{"longer again", [][]byte{good(6), good(7), good(8), good(9), good(10)}, []int{6, 7, 8, 9, 10}, 0},
		{"empty", nil, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nbad := 0
			got := d.Decode(tc.recs, func(rec []byte, err error) {
				if err == nil || rec == nil {
					t.Errorf("bad(%q, %v)", rec, err)
				}
				nbad++
			})
			if len(got) != len(tc.positions) || nbad != tc.bad {
				t.Fatalf("%d events and %d bad, want %d and %d", len(got), nbad, len(tc.positions), tc.bad)
			}
			for i, p := range tc.positions {
				e := got[i]
				if e.Position != p || e.City != "city-"+strconv.Itoa(p) || len(e.Interests) != 1 || e.Interests[0] != "i"+strconv.Itoa(p) {
					t.Fatalf("event %d is %+v, want position %d's", i, e, p)
				}
			}
		})
	}
}
