package session

import "errors"

// Errors returned by Open. Callers answer all of them with a client error;
// they differ for logs and metrics.
var (
	ErrMalformed  = errors.New("session: malformed token")
	ErrForged     = errors.New("session: token signature does not match")
	ErrUnknownKey = errors.New("session: token signed by an unknown key")
	ErrExpired    = errors.New("session: token expired")
)

// ErrInvalid wraps every reason Seal refuses a Context (a string or the
// whole token over its limit, Created unset).
var ErrInvalid = errors.New("session: context cannot be sealed")

// Token limits.
const (
	MaxTokenLen  = 1024 // base64 characters
	MaxStringLen = 64   // bytes, each string field and each interest
	MaxInterests = 16
	MaxKeyIDLen  = 16
	MinSecretLen = 32

	version    = 1
	tagLen     = 16
	maxRawLen  = MaxTokenLen * 3 / 4 // decoded bytes of a MaxTokenLen token
	flagViewer = 1 << 0
)
