package api

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control/store"
	"github.com/adstitch/adstitch/variants"
)

// Media configures uploads: where files are kept and how they are checked.
type Media struct {
	DataDir      string // spots and images are kept under it (variants.SpotFile, variants.ImageFile)
	MaxSpotBytes int64  // default 500 MiB
	// ProbeSpot checks an uploaded spot and describes it. An error wrapping
	// ErrRefused is the file's fault (422 with the message); any other is
	// the server's (500).
	ProbeSpot func(ctx context.Context, path string) (probe any, duration float64, err error)
}

// ErrRefused marks a ProbeSpot error caused by the file itself: wrap the
// cause with Refused.
var ErrRefused = errors.New("refused")

// Refused marks err as the uploaded file's fault; the message is err's.
func Refused(err error) error { return refusedError{err} }

type refusedError struct{ err error }

func (e refusedError) Error() string   { return e.err.Error() }
func (e refusedError) Unwrap() []error { return []error{ErrRefused, e.err} }

// MaxImageBytes bounds an end-card image.
const MaxImageBytes = 10 << 20

func (m *Media) maxSpot() int64 {
	if m.MaxSpotBytes > 0 {
		return m.MaxSpotBytes
	}
	return 500 << 20
}

func (a *API) media() (*Media, *apiError) {
	if a.mediaOpts == nil || a.mediaOpts.ProbeSpot == nil {
		return nil, newError(fasthttp.StatusServiceUnavailable, codeUnavailable, "uploads are not enabled on this server")
	}
	return a.mediaOpts, nil
}

// POST /v1/spots (multipart/form-data, field "file")
func (a *API) createSpot(r *request) *apiError {
	m, e := a.media()
	if e != nil {
		return e
	}
	dir := filepath.Dir(variants.SpotFile(m.DataDir, "x"))
	up, e := receive(r, dir, m.maxSpot())
	if e != nil {
		return e
	}
	defer os.Remove(up.tmp) // a no-op once installed
	owner, e := a.owner(r, up)
	if e != nil {
		return e
	}
	probe, dur, err := m.ProbeSpot(r.ctx, up.tmp)
	if errors.Is(err, ErrRefused) {
		// Name the file as the marketer knows it, not by our temp name.
		msg := strings.ReplaceAll(err.Error(), up.tmp, up.name)
		msg = strings.ReplaceAll(msg, filepath.Base(up.tmp), up.name)
		return fieldError(fasthttp.StatusUnprocessableEntity, "invalid_spot", "file", msg)
	}
	if err != nil {
		a.log.Error("probe spot", "err", err)
		return newError(fasthttp.StatusInternalServerError, codeInternal, "checking the spot failed: "+err.Error())
	}
	pj, err := json.Marshal(probe)
	if err != nil {
		return newError(fasthttp.StatusInternalServerError, codeInternal, "encoding the probe failed")
	}
	sp := campaign.Spot{ID: store.NewSpotID(), AdvertiserID: owner, Name: up.name, Size: up.size,
		SHA256: up.sha256, Duration: dur, Probe: pj}
	return keep(a, r, up, variants.SpotFile(m.DataDir, sp.ID), "spot", sp.ID, func() (any, error) {
		return a.st.CreateSpot(r.ctx, sp)
	})
}

// GET /v1/spots[?advertiser_id=]
func (a *API) listSpots(r *request) *apiError {
	return listScoped(a, r, a.st.ListSpots)
}

// GET /v1/spots/{id}
func (a *API) getSpot(r *request) *apiError {
	sp, err := a.st.GetSpot(r.ctx, r.id)
	if err != nil {
		return a.fromStore(err, "spot", r.id)
	}
	if !r.who.sees(sp.AdvertiserID) {
		return notFound("spot", r.id)
	}
	writeJSON(r.http, fasthttp.StatusOK, sp)
	return nil
}
