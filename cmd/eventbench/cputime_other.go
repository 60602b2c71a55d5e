//go:build !unix

package main

import "time"

// cpuUsed is not measured on this platform; the report leaves it out.
func cpuUsed() time.Duration { return 0 }
