package api

import (
	"context"
	"errors"
	"strconv"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control"
	"github.com/adstitch/adstitch/adserver/control/store"
)

// POST /v1/campaigns (admin, or a marketer for its own advertiser; a
// marketer may leave advertiser_id out)
func (a *API) createCampaign(r *request) *apiError {
	var in campaignInput
	if e := decodeBody(r.http.PostBody(), &in); e != nil {
		return e
	}
	if e := checkID(in.ID, ""); e != nil {
		return e
	}
	if e := r.who.actsFor(&in.AdvertiserID); e != nil {
		return e
	}
	c, e := in.campaign()
	if e != nil {
		return e
	}
	c.Version = 0
	if e := a.checkCampaign(r, &c); e != nil {
		return e
	}
	out, err := a.st.CreateCampaign(r.ctx, c)
	if err != nil {
		return a.fromStore(err, "campaign", "")
	}
	r.http.Response.Header.Set(fasthttp.HeaderLocation, "/v1/campaigns/"+out.ID)
	writeJSON(r.http, fasthttp.StatusCreated, out)
	return nil
}

// GET /v1/campaigns?advertiser_id=&limit=&cursor= (a marketer lists its
// own; filtering on another advertiser gives an empty list, as for one
// that does not exist)
func (a *API) listCampaigns(r *request) *apiError {
	return listScoped(a, r, a.st.ListCampaigns)
}

// listScoped answers a list filtered by ?advertiser_id=: a marketer's own
// advertiser whatever it asks, and an empty list when it filters on
// another one (as for one that does not exist).
func listScoped[T any](a *API, r *request, fetch func(ctx context.Context, advertiserID string, p store.Page) ([]T, string, error)) *apiError {
	p, e := page(r.http)
	if e != nil {
		return e
	}
	advertiser := string(r.http.QueryArgs().Peek("advertiser_id"))
	if r.who.role == campaign.RoleMarketer {
		if advertiser != "" && advertiser != r.who.advertiserID {
			writeJSON(r.http, fasthttp.StatusOK, list[T]{Items: []T{}})
			return nil
		}
		advertiser = r.who.advertiserID
	}
	items, next, err := fetch(r.ctx, advertiser, p)
	if err != nil {
		return a.listError(err)
	}
	writeJSON(r.http, fasthttp.StatusOK, list[T]{Items: items, NextCursor: next})
	return nil
}

// GET /v1/campaigns/{id}
func (a *API) getCampaign(r *request) *apiError {
	c, e := a.visibleCampaign(r, r.id)
	if e != nil {
		return e
	}
	writeJSON(r.http, fasthttp.StatusOK, c)
	return nil
}

// PUT /v1/campaigns/{id}: replaces the campaign. Creatives with an id keep
// it, new ones get one, the ones left out are deleted; a version other
// than the stored one is a 409.
func (a *API) updateCampaign(r *request) *apiError {
	old, e := a.visibleCampaign(r, r.id)
	if e != nil {
		return e
	}
	var in campaignInput
	if e := decodeBody(r.http.PostBody(), &in); e != nil {
		return e
	}
	if e := checkID(in.ID, r.id); e != nil {
		return e
	}
	if e := r.who.actsFor(&in.AdvertiserID); e != nil {
		return e
	}
	if in.AdvertiserID == "" {
		in.AdvertiserID = old.AdvertiserID
	}
	c, e := in.campaign()
	if e != nil {
		return e
	}
	c.ID = r.id
	if e := a.checkCampaign(r, &c); e != nil {
		return e
	}
	out, err := a.st.UpdateCampaign(r.ctx, c)
	if err != nil {
		return a.fromStore(err, "campaign", r.id)
	}
	writeJSON(r.http, fasthttp.StatusOK, out)
	return nil
}

