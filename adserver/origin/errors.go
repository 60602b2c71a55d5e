package origin

import (
	"errors"
	"net/http"
	"strconv"
)

// Sentinels for errors.Is. Every error from Get that is not a caller's
// context cancellation is an *Error wrapping one of them.
var (
	ErrNotAllowed = errors.New("origin not allowed")
	ErrTooLarge   = errors.New("origin playlist too large")
	ErrTimeout    = errors.New("origin timed out")
	ErrStatus     = errors.New("origin returned an error status")
	ErrCompile    = errors.New("origin playlist does not compile")
	ErrFetch      = errors.New("origin unreachable")
)

// Error describes a failed origin fetch.
type Error struct {
	URL    string // the requested URL (or the redirect hop that failed)
	Host   string // host:port refused, for ErrNotAllowed
	Status int    // HTTP status from the origin, for ErrStatus
	Kind   error  // one of the sentinels
	Err    error  // underlying cause, may be nil
}

func (e *Error) Error() string {
	msg := "fetch origin " + e.URL + ": " + e.Kind.Error()
	if e.Host != "" {
		msg += ": host " + strconv.Quote(e.Host)
	}
	if e.Status != 0 {
		msg += ": status " + strconv.Itoa(e.Status)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap exposes both the sentinel and the cause to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// HTTPStatus is what the data plane should answer the player with: 504 when
// the origin timed out, 502 for everything else.
func (e *Error) HTTPStatus() int {
	if e.Kind == ErrTimeout {
		return http.StatusGatewayTimeout
	}
	return http.StatusBadGateway
}
