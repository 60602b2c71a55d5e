package session

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LoadOrCreateKey returns the key stored in the file at path, first creating
// the file (mode 0600, directory 0700) with a random 32-byte secret if it does
// not exist. It serves configurations that list no keys: sessions then
// survive restarts, and instances sharing the directory share the key.
//
// The file holds the secret in base64url; the key id is derived from it
// ("local-" + 8 hex digits), so every reader names the key alike.
func LoadOrCreateKey(path string) (Key, error) {
	key, err := readKeyFile(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	if err := createKeyFile(path); err != nil && !errors.Is(err, fs.ErrExist) {
		return Key{}, err
	}
	return readKeyFile(path) // ours, or the one a concurrent instance won with
}

func readKeyFile(path string) (Key, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Key{}, fmt.Errorf("read session key: %w", err)
	}
	secret, err := base64.RawURLEncoding.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(secret) < MinSecretLen {
		return Key{}, fmt.Errorf("read session key %s: want at least %d bytes in base64url", path, MinSecretLen)
	}
	sum := sha256.Sum256(secret)
	return Key{ID: "local-" + hex.EncodeToString(sum[:4]), Secret: secret}, nil
}

// createKeyFile writes a complete file under a temporary name and links it
// into place, so no reader ever sees a partial key and an existing key is
// never replaced.
func createKeyFile(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create session key: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".session-key-*")
	if err != nil {
		return fmt.Errorf("create session key: %w", err)
	}
	defer os.Remove(tmp.Name())
	secret := make([]byte, MinSecretLen)
	_, _ = rand.Read(secret)
	_, err = tmp.WriteString(base64.RawURLEncoding.EncodeToString(secret) + "\n")
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("create session key %s: %w", path, err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		return fmt.Errorf("create session key: %w", err)
	}
	return nil
}
