package vast

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
)

// resolver holds what one Fetch needs while it walks wrapper chains.
type resolver struct {
	client  *Client
	http    *http.Client
	macros  Macros
	maxHops int
}

// resolve fetches rawURL and returns the inline ads it leads to. chain
// holds the URLs fetched on the way here, the first request's first; its
// length is the number of wrapper hops taken. wrappers and multiple carry
// the parent wrapper's followAdditionalWrappers and allowMultipleAds.
func (r *resolver) resolve(ctx context.Context, rawURL string, chain []string, wrappers, multiple bool) ([]InlineAd, error) {
	hop := len(chain)
	shown := redact(rawURL)
	if slices.Contains(chain, rawURL) {
		return nil, &Error{URL: shown, Hop: hop, Kind: ErrTooManyWrappers, Err: ErrWrapperLoop}
	}
	doc, err := r.fetch(ctx, rawURL, hop)
	if err != nil {
		return nil, err
	}
	ads := r.candidates(doc.Ads, multiple)
	if len(ads) == 0 {
		return nil, &Error{URL: shown, Hop: hop, Kind: ErrNoAds, Err: errors.New("no Ad in the response")}
	}
	chain = append(chain[:hop:hop], rawURL) // copy: siblings share the prefix

	results := make([][]InlineAd, len(ads))
	errs := make([]error, len(ads))
	var wg sync.WaitGroup
	for i := range ads {
		ad := &ads[i]
		switch {
		case !ad.Wrapper:
			results[i] = r.inline(ad)
		case !wrappers:
			errs[i] = &Error{URL: shown, Hop: hop, Kind: ErrTooManyWrappers,
				Err: errors.New("a wrapper with followAdditionalWrappers=false led to another wrapper")}
		case hop+1 > r.maxHops:
			errs[i] = &Error{URL: shown, Hop: hop, Kind: ErrTooManyWrappers,
				Err: errors.New("more than " + strconv.Itoa(r.maxHops) + " wrapper hops")}
		default:
			wg.Go(func() { results[i], errs[i] = r.follow(ctx, ad, chain) })
		}
	}
	wg.Wait()

	var out []InlineAd
	var failed []error
	for i := range ads {
		out = append(out, results[i]...)
		if errs[i] != nil {
			r.client.stats.skippedWrapper.Add(1)
			failed = append(failed, errs[i])
		}
	}
	switch {
	case len(out) > 0:
		return out, nil
	case len(failed) == 1:
		return nil, failed[0]
	case len(failed) > 1:
		return nil, errors.Join(failed...)
	}
	return nil, &Error{URL: shown, Hop: hop, Kind: ErrNoAds, Err: errors.New("no linear ad with an HLS media file")}
}

// redact hides a password in rawURL for error messages.
func redact(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil {
		return u.Redacted()
	}
	return rawURL
}

// follow resolves a wrapper's VASTAdTagURI and folds the wrapper's URLs
// into the ads it leads to.
func (r *resolver) follow(ctx context.Context, wrapper *ParsedAd, chain []string) ([]InlineAd, error) {
	r.client.stats.wrapperHops.Add(1)
	next := Expand(wrapper.AdTagURI, r.macros)
	ads, err := r.resolve(ctx, next, chain, wrapper.FollowAdditionalWrappers, wrapper.AllowMultipleAds)
	if err != nil {
		return nil, err
	}
	for i := range ads {
		foldWrapper(&ads[i], wrapper)
	}
	return ads, nil
}

// inline converts an InLine ad, counting why it is unusable.
func (r *resolver) inline(ad *ParsedAd) []InlineAd {
	out, reason := inlineAd(ad)
	switch reason {
	case usable:
		return []InlineAd{out}
	case noLinear:
		r.client.stats.skippedNoLinear.Add(1)
	case noHLS:
		r.client.stats.skippedNoHLS.Add(1)
	case noDuration:
		r.client.stats.skippedNoDuration.Add(1)
	}
	return nil
}

// candidates orders a response's ads for play: a pod's ads by sequence,
// then stand-alone ads in document order. Under a wrapper that does not
// allow multiple ads only one is kept, a stand-alone ad if there is one
// (VAST 4: "only the first stand-alone Ad"). No more than
// maxAdsPerDocument are kept.
func (r *resolver) candidates(ads []ParsedAd, multiple bool) []ParsedAd {
	ordered := slices.Clone(ads)
	slices.SortStableFunc(ordered, func(a, b ParsedAd) int {
		aPod, bPod := a.Sequence > 0, b.Sequence > 0
		switch {
		case aPod && bPod:
			return cmp.Compare(a.Sequence, b.Sequence)
		case aPod:
			return -1
		case bPod:
			return 1
		}
		return 0
	})
	keep := min(len(ordered), maxAdsPerDocument)
	if !multiple && len(ordered) > 1 {
		if i := slices.IndexFunc(ordered, func(a ParsedAd) bool { return a.Sequence == 0 }); i > 0 {
			ordered[0] = ordered[i]
		}
		keep = 1
	}
	r.client.stats.skippedExtra.Add(uint64(len(ordered) - keep))
	return ordered[:keep]
}
