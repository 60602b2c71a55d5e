//go:build race

package spool

// raceEnabled: the race detector slows appenders down enough that groups
// form whatever the writer does, so tests of grouping cannot fail.
const raceEnabled = true
