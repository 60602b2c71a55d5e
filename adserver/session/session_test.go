package session

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

var (
	testNow    = time.Unix(1_760_000_000, 0)
	secretA    = []byte("0123456789abcdef0123456789abcdef")
	secretB    = []byte("fedcba9876543210fedcba9876543210-b")
	testTTL    = 24 * time.Hour
	long64     = strings.Repeat("é", 32) // 64 bytes
	sixteenIDs = strings.Split("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p", ",")
)

func testKeyring(t testing.TB, keys []Key, active string) *Keyring {
	t.Helper()
	k, err := NewKeyring(keys, active, testTTL)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// roundTripCases drive TestSealOpen and seed FuzzOpen.
var roundTripCases = []struct {
	name string
	ctx  Context
}{
	{"minimal", Context{ID: [16]byte{1}, Created: testNow.Unix()}},
	{"full", Context{
		ID: [16]byte{0xde, 0xad, 0xbe, 0xef}, Viewer: ViewerHash("viewer-42"), Stream: "live-daterange",
		Created: testNow.Unix() - 3600, UTCOffset: 120, Country: "DE", Region: "BE", City: "Berlin",
		Interests: []string{"sports", "cars"}, Device: "tv",
	}},
	{"unicode city", Context{
		ID: NewIDForTest(7), Stream: "vod", Created: testNow.Unix(), UTCOffset: -210,
		Country: "CA", Region: "NL", City: "St. John’s", Device: "mobile",
	}},
	{"cjk and emoji", Context{
		ID: NewIDForTest(8), Stream: "news", Created: testNow.Unix(), UTCOffset: 540,
		Country: "JP", Region: "13", City: "東京都 🗼", Interests: []string{"アニメ", ""}, Device: "other",
	}},
	{"limits", Context{
		ID: NewIDForTest(9), Viewer: ViewerHash("v"), Stream: long64, Created: 1, UTCOffset: -32768,
		Country: long64, City: long64, Interests: sixteenIDs,
	}},
	{"max offset", Context{ID: NewIDForTest(10), Created: testNow.Unix() + 10, UTCOffset: 32767, Device: "desktop"}},
}

// NewIDForTest makes distinct, readable ids.
func NewIDForTest(b byte) [16]byte { return [16]byte{b, b, b, b, 15: b} }

func TestSealOpen(t *testing.T) {
	k := testKeyring(t, []Key{{ID: "k1", Secret: secretA}}, "")
	var got Context // reused across cases, like the server does
	for _, tc := range roundTripCases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tc.ctx
			if ctx.Created == 1 {
				ctx.Created = testNow.Unix() - int64(testTTL/time.Second) // exactly at the limit: still valid
			}
			tok, err := k.Seal(&ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(tok) > MaxTokenLen || strings.ContainsAny(tok, "+/=") {
				t.Fatalf("token %q: %d bytes or not base64url", tok, len(tok))
			}
			if err := k.Open([]byte(tok), &got, testNow); err != nil {
				t.Fatalf("Open: %v", err)
			}
			if !sameContext(&got, &ctx) {
				t.Fatalf("got  %+v\nwant %+v", got, ctx)
			}
			app, err := k.AppendSeal([]byte("prefix/"), &ctx)
			if err != nil || string(app) != "prefix/"+tok {
				t.Fatalf("AppendSeal = %q, %v", app, err)
			}
		})
	}
}

// sameContext compares the exported fields; nil and empty Interests are equal.
func sameContext(a, b *Context) bool {
	x, y := *a, *b
	x.raw, y.raw, x.interests, y.interests, x.sum, y.sum = nil, nil, nil, nil, [32]byte{}, [32]byte{}
	if len(x.Interests) == 0 && len(y.Interests) == 0 {
		x.Interests, y.Interests = nil, nil
	}
	return reflect.DeepEqual(x, y)
}

