package decision

// scratch is one decision's working memory, pooled per Engine so a
// Decide allocates nothing of its own once the pool is warm.
type scratch struct {
	fold     []byte  // folded context values for index lookups
	pending  []int32 // positions that passed the static checks, parallel to batch.Items
	batch    Batch
	elig     []int32 // the batch's eligible positions, in fill order
	eligPos  []int32 // every eligible position of the decision
	eligible []string
	rejected []Rejection
	picks    []Pick
	podAdv   []int32
	podCat   []int32
}

func (sc *scratch) reset() {
	sc.pending = sc.pending[:0]
	sc.batch.Items = sc.batch.Items[:0]
	sc.elig = sc.elig[:0]
	sc.eligPos = sc.eligPos[:0]
	sc.eligible = sc.eligible[:0]
	sc.rejected = sc.rejected[:0]
	sc.picks = sc.picks[:0]
	sc.podAdv = sc.podAdv[:0]
	sc.podCat = sc.podCat[:0]
}

func (sc *scratch) reject(c *compiled, reason string) {
	sc.rejected = append(sc.rejected, Rejection{CampaignID: c.id, Reason: reason})
}
