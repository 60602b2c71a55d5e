// Package campaign is the control-plane model shared by the store, the
// marketer API and the decision engine: advertisers, campaigns and their
// creatives, and the viewer context targeting rules are evaluated against.
// It holds plain data and validation; it knows nothing about SQL or HTTP.
package campaign
