package api

import "strings"

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
}

// routes is the API. The OpenAPI document must describe each of them (a
// test checks it).
var routes = []route{
	{Route{"GET", "/v1/openapi.json"}, accessPublic, (*API).openAPI},
	{Route{"POST", "/v1/advertisers"}, accessAdmin, (*API).createAdvertiser},
	{Route{"GET", "/v1/advertisers"}, accessRead, (*API).listAdvertisers},
	{Route{"GET", "/v1/advertisers/{id}"}, accessRead, (*API).getAdvertiser},
	{Route{"PUT", "/v1/advertisers/{id}"}, accessWrite, (*API).updateAdvertiser},
	{Route{"DELETE", "/v1/advertisers/{id}"}, accessAdmin, (*API).deleteAdvertiser},
	{Route{"POST", "/v1/campaigns"}, accessWrite, (*API).createCampaign},
	{Route{"GET", "/v1/campaigns"}, accessRead, (*API).listCampaigns},
	{Route{"GET", "/v1/campaigns/{id}"}, accessRead, (*API).getCampaign},
	{Route{"PUT", "/v1/campaigns/{id}"}, accessWrite, (*API).updateCampaign},
	{Route{"DELETE", "/v1/campaigns/{id}"}, accessWrite, (*API).deleteCampaign},
	{Route{"GET", "/v1/campaigns/{id}/creatives"}, accessRead, (*API).listCreatives},
	{Route{"GET", "/v1/creatives/{id}"}, accessRead, (*API).getCreative},
	{Route{"GET", "/v1/snapshot"}, accessSnapshot, (*API).snapshot},
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
