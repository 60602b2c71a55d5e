package main

import (
	"errors"
	"fmt"
	"os"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `usage: adstitch <command> [flags]

commands:
  serve     run the data plane (playlists, sessions, ad segments, tracking)
  load      consume the event topic (Kafka) into ClickHouse or SQLite
  migrate   apply the analytics schemas (ClickHouse, SQLite)
  keys      create API keys (keys create --role marketer --advertiser ID)
  demo      prepare the demo media and serve it as a standalone origin
  version   print the version

Run "adstitch <command> -h" for a command's flags.`

func run(args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, usage)
		return errors.New("no command given")
	}
	switch args[0] {
	case "serve":
		return serveCmd(args[1:])
	case "demo":
		return demoCmd(args[1:])
	case "load":
		return loadCmd(args[1:])
	case "migrate":
		return migrateCmd(args[1:])
	case "keys":
		return keysCmd(args[1:])
	case "version", "-v", "--version":
		fmt.Println("adstitch", version)
		return nil
	case "help", "-h", "--help":
		fmt.Println(usage)
		return nil
	}
	fmt.Fprintln(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