// TestOpenReuse: a reused Context gets each token's own values, and Open
// never writes into a slice the caller put into Interests.
func TestOpenReuse(t *testing.T) {
	k := testKeyring(t, []Key{{ID: "k1", Secret: secretA}}, "")
	full := roundTripCases[1].ctx
	tokFull, _ := k.Seal(&full)
	mine := []string{"keep", "these", "values"}
	c := Context{Interests: mine}
	if err := k.Open([]byte(tokFull), &c, testNow); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(mine, []string{"keep", "these", "values"}) {
		t.Fatalf("Open overwrote the caller's slice: %q", mine)
	}
	city := strings.Clone(c.City)
	minimal := roundTripCases[0].ctx
	tokMin, _ := k.Seal(&minimal)
	if err := k.Open([]byte(tokMin), &c, testNow); err != nil {
		t.Fatal(err)
	}
	if c.City != "" || c.Interests != nil || c.Viewer != ([16]byte{}) || city != "Berlin" {
		t.Fatalf("stale fields after reuse: %+v", c)
	}
}

func TestEveryBitFlipRejected(t *testing.T) {
	k := testKeyring(t, []Key{{ID: "k1", Secret: secretA}}, "")
	for _, tc := range roundTripCases[:3] {
		ctx := tc.ctx
		tok, err := k.Seal(&ctx)
		if err != nil {
			t.Fatal(err)
		}
		var c Context
		// Flips of the token text, as a proxy or attacker would make them.
		for i := range len(tok) * 8 {
			bad := []byte(tok)
			bad[i/8] ^= 1 << (i % 8)
			if err := k.Open(bad, &c, testNow); !isRejection(err) {
				t.Fatalf("%s: text bit %d flipped: Open = %v", tc.name, i, err)
			}
		}
		// Flips of the decoded bytes, re-encoded: every field and the tag.
		raw, _ := tokenEncoding.DecodeString(tok)
		for i := range len(raw) * 8 {
			bad := bytes.Clone(raw)
			bad[i/8] ^= 1 << (i % 8)
			err := k.Open([]byte(tokenEncoding.EncodeToString(bad)), &c, testNow)
			if !isRejection(err) {
				t.Fatalf("%s: byte bit %d flipped: Open = %v", tc.name, i, err)
			}
		}
	}
}

func isRejection(err error) bool {
	return errors.Is(err, ErrMalformed) || errors.Is(err, ErrForged) || errors.Is(err, ErrUnknownKey)
}

func TestOpenRejects(t *testing.T) {
	kA := testKeyring(t, []Key{{ID: "k1", Secret: secretA}}, "")
	ctx := roundTripCases[1].ctx
	tok, _ := kA.Seal(&ctx)
	raw, _ := tokenEncoding.DecodeString(tok)
	otherKey, _ := testKeyring(t, []Key{{ID: "k1", Secret: secretB}}, "").Seal(&ctx)
	otherID, _ := testKeyring(t, []Key{{ID: "k2", Secret: secretA}}, "").Seal(&ctx)
	reseal := func(mutate func([]byte) []byte) string { // valid tag over a bad body
		body := mutate(bytes.Clone(raw[:len(raw)-tagLen]))
		var sum [32]byte
		return tokenEncoding.EncodeToString(append(body, kA.keys[0].tag(&sum, body)...))
	}
	for _, tc := range []struct {
		name string
		tok  string
		want error
	}{
		{"empty", "", ErrMalformed},
		{"garbage", "not a token!", ErrMalformed},
		{"padding", tok + "==", ErrMalformed},
		{"standard base64 alphabet", strings.NewReplacer("-", "+", "_", "/").Replace(tok) + "+", ErrMalformed},
		{"newline inside", tok[:10] + "\n" + tok[10:], ErrMalformed},
		{"too long", strings.Repeat("A", MaxTokenLen+1), ErrMalformed},
		{"one byte", "AQ", ErrMalformed},
		{"version 2", tokenEncoding.EncodeToString(append([]byte{2}, raw[1:]...)), ErrMalformed},
		{"key id length 0", tokenEncoding.EncodeToString(append([]byte{1, 0}, raw[2:]...)), ErrMalformed},
		{"key id longer than token", tokenEncoding.EncodeToString([]byte{1, 16, 'k', '1', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), ErrMalformed},
		{"other secret", otherKey, ErrForged},
		{"unknown key id", otherID, ErrUnknownKey},
		{"tag cut", tokenEncoding.EncodeToString(raw[:len(raw)-1]), ErrForged},
		{"zero tag", tokenEncoding.EncodeToString(append(bytes.Clone(raw[:len(raw)-tagLen]), make([]byte, tagLen)...)), ErrForged},
		{"signed trailing byte", reseal(func(b []byte) []byte { return append(b, 0) }), ErrMalformed},
		{"signed unknown flag", reseal(func(b []byte) []byte { b[4] |= 2; return b }), ErrMalformed},
		{"signed truncated body", reseal(func(b []byte) []byte { return b[:30] }), ErrMalformed},
		{"signed 17 interests", reseal(func(b []byte) []byte {
			c := Context{ID: [16]byte{1}, Created: testNow.Unix(), Interests: append(sixteenIDs, "q")}
			return encodeUnchecked(kA, &c)
		}), ErrMalformed},
		{"signed 65-byte string", reseal(func(b []byte) []byte {
			c := Context{ID: [16]byte{1}, Created: testNow.Unix(), City: long64 + "x"}
			return encodeUnchecked(kA, &c)
		}), ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := roundTripCases[1].ctx // Open must reset even a filled Context
			if err := kA.Open([]byte(tc.tok), &c, testNow); err != tc.want {
				t.Fatalf("Open = %v, want %v", err, tc.want)
			}
			if !sameContext(&c, &Context{}) {
				t.Fatalf("context not reset after error: %+v", c)
			}
		})
	}
}

