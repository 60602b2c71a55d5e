//go:build !unix

package demo

import "context"

const lockExcludes = false

// lock is a no-op where flock does not exist: concurrent Prepare calls
// then render twice, and the atomic rename still keeps the result whole.
func lock(ctx context.Context, path string) (unlock func(), err error) {
	return func() {}, ctx.Err()
}
