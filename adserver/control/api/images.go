package api

import (
	"image"
	_ "image/jpeg" // end cards may be JPEG
	_ "image/png"  // or PNG
	"os"
	"path/filepath"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control/store"
	"github.com/adstitch/adstitch/variants"
)

// maxImagePixels bounds an image's decoded size (a 4K frame has 8.3 M).
const maxImagePixels = 16 << 20

// POST /v1/images (multipart/form-data, field "file"): an end card.
func (a *API) createImage(r *request) *apiError {
	m, e := a.media()
	if e != nil {
		return e
	}
	dir := filepath.Dir(variants.ImageFile(m.DataDir, "x"))
	up, e := receive(r, dir, MaxImageBytes)
	if e != nil {
		return e
	}
	defer os.Remove(up.tmp)
	owner, e := a.owner(r, up)
	if e != nil {
		return e
	}
	f, err := os.Open(up.tmp)
	if err != nil {
		return newError(fasthttp.StatusInternalServerError, codeInternal, "reading the upload failed")
	}
	cfg, format, err := image.DecodeConfig(f)
	if err == nil {
		_, err = f.Seek(0, 0)
	}
	if err == nil && cfg.Width*cfg.Height <= maxImagePixels {
		_, _, err = image.Decode(f) // the whole image: a truncated file is refused now, not at render time
	}
	f.Close()
	switch {
	case err != nil:
		return fieldError(fasthttp.StatusUnprocessableEntity, "invalid_image", "file", "not a readable PNG or JPEG image: "+err.Error())
	case cfg.Width*cfg.Height > maxImagePixels || cfg.Width < 16 || cfg.Height < 16:
		return fieldError(fasthttp.StatusUnprocessableEntity, "invalid_image", "file", "the image must be 16x16 to 4096x4096 pixels")
	}
	im := campaign.Image{ID: store.NewImageID(), AdvertiserID: owner, Name: up.name, Size: up.size,
		Format: format, Width: cfg.Width, Height: cfg.Height}
	return keep(a, r, up, variants.ImageFile(m.DataDir, im.ID), "image", im.ID, func() (any, error) {
		return a.st.CreateImage(r.ctx, im)
	})
}

// GET /v1/images/{id}
func (a *API) getImage(r *request) *apiError {
	im, err := a.st.GetImage(r.ctx, r.id)
	if err != nil {
		return a.fromStore(err, "image", r.id)
	}
	if !r.who.sees(im.AdvertiserID) {
		return notFound("image", r.id)
	}
	writeJSON(r.http, fasthttp.StatusOK, im)
	return nil
}
