package store

import (
	"errors"
	"fmt"

	"github.com/adstitch/adstitch/adserver/control"
)

// Sentinels wrapped by the store's errors.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
	ErrInvalid  = errors.New("invalid")
)

// invalid wraps a validation error so that callers can match both
// ErrInvalid and the *control.FieldError.
func invalid(err error) error { return fmt.Errorf("%w: %w", ErrInvalid, err) }

func invalidField(field, msg string) error {
	return invalid(&control.FieldError{Field: field, Msg: msg})
}

func notFound(kind, id string) error { return fmt.Errorf("%s %q: %w", kind, id, ErrNotFound) }
