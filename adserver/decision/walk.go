package decision

// walker yields one decision's candidates in fill order, lazily: group by
// group (priority, then class, as the board ranks them) and, within a
// group, rotated: from a candidate the decision's seed picks (each
// candidate of the group equally likely), ascending by rank, then
// wrapping round to the group's first. It touches only the candidates it
// yields, plus a few binary searches per group entered.
type walker struct {
	b    *board
	seed uint64
	rest runs // ranks past the current group
	// after and before are the current group's ranks not yet yielded:
	// those from the pivot on, then those before it.
	after, before runs
	group         *group // the current group
	head          int32  // the next rank, when hasHead
	hasHead       bool
	left          int // candidates not yet yielded
}

func (w *walker) init(b *board, ids *contextIDs, seed uint64) {
	w.b, w.seed = b, seed
	w.after.n, w.before.n, w.hasHead = 0, 0, false
	var lists candidateLists
	b.lists(ids, &lists)
	w.rest.n, w.left = 0, 0
	for _, l := range lists {
		w.rest.add(l)
		w.left += len(l)
	}
}

// peek is the next candidate's rank without taking it; false when all
// are taken. After a true peek, w.group is its group.
func (w *walker) peek() (int32, bool) {
	if w.hasHead {
		return w.head, true
	}
	for {
		if r, ok := w.after.next(); ok {
			w.head, w.hasHead = r, true
			return r, true
		}
		if r, ok := w.before.next(); ok {
			w.head, w.hasHead = r, true
			return r, true
		}
		if !w.enterGroup() {
			return 0, false
		}
	}
}

// pop takes the candidate peek returned.
func (w *walker) pop() {
	w.hasHead = false
	w.left--
}

// skipGroup drops what is left of the current group (the peeked
// candidate included) and returns how many that was.
func (w *walker) skipGroup() int {
	n := w.after.len() + w.before.len()
	if w.hasHead {
		n++
	}
	w.after.n, w.before.n, w.hasHead = 0, 0, false
	w.left -= n
	return n
}

// enterGroup moves the candidates of the next group from rest into after
// and before, split at the pivot; false when rest is empty.
func (w *walker) enterGroup() bool {
	first, ok := w.rest.min()
	if !ok {
		return false
	}
	g := &w.b.groups[w.b.group[first]]
	w.group = g
	var seg runs
	n := 0
	for i := 0; i < w.rest.n; {
		l := w.rest.l[i]
		k := searchFrom(l, g.end)
		seg.add(l[:k])
		n += k
		if k < len(l) {
			w.rest.l[i] = l[k:]
			i++
		} else {
			w.rest.remove(i)
		}
	}
	// The pivot is the k-th candidate counting run by run: any order
	// would do, each candidate is as likely.
	k := int(mix(w.seed^g.salt) % uint64(n))
	var pivot int32
	for _, l := range seg.l[:seg.n] {
		if k < len(l) {
			pivot = l[k]
			break
		}
		k -= len(l)
	}
	w.after.n, w.before.n = 0, 0
	for _, l := range seg.l[:seg.n] {
		j := searchFrom(l, pivot)
		w.before.add(l[:j])
		w.after.add(l[j:])
	}
	return true
}

// searchFrom is the index of the first element of l (ascending) >= v.
// Groups are short next to the lists they cut: it gallops from the
// start, then searches the last stride.
func searchFrom(l []int32, v int32) int {
	if len(l) == 0 || l[0] >= v {
		return 0
	}
	lo, hi := 0, 1 // l[lo] < v
	for hi < len(l) && l[hi] < v {
		lo, hi = hi, 2*hi
	}
	// l[lo] < v <= l[hi] (hi == len(l): past the end)
	hi = min(hi, len(l))
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if l[mid] < v {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// runs are up to numFields+1 disjoint ascending lists, the empty ones
// left out so that merging scans only those that hold something.
type runs struct {
	l [numFields + 1][]int32
	n int
}

func (r *runs) add(l []int32) {
	if len(l) > 0 {
		r.l[r.n] = l
		r.n++
	}
}

func (r *runs) len() int {
	n := 0
	for _, l := range r.l[:r.n] {
		n += len(l)
	}
	return n
}

func (r *runs) remove(i int) {
	r.n--
	r.l[i] = r.l[r.n]
	r.l[r.n] = nil
}

// min is the smallest head; false when all runs are empty.
func (r *runs) min() (int32, bool) {
	if r.n == 0 {
		return 0, false
	}
	v := r.l[0][0]
	for _, l := range r.l[1:r.n] {
		v = min(v, l[0])
	}
	return v, true
}

// next pops the smallest head; false when all runs are empty.
func (r *runs) next() (int32, bool) {
	if r.n == 0 {
		return 0, false
	}
	best, v := 0, r.l[0][0]
	for i := 1; i < r.n; i++ {
		if h := r.l[i][0]; h < v {
			best, v = i, h
		}
	}
	if l := r.l[best]; len(l) > 1 {
		r.l[best] = l[1:]
	} else {
		r.remove(best)
	}
	return v, true
}
