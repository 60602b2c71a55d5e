package api

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/control"
	"github.com/adstitch/adstitch/adserver/control/store"
)

// fromStore maps a store error to its answer. kind and id name the object
// the request was about, for 404s.
func (a *API) fromStore(err error, kind, id string) *apiError {
	var fe *control.FieldError
	switch {
	case errors.Is(err, store.ErrInvalid) && errors.As(err, &fe):
		return fieldError(fasthttp.StatusUnprocessableEntity, codeInvalid, fe.Field, fe.Error())
	case errors.Is(err, store.ErrNotFound):
		return notFound(kind, id)
	case errors.Is(err, store.ErrConflict):
		return newError(fasthttp.StatusConflict, codeConflict, conflictMessage(err))
	case errors.Is(err, context.DeadlineExceeded):
		a.log.Warn("control store timed out", "err", err)
		return newError(fasthttp.StatusServiceUnavailable, codeUnavailable, "the store did not answer in time; retry")
	}
	a.log.Error("control store failed", "err", err)
	return newError(fasthttp.StatusInternalServerError, codeInternal, "internal error")
}

// notFound is also the answer for another advertiser's data, so that a
// marketer cannot tell it from data that does not exist.
func notFound(kind, id string) *apiError {
	return newError(fasthttp.StatusNotFound, codeNotFound, "no "+kind+" "+strconv.Quote(id))
}

// conflictMessage keeps what follows the sentinel ("conflict: advertiser
// … has 2 campaign(s)"): the operation prefix says nothing new to a client.
func conflictMessage(err error) string {
	if _, after, ok := strings.Cut(err.Error(), store.ErrConflict.Error()+": "); ok {
		return after
	}
	return err.Error()
}
