package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime/multipart"
	"os"
	"path/filepath"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// upload is a file received from a multipart form, in a temporary file
// next to its final place.
type upload struct {
	tmp          string // temporary path; the caller renames or removes it
	name         string // the client's file name (base name only)
	size         int64
	sha256       string
	advertiserID string // form field advertiser_id, when sent before the file
}

// receive streams the multipart field "file" of r into a temporary file
// in dir, at most limit bytes. Nothing is left behind on error.
func receive(r *request, dir string, limit int64) (*upload, *apiError) {
	boundary := string(r.http.Request.Header.MultipartFormBoundary())
	if boundary == "" {
		return nil, newError(fasthttp.StatusUnsupportedMediaType, "unsupported_media_type",
			`send multipart/form-data with the file in the field "file"`)
	}
	body := r.http.RequestBodyStream()
	if body == nil { // the body was read whole (small, or no streaming)
		body = bytes.NewReader(r.http.PostBody())
	}
	if c := r.http.Conn(); c != nil { // the server's read timeout is for small bodies
		_ = c.SetReadDeadline(time.Now().Add(uploadTimeout))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, newError(fasthttp.StatusInternalServerError, codeInternal, "upload directory: "+err.Error())
	}
	mr := multipart.NewReader(body, boundary)
	up := &upload{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, fieldError(fasthttp.StatusBadRequest, "missing_file", "file", `no field "file" in the form`)
		}
		if err != nil {
			return nil, newError(fasthttp.StatusBadRequest, "bad_upload", "reading the form failed: "+err.Error())
		}
		switch part.FormName() {
		case "advertiser_id":
			b, err := io.ReadAll(io.LimitReader(part, 200))
			if err != nil {
				return nil, newError(fasthttp.StatusBadRequest, "bad_upload", "reading advertiser_id failed: "+err.Error())
			}
			up.advertiserID = string(b)
		case "file":
			if e := up.save(part, dir, limit); e != nil {
				return nil, e
			}
			return up, nil
		}
	}
}

// save copies the file part into a temporary file, hashing it.
func (up *upload) save(part *multipart.Part, dir string, limit int64) *apiError {
	up.name = filepath.Base(part.FileName())
	if up.name == "." || up.name == string(filepath.Separator) {
		up.name = "upload"
	}
	f, err := os.CreateTemp(dir, ".upload-*")
	if err != nil {
		return newError(fasthttp.StatusInternalServerError, codeInternal, "temporary file: "+err.Error())
	}
	up.tmp = f.Name()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(part, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		os.Remove(up.tmp)
		return newError(fasthttp.StatusBadRequest, "upload_interrupted", "the upload did not complete: "+err.Error()+"; nothing was saved")
	case n > limit:
		os.Remove(up.tmp)
		return newError(fasthttp.StatusRequestEntityTooLarge, codeTooLarge,
			fmt.Sprintf("the file is larger than the limit of %s", humanBytes(limit)))
	case n == 0:
		os.Remove(up.tmp)
		return fieldError(fasthttp.StatusBadRequest, "empty_file", "file", "the file is empty")
	}
	up.size, up.sha256 = n, hex.EncodeToString(h.Sum(nil))
	return nil
}

// owner is the advertiser an upload belongs to: a marketer's own, or the
// advertiser_id an admin names (query or form field).
func (a *API) owner(r *request, up *upload) (string, *apiError) {
	if r.who.role == campaign.RoleMarketer {
		return r.who.advertiserID, nil
	}
	id := string(r.http.QueryArgs().Peek("advertiser_id"))
	if id == "" {
		id = up.advertiserID
	}
	if id == "" {
		return "", fieldError(fasthttp.StatusUnprocessableEntity, codeInvalid, "advertiser_id",
			"an admin must name the advertiser: ?advertiser_id=... or a form field before the file")
	}
	if _, err := a.st.GetAdvertiser(r.ctx, id); err != nil {
		return "", a.fromStore(err, "advertiser", id)
	}
	return id, nil
}

// keep moves the checked upload to path and records it; the file goes
// again if the record fails, so a row always has its file and no file is
// left without a row. 201 with the record.
func keep(a *API, r *request, up *upload, path, kind, id string, record func() (any, error)) *apiError {
	err := os.MkdirAll(filepath.Dir(path), 0o755)
	if err == nil {
		err = os.Rename(up.tmp, path)
	}
	if err != nil {
		return newError(fasthttp.StatusInternalServerError, codeInternal, "storing the "+kind+" failed: "+err.Error())
	}
	out, err := record()
	if err != nil {
		os.Remove(path)
		return a.fromStore(err, kind, id)
	}
	writeJSON(r.http, fasthttp.StatusCreated, out)
	return nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