// encodeUnchecked builds a token body bypassing Seal's limits.
func encodeUnchecked(k *Keyring, c *Context) []byte {
	s := sealPool.Get().(*sealScratch)
	defer sealPool.Put(s)
	raw := append(s.raw[:0], version, byte(len(k.active.id)))
	raw = append(raw, k.active.id...)
	raw = append(raw, 0)
	raw = append(raw, c.ID[:]...)
	raw = binary.AppendVarint(raw, c.Created)
	raw = binary.AppendVarint(raw, int64(c.UTCOffset))
	for _, f := range []string{c.Stream, c.Country, c.Region, c.City} {
		raw = appendString(raw, f)
	}
	raw = append(raw, byte(len(c.Interests)))
	for _, in := range c.Interests {
		raw = appendString(raw, in)
	}
	return bytes.Clone(appendString(raw, c.Device))
}

func TestExpired(t *testing.T) {
	k := testKeyring(t, []Key{{ID: "k1", Secret: secretA}}, "")
	ctx := Context{ID: [16]byte{1}, Created: testNow.Unix()}
	tok, _ := k.Seal(&ctx)
	var c Context
	for _, tc := range []struct {
		now  time.Time
		want error
	}{
		{testNow, nil},
		{testNow.Add(-time.Hour), nil}, // clock skew between instances
		{testNow.Add(testTTL), nil},
		{testNow.Add(testTTL + time.Second), ErrExpired},
		{testNow.Add(10 * testTTL), ErrExpired},
	} {
		if err := k.Open([]byte(tok), &c, tc.now); err != tc.want {
			t.Errorf("now %s: Open = %v, want %v", tc.now.Sub(testNow), err, tc.want)
		}
	}
}

func TestRotation(t *testing.T) {
	old := testKeyring(t, []Key{{ID: "2025a", Secret: secretA}}, "")
	ctx := roundTripCases[1].ctx
	oldTok, _ := old.Seal(&ctx)

	rotated := testKeyring(t, []Key{{ID: "2025a", Secret: secretA}, {ID: "2025b", Secret: secretB}}, "2025b")
	newTok, _ := rotated.Seal(&ctx)
	var c Context
	if err := rotated.Open([]byte(oldTok), &c, testNow); err != nil || !sameContext(&c, &ctx) {
		t.Fatalf("old token after rotation: %v", err)
	}
	if err := rotated.Open([]byte(newTok), &c, testNow); err != nil || !sameContext(&c, &ctx) {
		t.Fatalf("new token: %v", err)
	}
	if err := old.Open([]byte(newTok), &c, testNow); err != ErrUnknownKey {
		t.Fatalf("new token on an instance without the new key: %v", err)
	}
	retired := testKeyring(t, []Key{{ID: "2025b", Secret: secretB}}, "")
	if err := retired.Open([]byte(oldTok), &c, testNow); err != ErrUnknownKey {
		t.Fatalf("old token after its key was retired: %v", err)
	}
}

