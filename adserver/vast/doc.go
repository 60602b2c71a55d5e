// Package vast speaks IAB VAST, both ways.
//
// Out: Write renders a pod chosen by the decision engine as a VAST 4.2
// document of InLine ads (AdServingId, UniversalAdId, a streaming HLS
// MediaFile, Impression and TrackingEvents URLs) that validates against
// the IAB vast_4.2.xsd.
//
// In: Parse reads what external ad servers answer, VAST 2, 3 or 4, InLine
// and Wrapper ads alike, and Client.Fetch calls such a server from a URL
// template with macros, follows Wrapper chains (bounded hops, loop
// detection, an allowlist of hosts, one deadline for the whole chain) and
// returns the inline ads that carry an HLS media file, with the wrappers'
// impression, tracking and error URLs folded in.
//
// vast knows nothing about campaigns, sessions or HTTP serving: callers
// turn decisions into a Pod and InlineAds into pods of their own.
package vast
