package store

import (
	"crypto/rand"
	"encoding/base32"
)

// ID prefixes tell an id's kind at a glance (logs, support tickets).
const (
	prefixAdvertiser = "adv_"
	prefixCampaign   = "cmp_"
	prefixCreative   = "crv_"
	prefixKey        = "key_"
	prefixSpot       = "spt_"
	prefixImage      = "img_"
)

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// newID returns prefix + 12 random lower-case base32 characters (60 bits):
// URL-safe, short, and unique in practice; the UNIQUE constraint catches
// the rest.
func newID(prefix string) string {
	var b [8]byte
	rand.Read(b[:]) // never fails (crypto/rand panics on failure)
	return prefix + idEncoding.EncodeToString(b[:])[:12]
}
