package api

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"strings"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control/store"
	"github.com/adstitch/adstitch/configs"
)

// caller is who sent a request.
type caller struct {
	role         string
	advertiserID string // marketer keys only
}

// sees reports whether the caller may see data of advertiserID: a
// marketer sees only its own advertiser's.
func (c caller) sees(advertiserID string) bool {
	return c.role != campaign.RoleMarketer || c.advertiserID == advertiserID
}

// configKey is a config-file key, kept as its SHA-256 so that every
// comparison takes the same time whatever the key's length.
type configKey struct {
	sum  [sha256.Size]byte
	role string
}

func hashKeys(keys []configs.APIKey) []configKey {
	out := make([]configKey, 0, len(keys))
	for _, k := range keys {
		if k.Key != "" {
			out = append(out, configKey{sum: sha256.Sum256([]byte(k.Key)), role: k.Role})
		}
	}
	return out
}

// authenticate reads "Authorization: Bearer <key>" and finds the key among
// the config keys (compared in constant time, all of them) and then the
// store's.
func (a *API) authenticate(rctx context.Context, ctx *fasthttp.RequestCtx) (caller, *apiError) {
	auth := string(ctx.Request.Header.Peek(fasthttp.HeaderAuthorization))
	scheme, secret, _ := strings.Cut(auth, " ")
	secret = strings.TrimSpace(secret)
	if !strings.EqualFold(scheme, "Bearer") || secret == "" {
		return caller{}, newError(fasthttp.StatusUnauthorized, codeUnauthorized,
			"an API key is required: Authorization: Bearer <key>")
	}
	sum := sha256.Sum256([]byte(secret))
	role := ""
	for _, k := range a.keys {
		if subtle.ConstantTimeCompare(k.sum[:], sum[:]) == 1 {
			role = k.role
		}
	}
	if role != "" {
		return caller{role: role}, nil
	}
	k, err := a.st.Authenticate(rctx, secret)
	if errors.Is(err, store.ErrNotFound) {
		return caller{}, newError(fasthttp.StatusUnauthorized, codeUnauthorized, "unknown API key")
	}
	if err != nil {
		return caller{}, a.fromStore(err, "key", "")
	}
	return caller{role: k.Role, advertiserID: k.AdvertiserID}, nil
}

// access is what a route requires of the caller's role.
type access int

const (
	accessPublic   access = iota // no key needed
	accessAdmin                  // admin
	accessRead                   // admin, analyst, marketer (own data)
	accessWrite                  // admin, marketer (own data)
	accessSnapshot               // admin, service
	accessAny                    // any valid key
)

func (ac access) check(c caller) *apiError {
	ok := c.role == campaign.RoleAdmin
	switch ac {
	case accessPublic, accessAny:
		ok = true
	case accessRead:
		ok = ok || c.role == campaign.RoleAnalyst || c.role == campaign.RoleMarketer
	case accessWrite:
		ok = ok || c.role == campaign.RoleMarketer
	case accessSnapshot:
		ok = ok || c.role == campaign.RoleService
	}
	if ok {
		return nil
	}
	return newError(fasthttp.StatusForbidden, codeForbidden, "the "+c.role+" role may not do this")
}

// Caller authenticates a request like the API does, for the server's other
// routes (/v1/sessions, /v1/reports) so that stored keys work there too.
// ok is false when the key is missing or unknown (or the store failed).
func (a *API) Caller(ctx *fasthttp.RequestCtx) (role, advertiserID string, ok bool) {
	rctx, cancel := context.WithTimeout(context.Background(), a.timeout)
	defer cancel()
	c, e := a.authenticate(rctx, ctx)
	if e != nil {
		return "", "", false
	}
	return c.role, c.advertiserID, true
}
