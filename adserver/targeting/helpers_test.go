package targeting_test

import (
	"slices"
	"strings"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// missingKey returns the first index field whose context value is not
// among keys, or "" when the context is filed under the rule's keys.
func missingKey(keys map[string][]string, c *campaign.Context) (field, value string) {
	values := map[string]string{
		"city": c.City, "region": c.Region, "country": c.Country, "device": c.Device,
		"stream": c.Stream, "genre": c.Genre, "daypart": c.Daypart,
	}
	for f, want := range keys {
		v, ok := values[f]
		if !ok {
			return f, "(not an index field)"
		}
		if !slices.Contains(want, strings.ToLower(v)) {
			return f, v
		}
	}
	return "", ""
}
