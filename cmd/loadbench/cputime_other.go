//go:build !unix

package main

import "time"

// processCPU is not measured on this platform; the report leaves it out.
func processCPU() time.Duration { return 0 }
