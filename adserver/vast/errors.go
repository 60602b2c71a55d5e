package vast

import (
	"errors"
	"strconv"
)

// Sentinels for errors.Is. Every error Fetch returns, except a caller's own
// context cancellation, wraps one of the first six.
var (
	ErrTimeout         = errors.New("ad server timed out")
	ErrTooManyWrappers = errors.New("too many VAST wrappers")
	ErrNoAds           = errors.New("no usable ads")
	ErrBadVAST         = errors.New("malformed VAST")
	ErrNotAllowed      = errors.New("ad server not allowed")
	ErrUnavailable     = errors.New("ad server unavailable") // non-2xx status, connection failure

	// ErrWrapperLoop is wrapped together with ErrTooManyWrappers when a
	// wrapper points back at a URL already on its chain.
	ErrWrapperLoop = errors.New("VAST wrapper loop")

	// ErrInvalidPod is wrapped by Write when a pod cannot be rendered.
	ErrInvalidPod = errors.New("invalid VAST pod")
)

// Error describes one failed step of Fetch: a request, its response or a
// wrapper hop.
type Error struct {
	URL    string // the ad tag URL (redacted) whose step failed
	Hop    int    // wrapper hops followed before this request; 0 is the first request
	Status int    // HTTP status, for ErrUnavailable
	Kind   error  // one of the sentinels
	Err    error  // underlying cause, may be nil
}

func (e *Error) Error() string {
	msg := "fetch vast " + e.URL
	if e.Hop > 0 {
		msg += " (wrapper hop " + strconv.Itoa(e.Hop) + ")"
	}
	if e.Err == nil || !errors.Is(e.Err, e.Kind) { // Parse errors already say ErrBadVAST
		msg += ": " + e.Kind.Error()
	}
	if e.Status != 0 {
		msg += ": status " + strconv.Itoa(e.Status)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap exposes the sentinel and the cause to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}
