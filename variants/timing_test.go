package variants

import "testing"

func BenchmarkReady(b *testing.B) {
	s := newBenchService(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		id := key(1)
		for pb.Next() {
			if _, ok := s.Ready(id); !ok {
				b.Fatal("not ready")
			}
		}
	})
}

func BenchmarkTouch(b *testing.B) {
	s := newBenchService(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		id := key(1)
		for pb.Next() {
			s.Touch(id)
		}
	})
}

func BenchmarkKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Key("creative-1", "city=Madrid", "greeting=morning", "ladder-fingerprint-0123456789abcdef")
	}
}

// newBenchService has key(1) ready among 1000 ready variants.
func newBenchService(b *testing.B) *Service {
	b.Helper()
	s, err := New(Config{Dir: b.TempDir(), Log: discardLog})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 1000 {
		v := Variant{ID: key(i), Status: StatusReady}
		s.publish(v, s.now())
	}
	return s
}
