package session

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"sync"
	"time"
)

// Key is one HMAC-SHA256 signing key.
type Key struct {
	ID     string // 1..16 characters of [A-Za-z0-9_-]; named in every token
	Secret []byte // at least 32 bytes
}

// Keyring seals tokens with its active key and opens tokens signed by any of
// its keys, so keys rotate without logging viewers out: add the new key as
// active, keep the old one until its tokens expire. A Keyring is immutable
// and safe for concurrent use; swap a new one in to change keys.
type Keyring struct {
	keys   []*keyState
	active *keyState
	ttl    int64 // seconds
}

// keyState pools keyed HMAC states: building one hashes the key twice, a
// Reset one is ready at once.
type keyState struct {
	id   string
	macs sync.Pool // hash.Hash
}

// NewKeyring checks keys and returns a Keyring that seals with the key named
// active (the first key when active is "") and rejects tokens older than ttl.
func NewKeyring(keys []Key, active string, ttl time.Duration) (*Keyring, error) {
	if len(keys) == 0 {
		return nil, errors.New("session keyring: no keys")
	}
	if ttl < time.Second {
		return nil, fmt.Errorf("session keyring: ttl %s is below one second", ttl)
	}
	if active == "" {
		active = keys[0].ID
	}
	k := &Keyring{ttl: int64(ttl / time.Second)}
	for i, key := range keys {
		if !validKeyID(key.ID) {
			return nil, fmt.Errorf("session key %d: id %q must be 1 to %d characters of [A-Za-z0-9_-]", i, key.ID, MaxKeyIDLen)
		}
		if len(key.Secret) < MinSecretLen {
			return nil, fmt.Errorf("session key %q: secret is %d bytes, need at least %d", key.ID, len(key.Secret), MinSecretLen)
		}
		if k.lookup([]byte(key.ID)) != nil {
			return nil, fmt.Errorf("session key %q: duplicate id", key.ID)
		}
		ks := newKeyState(key)
		k.keys = append(k.keys, ks)
		if key.ID == active {
			k.active = ks
		}
	}
	if k.active == nil {
		return nil, fmt.Errorf("session keyring: active key %q is not among the keys", active)
	}
	return k, nil
}

func newKeyState(key Key) *keyState {
	secret := append([]byte(nil), key.Secret...)
	ks := &keyState{id: key.ID}
	ks.macs.New = func() any { return hmac.New(sha256.New, secret) }
	return ks
}

// lookup finds a key by id without allocating; there are only a few keys.
func (k *Keyring) lookup(id []byte) *keyState {
	for _, ks := range k.keys {
		if ks.id == string(id) {
			return ks
		}
	}
	return nil
}

// tag computes HMAC-SHA256(msg) into sum and returns its first tagLen bytes.
func (ks *keyState) tag(sum *[sha256.Size]byte, msg []byte) []byte {
	h := ks.macs.Get().(hash.Hash)
	h.Reset()
	h.Write(msg)
	out := h.Sum(sum[:0])
	ks.macs.Put(h)
	return out[:tagLen]
}

func validKeyID(id string) bool {
	if id == "" || len(id) > MaxKeyIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
