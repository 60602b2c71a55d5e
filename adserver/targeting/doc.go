// Package targeting compiles a campaign's targeting rule, a JSON boolean
// expression over campaign.Context, into an immutable Rule the decision
// engine evaluates per viewer and per break.
//
//	rule      := {"all": [rule, ...]} | {"any": [rule, ...]} | {"not": rule} | predicate
//	predicate := {"<field>": {"<op>": value}}
//
//	city, region, country, device, stream, genre, daypart: in | not_in  [strings]
//	local_hour:  in [0..23, ...] | between [from, to]  (inclusive, wraps when from > to)
//	day_of_week: in | not_in ["mon", ... "sun"]
//	interests:   any | all | none [strings]
//
// Every string comparison is case-insensitive: rule values are lower-cased
// once at Parse and context values are folded on the fly, without
// allocating, so that Match and the lower-cased IndexKeys always agree.
//
// The package owns parsing, validation (errors name the exact path of the
// bad node, rooted at "targeting"), matching, the satisfiability check and
// the keys the decision index files a rule under. It knows nothing about
// campaigns' storage, HTTP or how the decision engine ranks campaigns.
package targeting
