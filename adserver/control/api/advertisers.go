package api

import (
	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control/store"
)

// POST /v1/advertisers (admin)
func (a *API) createAdvertiser(r *request) *apiError {
	var in advertiserInput
	if e := decodeBody(r.http.PostBody(), &in); e != nil {
		return e
	}
	if e := checkID(in.ID, ""); e != nil {
		return e
	}
	adv, err := a.st.CreateAdvertiser(r.ctx, campaign.Advertiser{Name: in.Name})
	if err != nil {
		return a.fromStore(err, "advertiser", "")
	}
	r.http.Response.Header.Set(fasthttp.HeaderLocation, "/v1/advertisers/"+adv.ID)
	writeJSON(r.http, fasthttp.StatusCreated, adv)
	return nil
}

// GET /v1/advertisers?limit=&cursor= (a marketer lists only its own)
func (a *API) listAdvertisers(r *request) *apiError {
	if r.who.role == campaign.RoleMarketer {
		adv, err := a.st.GetAdvertiser(r.ctx, r.who.advertiserID)
		if err != nil {
			return a.fromStore(err, "advertiser", r.who.advertiserID)
		}
		writeJSON(r.http, fasthttp.StatusOK, list[campaign.Advertiser]{Items: []campaign.Advertiser{adv}})
		return nil
	}
	p, e := page(r.http)
	if e != nil {
		return e
	}
	items, next, err := a.st.ListAdvertisers(r.ctx, p)
	if err != nil {
		return a.listError(err)
	}
	writeJSON(r.http, fasthttp.StatusOK, list[campaign.Advertiser]{Items: items, NextCursor: next})
	return nil
}

// GET /v1/advertisers/{id}
func (a *API) getAdvertiser(r *request) *apiError {
	if !r.who.sees(r.id) {
		return notFound("advertiser", r.id)
	}
	adv, err := a.st.GetAdvertiser(r.ctx, r.id)
	if err != nil {
		return a.fromStore(err, "advertiser", r.id)
	}
	writeJSON(r.http, fasthttp.StatusOK, adv)
	return nil
}

// PUT /v1/advertisers/{id} (admin, or the advertiser's marketer)
func (a *API) updateAdvertiser(r *request) *apiError {
	if !r.who.sees(r.id) {
		return notFound("advertiser", r.id)
	}
	var in advertiserInput
	if e := decodeBody(r.http.PostBody(), &in); e != nil {
		return e
	}
	if e := checkID(in.ID, r.id); e != nil {
		return e
	}
	adv, err := a.st.UpdateAdvertiser(r.ctx, campaign.Advertiser{ID: r.id, Name: in.Name})
	if err != nil {
		return a.fromStore(err, "advertiser", r.id)
	}
	writeJSON(r.http, fasthttp.StatusOK, adv)
	return nil
}

// DELETE /v1/advertisers/{id} (admin; refused while it has campaigns)
func (a *API) deleteAdvertiser(r *request) *apiError {
	if err := a.st.DeleteAdvertiser(r.ctx, r.id); err != nil {
		return a.fromStore(err, "advertiser", r.id)
	}
	r.http.SetStatusCode(fasthttp.StatusNoContent)
	return nil
}

// page reads ?limit= and ?cursor=; the store checks the cursor.
func page(ctx *fasthttp.RequestCtx) (store.Page, *apiError) {
	args := ctx.QueryArgs()
	p := store.Page{Cursor: string(args.Peek("cursor"))}
	if args.Has("limit") {
		n, err := args.GetUint("limit")
		if err != nil || n < 1 || n > store.MaxLimit {
			return p, fieldError(fasthttp.StatusBadRequest, codeInvalidQuery, "limit", "limit: must be 1..500")
		}
		p.Limit = n
	}
	return p, nil
}

// listError answers a bad cursor with 400: it is part of the query.
func (a *API) listError(err error) *apiError {
	e := a.fromStore(err, "", "")
	if e.status == fasthttp.StatusUnprocessableEntity {
		e.status, e.Code = fasthttp.StatusBadRequest, codeInvalidQuery
	}
	return e
}

// whoAmI is what a key may do, for clients that adapt to it (the console).
type whoAmI struct {
	Role         string `json:"role"`
	AdvertiserID string `json:"advertiser_id,omitempty"`
}

// GET /v1/whoami
func (a *API) whoami(r *request) *apiError {
	writeJSON(r.http, fasthttp.StatusOK, whoAmI{Role: r.who.role, AdvertiserID: r.who.advertiserID})
	return nil
}
