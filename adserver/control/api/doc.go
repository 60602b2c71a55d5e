// Package api is the marketer API: JSON over fasthttp under /v1/ for
// advertisers, campaigns and creatives, the campaign snapshot the data
// plane pulls (/v1/snapshot, ETag = store version), and the OpenAPI 3
// document (/v1/openapi.json) that describes every route.
//
// It owns routing, authentication (Authorization: Bearer <key>, config
// keys and stored keys), role checks and request decoding; validation is
// package control's and persistence package store's. Roles: admin may do
// everything; marketer only touches its advertiser's data (another's is
// 404, as if it did not exist); analyst reads; service only pulls the
// snapshot. The server mounts it with API.Handle.
package api
