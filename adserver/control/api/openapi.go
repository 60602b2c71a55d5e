package api

import (
	_ "embed"

	"github.com/valyala/fasthttp"
)

// openAPIDoc describes every route (openapi_test.go checks it against
// Routes and the request and answer types).
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the OpenAPI 3.0 document of the API.
func OpenAPI() []byte { return openAPIDoc }

// GET /v1/openapi.json (no key needed)
func (a *API) openAPI(r *request) *apiError {
	r.http.SetStatusCode(fasthttp.StatusOK)
	r.http.SetContentType("application/json")
	r.http.SetBody(openAPIDoc)
	return nil
}
