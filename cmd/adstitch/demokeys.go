package main

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/adstitch/adstitch/configs"
)

// demoKeys are API keys generated for a demo start that configured none,
// kept in the data dir so they survive restarts.
type demoKeys struct {
	Admin    string `json:"admin"`
	Analyst  string `json:"analyst"`
	Service  string `json:"service"`
	Marketer string `json:"marketer,omitempty"` // stored key of the seeded demo advertiser
}

func (k *demoKeys) save(dataDir string) error {
	b, _ := json.MarshalIndent(k, "", "  ")
	return os.WriteFile(filepath.Join(dataDir, "demo-keys.json"), b, 0o600)
}

func loadOrCreateDemoKeys(dataDir string) (*demoKeys, error) {
	path := filepath.Join(dataDir, "demo-keys.json")
	var k demoKeys
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &k); err != nil || k.Admin == "" || k.Analyst == "" || k.Service == "" {
			return nil, fmt.Errorf("%s is damaged; delete it to get new demo keys", path)
		}
		return &k, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	k = demoKeys{Admin: randomKey("adm"), Analyst: randomKey("ana"), Service: randomKey("svc")}
	if err := k.save(dataDir); err != nil {
		return nil, fmt.Errorf("write demo keys: %w", err)
	}
	return &k, nil
}

func randomKey(prefix string) string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return prefix + "_" + base64.RawURLEncoding.EncodeToString(b[:])
}

func (k *demoKeys) apply(cfg *configs.Config) {
	cfg.APIKeys = append(cfg.APIKeys,
		configs.APIKey{Key: k.Admin, Role: configs.RoleAdmin},
		configs.APIKey{Key: k.Analyst, Role: configs.RoleAnalyst},
		configs.APIKey{Key: k.Service, Role: configs.RoleService})
}
