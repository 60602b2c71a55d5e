// Command adstitch is the personalized ad-insertion service: one binary
// with subcommands (serve, demo, version).
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "adstitch:", err)
		os.Exit(1)
	}
}
