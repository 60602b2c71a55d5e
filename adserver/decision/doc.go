// Package decision is the campaign decision engine: for one viewer in one
// break it picks the campaigns and creatives that fill the pod, and keeps
// the explanation of why each campaign it evaluated was taken or not.
//
// Campaigns are compiled into an immutable Snapshot: targeting rules
// parsed, campaigns ordered by priority, and an inverted index over the
// values a rule requires of a viewer (targeting.Rule.IndexKeys: city,
// region, country, stream, genre, device, daypart). Each campaign is
// listed once, under its most selective field; its constraints on the
// other indexed fields are checked as interned ids, and its rule is only
// matched when it says more than those constraints. An Engine holds the
// current snapshot behind an atomic pointer; Update swaps it while Decide
// runs.
//
// Decide draws candidates from the index in priority order and settles
// one priority tier at a time: checks, one counters batch, then a greedy
// fill (asap first, then even campaigns furthest behind schedule, then a
// hash of session, break and campaign). Once the pod has picks and what is
// left of the break is shorter than every creative further down, the rest
// cannot change the pod and are only counted (Decision.Skipped). The cost
// of a decision therefore follows the candidates in the tiers it reaches:
// with priorities spread (BenchmarkDecide) it is a few microseconds over
// 10,000 campaigns; with every campaign at one priority, every candidate
// is evaluated (BenchmarkDecideFlatPriority).
//
// Decide is on the playlist hot path: no fmt, regexp or reflection, and
// per-decision scratch is pooled. DecideInto does not allocate when the
// Decision's slices are reused; Decide allocates only the Decision.
//
// Counters (impressions per campaign, per UTC day, per viewer and day,
// per session) are what goals, caps and pacing read. The engine only
// reads them; the data plane records impressions when beacons arrive.
// NewMemoryCounters keeps them in process. NewRedisCounters shares them
// between instances, reading each tier's counts in one MGET (no local
// cache, so a cap reached on one instance holds on all at once); when
// Redis cannot answer, campaigns that need a count fail closed.
//
// The package knows nothing about HTTP, SQL or how campaigns are stored,
// and it does not choose variants or fill: the caller turns Picks into
// variants and fills what is left with house ads.
package decision
