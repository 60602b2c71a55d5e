package store

import (
	"errors"
	"fmt"
	"slices"

	"github.com/adstitch/adstitch/analytics"
)

// ErrBadQuery is wrapped by the error a store returns for a report query it
// refuses: no campaign, an empty or reversed range, an unknown or repeated
// group key.
var ErrBadQuery = errors.New("bad report query")

// ValidateQuery checks a report query before a store builds SQL from it:
// group keys come from analytics.GroupKeys only, so a store may splice the
// expression it maps each key to into its SQL.
func ValidateQuery(q analytics.ReportQuery) error {
	if q.Campaign == "" {
		return fmt.Errorf("%w: no campaign", ErrBadQuery)
	}
	if !q.From.Before(q.To) {
		return fmt.Errorf("%w: from %s is not before to %s", ErrBadQuery, q.From, q.To)
	}
	for i, k := range q.GroupBy {
		if !slices.Contains(analytics.GroupKeys, k) {
			return fmt.Errorf("%w: unknown group key %q (want one of %v)", ErrBadQuery, k, analytics.GroupKeys)
		}
		if slices.Contains(q.GroupBy[:i], k) {
			return fmt.Errorf("%w: group key %q given twice", ErrBadQuery, k)
		}
	}
	return nil
}

// CountedTypes are the event types a report counts. Reports read only
// these, so a group with nothing but errors or session starts has no row.
var CountedTypes = []analytics.EventType{analytics.AvailFilled, analytics.Impression, analytics.Start,
	analytics.FirstQuartile, analytics.Midpoint, analytics.ThirdQuartile, analytics.Complete}
