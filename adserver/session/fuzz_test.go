package session

import "testing"

// FuzzOpen: no input panics, every failure is one of the sentinels, and
// anything that opens seals back to the same token (one spelling per token).
func FuzzOpen(f *testing.F) {
	k := testKeyring(f, []Key{{ID: "k1", Secret: secretA}, {ID: "k2", Secret: secretB}}, "k1")
	for _, tc := range roundTripCases {
		ctx := tc.ctx
		tok, err := k.Seal(&ctx)
		if err != nil {
			f.Fatal(err)
		}
		f.Add([]byte(tok))
	}
	f.Add([]byte(""))
	f.Add([]byte("AQJrMQ"))
	var c Context
	f.Fuzz(func(t *testing.T, token []byte) {
		err := k.Open(token, &c, testNow)
		switch err {
		case nil:
		case ErrMalformed, ErrForged, ErrUnknownKey, ErrExpired:
			return
		default:
			t.Fatalf("unexpected error %v", err)
		}
		again, err := k.Seal(&c)
		if err != nil || again != string(token) {
			t.Fatalf("opened token does not reseal to itself:\n%s\n%s (%v)", token, again, err)
		}
	})
}