func TestSealLimits(t *testing.T) {
	k := testKeyring(t, []Key{{ID: "k1", Secret: secretA}}, "")
	ok := Context{ID: [16]byte{1}, Created: testNow.Unix()}
	for _, tc := range []struct {
		name   string
		mutate func(*Context)
		want   string
	}{
		{"created unset", func(c *Context) { c.Created = 0 }, "created is not set"},
		{"long city", func(c *Context) { c.City = long64 + "x" }, "city is 65 bytes, max 64"},
		{"long device", func(c *Context) { c.Device = long64 + "x" }, "device is 65 bytes, max 64"},
		{"17 interests", func(c *Context) { c.Interests = append(sixteenIDs, "q") }, "17 interests, max 16"},
		{"long interest", func(c *Context) { c.Interests = []string{"a", long64 + "x"} }, "interest 1 is 65 bytes, max 64"},
		{"token too large", func(c *Context) {
			c.Stream, c.Country, c.Region, c.City, c.Device = long64, long64, long64, long64, long64
			c.Interests = []string{long64, long64, long64, long64, long64, long64, long64}
		}, "token would be 1099 bytes, max 1024"},
	} {
		c := ok
		tc.mutate(&c)
		_, err := k.Seal(&c)
		if !errors.Is(err, ErrInvalid) || err.Error() != ErrInvalid.Error()+": "+tc.want {
			t.Errorf("%s: Seal = %v", tc.name, err)
		}
	}
}

func TestNewKeyringErrors(t *testing.T) {
	for _, tc := range []struct {
		keys   []Key
		active string
		ttl    time.Duration
		want   string
	}{
		{nil, "", testTTL, "session keyring: no keys"},
		{[]Key{{ID: "k1", Secret: secretA}}, "", 0, "session keyring: ttl 0s is below one second"},
		{[]Key{{ID: "", Secret: secretA}}, "", testTTL, `session key 0: id "" must be 1 to 16 characters of [A-Za-z0-9_-]`},
		{[]Key{{ID: "k1", Secret: secretA}, {ID: "with space", Secret: secretA}}, "", testTTL, `session key 1: id "with space" must be 1 to 16 characters of [A-Za-z0-9_-]`},
		{[]Key{{ID: "k1", Secret: secretA[:31]}}, "", testTTL, `session key "k1": secret is 31 bytes, need at least 32`},
		{[]Key{{ID: "k1", Secret: secretA}, {ID: "k1", Secret: secretB}}, "", testTTL, `session key "k1": duplicate id`},
		{[]Key{{ID: "k1", Secret: secretA}}, "k2", testTTL, `session keyring: active key "k2" is not among the keys`},
	} {
		if _, err := NewKeyring(tc.keys, tc.active, tc.ttl); err == nil || err.Error() != tc.want {
			t.Errorf("got %v, want %s", err, tc.want)
		}
	}
}

// TestKeyringCopiesSecret: changing the caller's secret later changes nothing.
func TestKeyringCopiesSecret(t *testing.T) {
	secret := bytes.Clone(secretA)
	k := testKeyring(t, []Key{{ID: "k1", Secret: secret}}, "")
	ctx := Context{ID: [16]byte{1}, Created: testNow.Unix()}
	before, _ := k.Seal(&ctx)
	secret[0] ^= 0xff
	after, _ := testKeyring(t, []Key{{ID: "k1", Secret: secret}}, "").Seal(&ctx)
	again, _ := k.Seal(&ctx)
	if before != again || before == after {
		t.Fatal("keyring follows the caller's secret buffer")
	}
}

func TestViewerHashAndIDs(t *testing.T) {
	if ViewerHash("") != ([16]byte{}) {
		t.Fatal("empty viewer id must hash to zero")
	}
	// sha256("adstitch/viewer\x00alice")[:16], computed independently.
	// printf 'adstitch/viewer\0alice' | sha256sum
	if h := ViewerHash("alice"); hex.EncodeToString(h[:]) != "b3eb730f5398c5143ea346027b19bb96" {
		t.Fatalf("ViewerHash(alice) = %x", h)
	}
	if ViewerHash("alice") == ViewerHash("bob") || ViewerHash("alice") != ViewerHash("alice") {
		t.Fatal("viewer hash not a function of the id")
	}
	c := Context{ID: [16]byte{0x01, 0xab, 15: 0xff}}
	if c.IDString() != "01ab00000000000000000000000000ff" || string(c.AppendID([]byte("s="))) != "s=01ab00000000000000000000000000ff" {
		t.Fatalf("IDString %q AppendID %q", c.IDString(), c.AppendID(nil))
	}
	if a, b := NewID(), NewID(); a == b || a == ([16]byte{}) {
		t.Fatal("NewID not random")
	}
}
