package api

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// Snapshot is the body of GET /v1/snapshot: what the decision engine
// needs, at one store version. Instances without a store decode it.
type Snapshot struct {
	Version   int64               `json:"version"`
	Campaigns []campaign.Campaign `json:"campaigns"` // store.ActiveCampaigns: active, flight not over
}

// ETag is the entity tag of a snapshot version.
func ETag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// cachedSnapshot is the last snapshot served: every data-plane instance
// polls the same version, which is encoded once.
type cachedSnapshot struct {
	version int64
	body    []byte
}

// GET /v1/snapshot (admin, service): 304 when If-None-Match names the
// current version.
func (a *API) snapshot(r *request) *apiError {
	v, err := a.st.Version(r.ctx)
	if err != nil {
		return a.fromStore(err, "snapshot", "")
	}
	r.http.Response.Header.Set("Cache-Control", "no-cache")
	if inm := r.http.Request.Header.Peek(fasthttp.HeaderIfNoneMatch); len(inm) > 0 && etagMatches(string(inm), ETag(v)) {
		r.http.Response.Header.Set(fasthttp.HeaderETag, ETag(v))
		r.http.SetStatusCode(fasthttp.StatusNotModified)
		return nil
	}
	a.snapMu.Lock()
	defer a.snapMu.Unlock() // one encoding per version, however many pollers
	if a.snap.body == nil || a.snap.version < v {
		cs, v2, err := a.st.ActiveCampaigns(r.ctx, a.now())
		if err != nil {
			return a.fromStore(err, "snapshot", "")
		}
		body, err := json.Marshal(Snapshot{Version: v2, Campaigns: cs})
		if err != nil {
			return a.fromStore(err, "snapshot", "")
		}
		a.snap = cachedSnapshot{version: v2, body: body}
	}
	r.http.Response.Header.Set(fasthttp.HeaderETag, ETag(a.snap.version))
	r.http.SetStatusCode(fasthttp.StatusOK)
	r.http.SetContentType("application/json")
	r.http.SetBody(a.snap.body)
	return nil
}

// etagMatches implements If-None-Match's weak comparison: a list of tags,
// W/ ignored, * matching anything.
func etagMatches(header, etag string) bool {
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || tag == etag {
			return true
		}
	}
	return false
}
