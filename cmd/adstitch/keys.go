package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/adstitch/adstitch/adserver/control/store"
	"github.com/adstitch/adstitch/configs"
)

// controlDBPath is where the control plane keeps advertisers, campaigns and keys.
func controlDBPath(cfg *configs.Config) string { return filepath.Join(cfg.DataDir, "control.db") }

// keysCmd manages API keys: `adstitch keys create --role marketer --advertiser ID`
// prints a new key on stdout (its secret is shown once, only its hash is kept).
func keysCmd(args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: adstitch keys create --config FILE --role admin|marketer|analyst|service [--advertiser ID] [--name NAME]")
	}
	fs := flag.NewFlagSet("keys create", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "YAML config file (default: the embedded demo config)")
	role := fs.String("role", "", "admin, marketer, analyst or service")
	adv := fs.String("advertiser", "", "advertiser id (marketer keys)")
	name := fs.String("name", "", "a note for people")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	cfg, err := configs.Load(*cfgPath)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return err
	}
	st, err := store.Open(controlDBPath(cfg))
	if err != nil {
		return err
	}
	defer st.Close()
	secret, key, err := st.CreateKey(context.Background(), *role, *adv, *name)
	if err != nil {
		return fmt.Errorf("keys create: %w", err)
	}
	fmt.Fprintf(os.Stderr, "created key %s (role %s)\n", key.ID, key.Role)
	fmt.Println(secret)
	return nil
}
