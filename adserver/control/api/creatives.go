package api

import (
	"errors"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control/store"
)

// GET /v1/campaigns/{id}/creatives
func (a *API) listCreatives(r *request) *apiError {
	c, e := a.visibleCampaign(r, r.id)
	if e != nil {
		return e
	}
	writeJSON(r.http, fasthttp.StatusOK, list[campaign.Creative]{Items: c.Creatives})
	return nil
}

// GET /v1/creatives/{id}
func (a *API) getCreative(r *request) *apiError {
	cr, err := a.st.GetCreative(r.ctx, r.id)
	if err != nil {
		return a.fromStore(err, "creative", r.id)
	}
	if r.who.role == campaign.RoleMarketer {
		c, err := a.st.GetCampaign(r.ctx, cr.CampaignID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return a.fromStore(err, "creative", r.id)
		}
		if err != nil || !r.who.sees(c.AdvertiserID) {
			return notFound("creative", r.id) // deleted meanwhile, or another advertiser's
		}
	}
	writeJSON(r.http, fasthttp.StatusOK, cr)
	return nil
}