// DELETE /v1/campaigns/{id}
func (a *API) deleteCampaign(r *request) *apiError {
	if _, e := a.visibleCampaign(r, r.id); e != nil {
		return e
	}
	if err := a.st.DeleteCampaign(r.ctx, r.id); err != nil {
		return a.fromStore(err, "campaign", r.id)
	}
	r.http.SetStatusCode(fasthttp.StatusNoContent)
	return nil
}

// visibleCampaign loads campaign id if the caller may see it; another
// advertiser's is "not found".
func (a *API) visibleCampaign(r *request, id string) (campaign.Campaign, *apiError) {
	c, err := a.st.GetCampaign(r.ctx, id)
	if err != nil {
		return c, a.fromStore(err, "campaign", id)
	}
	if !r.who.sees(c.AdvertiserID) {
		return campaign.Campaign{}, notFound("campaign", id)
	}
	return c, nil
}

// checkCampaign validates c, then has the server check each creative (it
// may fill Duration). Both run before anything is written.
func (a *API) checkCampaign(r *request, c *campaign.Campaign) *apiError {
	if err := control.ValidateCampaign(c); err != nil {
		var fe *control.FieldError
		if errors.As(err, &fe) {
			return fieldError(fasthttp.StatusUnprocessableEntity, codeInvalid, fe.Field, fe.Error())
		}
		return newError(fasthttp.StatusUnprocessableEntity, codeInvalid, err.Error())
	}
	for i := range c.Creatives {
		field := "creatives[" + strconv.Itoa(i) + "]"
		cr := &c.Creatives[i]
		if cr.SpotID != "" {
			if e := a.checkSpotCreative(r, c.AdvertiserID, field, cr); e != nil {
				return e
			}
			continue
		}
		if err := a.validate(r.ctx, cr); err != nil {
			return fieldError(fasthttp.StatusUnprocessableEntity, codeInvalid, field, field+": "+err.Error())
		}
	}
	return nil
}

// checkSpotCreative checks a creative rendered from a spot: the spot and
// its end-card image are the campaign advertiser's, the template is valid.
// The creative lasts as long as its spot.
func (a *API) checkSpotCreative(r *request, advertiserID, field string, cr *campaign.Creative) *apiError {
	invalid := func(f, msg string) *apiError {
		return fieldError(fasthttp.StatusUnprocessableEntity, codeInvalid, f, f+": "+msg)
	}
	sp, err := a.st.GetSpot(r.ctx, cr.SpotID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && sp.AdvertiserID != advertiserID) {
		return invalid(field+".spot_id", "no spot "+strconv.Quote(cr.SpotID)+" of this advertiser")
	}
	if err != nil {
		return a.fromStore(err, "spot", cr.SpotID)
	}
	cr.Duration = sp.Duration
	if a.checkTemplate == nil || len(cr.Template) == 0 || string(cr.Template) == "null" {
		return nil
	}
	image, err := a.checkTemplate(cr.Template)
	if err != nil {
		// Template errors name their path from "template".
		return fieldError(fasthttp.StatusUnprocessableEntity, codeInvalid, field+".template", field+"."+err.Error())
	}
	if image != "" {
		im, err := a.st.GetImage(r.ctx, image)
		if errors.Is(err, store.ErrNotFound) || (err == nil && im.AdvertiserID != advertiserID) {
			return invalid(field+".template.end_card.image_id", "no image "+strconv.Quote(image)+" of this advertiser")
		}
		if err != nil {
			return a.fromStore(err, "image", image)
		}
	}
	return nil
}

// actsFor settles the advertiser a write is for: a marketer's own when
// left out, and never another one (403).
func (c caller) actsFor(advertiserID *string) *apiError {
	if c.role != campaign.RoleMarketer {
		return nil
	}
	if *advertiserID == "" {
		*advertiserID = c.advertiserID
	}
	if *advertiserID != c.advertiserID {
		return fieldError(fasthttp.StatusForbidden, codeForbidden, "advertiser_id",
			"advertiser_id: a marketer key acts for its own advertiser only")
	}
	return nil
}
