//go:build !race

package session

import (
	"testing"
)

// TestOpenDoesNotAllocate is the hot-path budget: zero allocations per Open
// with a reused Context, and per AppendSeal into a buffer with room.
func TestOpenDoesNotAllocate(t *testing.T) {
	k := testKeyring(t, []Key{{ID: "old", Secret: secretB}, {ID: "k1", Secret: secretA}}, "k1")
	for _, tc := range roundTripCases {
		ctx := tc.ctx
		ctx.Created = testNow.Unix()
		tok, err := k.Seal(&ctx)
		if err != nil {
			t.Fatal(err)
		}
		token := []byte(tok)
		var c Context
		if n := testing.AllocsPerRun(200, func() {
			if err := k.Open(token, &c, testNow); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: Open allocates %.1f times", tc.name, n)
		}
		buf := make([]byte, 0, MaxTokenLen)
		if n := testing.AllocsPerRun(200, func() {
			if _, err := k.AppendSeal(buf[:0], &ctx); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: AppendSeal allocates %.1f times", tc.name, n)
		}
	}
}

// TestRejectDoesNotAllocate: forged and garbage tokens are as cheap to
// refuse as good ones are to accept.
func TestRejectDoesNotAllocate(t *testing.T) {
	k := testKeyring(t, []Key{{ID: "k1", Secret: secretA}}, "")
	ctx := roundTripCases[1].ctx
	tok, _ := k.Seal(&ctx)
	forged := []byte(tok)
	forged[len(forged)-2] ^= 1
	var c Context
	for _, token := range [][]byte{forged, []byte("garbage!"), []byte(tok[:20])} {
		if n := testing.AllocsPerRun(200, func() { _ = k.Open(token, &c, testNow) }); n != 0 {
			t.Errorf("%q: rejecting allocates %.1f times", token, n)
		}
	}
}
