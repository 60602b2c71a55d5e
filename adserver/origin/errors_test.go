package origin

import (
	"context"
	"errors"
	"testing"
)

func TestErrorFormatAndUnwrap(t *testing.T) {
	cause := context.DeadlineExceeded
	cases := []struct {
		err        *Error
		msg        string
		httpStatus int
	}{
		{&Error{URL: "https://o/x", Host: "evil:443", Kind: ErrNotAllowed}, `fetch origin https://o/x: origin not allowed: host "evil:443"`, 502},
		{&Error{URL: "https://o/x", Status: 404, Kind: ErrStatus}, "fetch origin https://o/x: origin returned an error status: status 404", 502},
		{&Error{URL: "https://o/x", Kind: ErrTimeout, Err: cause}, "fetch origin https://o/x: origin timed out: context deadline exceeded", 504},
		{&Error{URL: "https://o/x", Kind: ErrTooLarge}, "fetch origin https://o/x: origin playlist too large", 502},
	}
	for _, tc := range cases {
		if got := tc.err.Error(); got != tc.msg {
			t.Errorf("Error() = %q; want %q", got, tc.msg)
		}
		if got := tc.err.HTTPStatus(); got != tc.httpStatus {
			t.Errorf("%s: HTTPStatus() = %d; want %d", tc.msg, got, tc.httpStatus)
		}
		if !errors.Is(tc.err, tc.err.Kind) {
			t.Errorf("%s: errors.Is(kind) = false", tc.msg)
		}
	}
	if !errors.Is(cases[2].err, context.DeadlineExceeded) {
		t.Error("the cause is not reachable with errors.Is")
	}
}
