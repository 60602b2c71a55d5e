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
// Decide walks a context's candidates in fill order and stops when the
// pod is full. Fill order is priority, then asap before even, then even
// campaigns by how far behind schedule they are, then a rotation seeded
// by session and break, so viewers rotate through equal campaigns. "How
// far behind" needs every campaign's counts, so it is not computed per
// decision: the engine keeps a pacing board per snapshot (board.go) that
// reads all counts at once, classes the campaigns in buckets and
// renumbers them in fill order; it is refreshed in the background at most
// once a second. Decide evaluates candidates in small batches (checks,
// one counters read, a greedy fill), always with fresh counts, so caps,
// goals, frequency and pacing hold exactly for every pick whatever the
// board says. Once what is left of the break is shorter than every
// creative of what is left to walk, the rest are only counted
// (Decision.Skipped). The cost of a decision follows the candidates it
// evaluates, not the size of a tier: a few microseconds over 10,000
// campaigns whether priorities are spread (BenchmarkDecide) or all equal
// (BenchmarkDecideFlatPriority).
//
// Decide is on the playlist hot path: no fmt, regexp or reflection, and
// per-decision scratch is pooled. DecideInto does not allocate when the
// Decision's slices are reused; Decide allocates only the Decision.
//
// Counters (impressions per campaign, per UTC day, per viewer and day,
// per session) are what goals, caps and pacing read. The engine only
// reads them; the data plane records impressions when beacons arrive.
// NewMemoryCounters keeps them in process. NewRedisCounters shares them
// between instances, reading each batch's counts in one MGET (no local
// cache, so a cap reached on one instance holds on all at once); when
// Redis cannot answer, campaigns that need a count fail closed. The
// pacing board reads campaign totals and day counts only, in chunks.
//
// The package knows nothing about HTTP, SQL or how campaigns are stored,
// and it does not choose variants or fill: the caller turns Picks into
// variants and fills what is left with house ads.
package decision
