//go:build !unix

package main

import "time"

// cpuUsed is not measured on this platform; the report shows 0.
func cpuUsed() time.Duration { return 0 }
