package api

import (
	"strings"
	"time"
)

// Route is one method and path pattern the API serves; {id} stands for
// one path segment.
type Route struct {
	Method string
	Path   string
}

type route struct {
	Route
	access access
	handle func(a *API, r *request) *apiError
	upload bool // streams a large body: a longer timeout
}

// uploadTimeout bounds an upload's transfer and its checks (a 500 MiB spot
// is probed by decoding it).
const uploadTimeout = 10 * time.Minute

// routes is the API. The OpenAPI document must describe each of them (a
// test checks it).
var routes = []route{
	{Route{"GET", "/v1/openapi.json"}, accessPublic, (*API).openAPI, false},
	{Route{"GET", "/v1/whoami"}, accessAny, (*API).whoami, false},
	{Route{"POST", "/v1/advertisers"}, accessAdmin, (*API).createAdvertiser, false},
	{Route{"GET", "/v1/advertisers"}, accessRead, (*API).listAdvertisers, false},
	{Route{"GET", "/v1/advertisers/{id}"}, accessRead, (*API).getAdvertiser, false},
	{Route{"PUT", "/v1/advertisers/{id}"}, accessWrite, (*API).updateAdvertiser, false},
	{Route{"DELETE", "/v1/advertisers/{id}"}, accessAdmin, (*API).deleteAdvertiser, false},
	{Route{"POST", "/v1/campaigns"}, accessWrite, (*API).createCampaign, false},
	{Route{"GET", "/v1/campaigns"}, accessRead, (*API).listCampaigns, false},
	{Route{"GET", "/v1/campaigns/{id}"}, accessRead, (*API).getCampaign, false},
	{Route{"PUT", "/v1/campaigns/{id}"}, accessWrite, (*API).updateCampaign, false},
	{Route{"DELETE", "/v1/campaigns/{id}"}, accessWrite, (*API).deleteCampaign, false},
	{Route{"GET", "/v1/campaigns/{id}/creatives"}, accessRead, (*API).listCreatives, false},
	{Route{"GET", "/v1/creatives/{id}"}, accessRead, (*API).getCreative, false},
	{Route{"GET", "/v1/snapshot"}, accessSnapshot, (*API).snapshot, false},
	{Route{"POST", "/v1/spots"}, accessWrite, (*API).createSpot, true},
	{Route{"GET", "/v1/spots"}, accessRead, (*API).listSpots, false},
	{Route{"GET", "/v1/spots/{id}"}, accessRead, (*API).getSpot, false},
	{Route{"POST", "/v1/images"}, accessWrite, (*API).createImage, true},
	{Route{"GET", "/v1/images/{id}"}, accessRead, (*API).getImage, false},
	{Route{"GET", "/v1/variants"}, accessRead, (*API).listVariants, false},
	{Route{"GET", "/v1/variants/{id}"}, accessRead, (*API).getVariant, false},
}

// Routes lists what Handle serves.
func (a *API) Routes() []Route {
	out := make([]Route, len(routes))
	for i, r := range routes {
		out[i] = r.Route
	}
	return out
}

// match finds the route of method and path and the value of its {id}.
// When the path is known but not the method, it returns the allowed
// methods ("GET, PUT") instead; "" means the path is not the API's.
func match(method, path string) (r *route, id, allowed string) {
	for i := range routes {
		v, ok := matchPath(routes[i].Path, path)
		if !ok {
			continue
		}
		if routes[i].Method == method {
			return &routes[i], v, ""
		}
		if allowed != "" {
			allowed += ", "
		}
		allowed += routes[i].Method
	}
	return nil, "", allowed
}

// matchPath matches path against pattern segment by segment; {id} takes
// one non-empty segment.
func matchPath(pattern, path string) (id string, ok bool) {
	for {
		pseg, prest, pmore := strings.Cut(pattern, "/")
		seg, rest, more := strings.Cut(path, "/")
		if pmore != more {
			return "", false
		}
		if pseg == "{id}" {
			if seg == "" {
				return "", false
			}
			id = seg
		} else if pseg != seg {
			return "", false
		}
		if !more {
			return id, true
		}
		pattern, path = prest, rest
	}
}
