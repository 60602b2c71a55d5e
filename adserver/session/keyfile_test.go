package session

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "session.key")
	first, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first.ID, "local-") || len(first.ID) != 14 || len(first.Secret) != MinSecretLen {
		t.Fatalf("key %q with %d-byte secret", first.ID, len(first.Secret))
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v", fi.Mode(), err)
	}
	again, err := LoadOrCreateKey(path)
	if err != nil || again.ID != first.ID || string(again.Secret) != string(first.Secret) {
		t.Fatalf("second load gave another key: %v", err)
	}
	if _, err := NewKeyring([]Key{first}, "", testTTL); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Fatalf("temporary files left: %v", entries)
	}
}

func TestLoadOrCreateKeyConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "session.key")
	keys := make([]Key, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := LoadOrCreateKey(path)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	for _, k := range keys[1:] {
		if k.ID != keys[0].ID {
			t.Fatalf("instances disagree: %s vs %s", k.ID, keys[0].ID)
		}
	}
}

func TestLoadOrCreateKeyBadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "session.key")
	if err := os.WriteFile(path, []byte("c2hvcnQ\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadOrCreateKey(path)
	if err == nil || err.Error() != "read session key "+path+": want at least 32 bytes in base64url" {
		t.Fatalf("got %v", err)
	}
}
