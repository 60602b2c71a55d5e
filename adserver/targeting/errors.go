package targeting

import "errors"

// Sentinels for errors.Is: every error Parse returns wraps ErrInvalid, every
// error Satisfiable returns wraps ErrUnsatisfiable.
var (
	ErrInvalid       = errors.New("invalid targeting rule")
	ErrUnsatisfiable = errors.New("targeting rule can never match")
)

// rootPath names the whole rule in error messages, as the rule sits under
// the campaign's "targeting" key.
const rootPath = "targeting"

// Error is a problem with one node of a rule, reported as "path: msg",
// e.g. `targeting.all[1].city: unknown operator "eq"`.
type Error struct {
	Path string // "targeting", "targeting.all[1].city", ...
	Msg  string
	kind error // ErrInvalid or ErrUnsatisfiable
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }

// Unwrap lets callers branch with errors.Is(err, ErrInvalid) or
// errors.Is(err, ErrUnsatisfiable).
func (e *Error) Unwrap() error { return e.kind }

func invalid(path, msg string) *Error {
	return &Error{Path: path, Msg: msg, kind: ErrInvalid}
}
