package api

import (
	"encoding/json"

	"github.com/valyala/fasthttp"
)

// errorBody is the JSON body of every error answer. Field names the bad
// field's JSON path when there is one.
type errorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
	Field string `json:"field,omitempty"`
}

// Error codes.
const (
	codeInvalidJSON  = "invalid_json"  // 400: not JSON, or not one JSON object
	codeUnknownField = "unknown_field" // 400
	codeInvalidType  = "invalid_type"  // 400: a field has the wrong JSON type
	codeInvalidQuery = "invalid_query" // 400: limit, cursor
	codeUnauthorized = "unauthorized"  // 401
	codeForbidden    = "forbidden"     // 403
	codeNotFound     = "not_found"     // 404
	codeNotAllowed   = "method_not_allowed"
	codeConflict     = "conflict"    // 409
	codeTooLarge     = "too_large"   // 413
	codeInvalid      = "invalid"     // 422: a field's value is refused
	codeInternal     = "internal"    // 500
	codeUnavailable  = "unavailable" // 503: the store timed out
)

// apiError is an answer decided deep in a handler.
type apiError struct {
	status int
	errorBody
}

func (e *apiError) Error() string { return e.errorBody.Error }

func newError(status int, code, msg string) *apiError {
	return &apiError{status: status, errorBody: errorBody{Error: msg, Code: code}}
}

func fieldError(status int, code, field, msg string) *apiError {
	e := newError(status, code, msg)
	e.Field = field
	return e
}

func writeError(ctx *fasthttp.RequestCtx, e *apiError) {
	if e.status == fasthttp.StatusUnauthorized {
		ctx.Response.Header.Set("WWW-Authenticate", `Bearer realm="adstitch"`)
	}
	b, _ := json.Marshal(e.errorBody)
	ctx.SetStatusCode(e.status)
	ctx.SetContentType("application/json")
	ctx.SetBody(b)
}

func writeJSON(ctx *fasthttp.RequestCtx, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(ctx, newError(fasthttp.StatusInternalServerError, codeInternal, "encoding the answer failed"))
		return
	}
	ctx.SetStatusCode(status)
	ctx.SetContentType("application/json")
	ctx.SetBody(b)
}

// list is the body of every list answer. NextCursor is absent on the last
// page.
type list[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}
