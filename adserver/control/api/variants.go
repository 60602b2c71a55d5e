package api

import (
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"

	"github.com/adstitch/adstitch/variants"
)

// VariantSource is what the API reads of the variants service.
type VariantSource interface {
	List(creativeID string) []variants.Variant
	Get(id string) (variants.Variant, bool)
}

// variantView is a variant as marketers see it.
type variantView struct {
	ID         string            `json:"id"`
	CreativeID string            `json:"creative_id"`
	Stream     string            `json:"stream"`
	Base       bool              `json:"base"`
	Status     string            `json:"status"`
	Progress   float64           `json:"progress"`
	Error      string            `json:"error,omitempty"`
	Context    map[string]string `json:"context"`
	Duration   float64           `json:"duration,omitempty"`
	Bytes      int64             `json:"bytes,omitempty"`
	PreviewURL string            `json:"preview_url,omitempty"` // HLS master, playable once ready
	CreatedAt  time.Time         `json:"created_at"`
	RenderedAt *time.Time        `json:"rendered_at,omitempty"`
}

func viewVariant(v variants.Variant) variantView {
	out := variantView{ID: v.ID, CreativeID: v.CreativeID, Stream: v.Stream, Base: v.Base, Status: string(v.Status),
		Progress: v.Progress, Error: v.Error, Context: v.Context, Duration: v.Duration, Bytes: v.Bytes,
		CreatedAt: v.CreatedAt}
	if out.Context == nil {
		out.Context = map[string]string{}
	}
	if v.Status == variants.StatusReady {
		out.PreviewURL = v.MasterURL
		t := v.RenderedAt
		out.RenderedAt = &t
	}
	return out
}

func (a *API) variantSource() (VariantSource, *apiError) {
	if a.variants == nil {
		return nil, newError(fasthttp.StatusServiceUnavailable, codeUnavailable, "this server renders no variants")
	}
	return a.variants, nil
}

// GET /v1/variants?creative=ID
func (a *API) listVariants(r *request) *apiError {
	src, e := a.variantSource()
	if e != nil {
		return e
	}
	id := string(r.http.QueryArgs().Peek("creative"))
	if id == "" {
		return fieldError(fasthttp.StatusBadRequest, codeInvalidQuery, "creative", "name the creative: ?creative=ID")
	}
	if e := a.visibleCreative(r, id); e != nil {
		return e
	}
	vs := src.List(id)
	out := struct {
		Variants []variantView `json:"variants"`
	}{Variants: make([]variantView, 0, len(vs))}
	for _, v := range vs {
		out.Variants = append(out.Variants, viewVariant(v))
	}
	writeJSON(r.http, fasthttp.StatusOK, out)
	return nil
}

// GET /v1/variants/{id}
func (a *API) getVariant(r *request) *apiError {
	src, e := a.variantSource()
	if e != nil {
		return e
	}
	v, ok := src.Get(r.id)
	if !ok {
		return notFound("variant", r.id)
	}
	if e := a.visibleCreative(r, v.CreativeID); e != nil {
		return notFound("variant", r.id)
	}
	writeJSON(r.http, fasthttp.StatusOK, viewVariant(v))
	return nil
}

// visibleCreative checks that creative id exists and the caller may see
// its campaign.
func (a *API) visibleCreative(r *request, id string) *apiError {
	cr, err := a.st.GetCreative(r.ctx, id)
	if err != nil {
		return a.fromStore(err, "creative", id)
	}
	if r.who.role != campaign.RoleMarketer {
		return nil
	}
	if _, e := a.visibleCampaign(r, cr.CampaignID); e != nil {
		return notFound("creative", id)
	}
	return nil
}
