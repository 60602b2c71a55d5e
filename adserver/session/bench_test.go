package session

import "testing"

func benchToken(b *testing.B) (*Keyring, []byte) {
	k := testKeyring(b, []Key{{ID: "k1", Secret: secretA}}, "")
	ctx := roundTripCases[1].ctx
	tok, err := k.Seal(&ctx)
	if err != nil {
		b.Fatal(err)
	}
	return k, []byte(tok)
}

func BenchmarkOpen(b *testing.B) {
	k, token := benchToken(b)
	var c Context
	b.SetBytes(int64(len(token)))
	b.ReportAllocs()
	for b.Loop() {
		if err := k.Open(token, &c, testNow); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpenParallel(b *testing.B) {
	k, token := benchToken(b)
	b.SetBytes(int64(len(token)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var c Context
		for pb.Next() {
			if err := k.Open(token, &c, testNow); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkAppendSeal(b *testing.B) {
	k, _ := benchToken(b)
	ctx := roundTripCases[1].ctx
	buf := make([]byte, 0, MaxTokenLen)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.AppendSeal(buf[:0], &ctx); err != nil {
			b.Fatal(err)
		}
	}
}
