package sqlitestore

import (
	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/store"
)

// plan is what one Insert writes, worked out in memory first. Its slices
// and map are reused from batch to batch (Insert holds Store.mu).
type plan struct {
	versions []int64        // store.Version of each batch event
	winner   map[string]int // event id -> index in winners
	winners  []int          // per distinct id, the batch index of the copy to keep
	appends  []int          // batch indexes of ids the tail does not hold
	replaces []int          // batch indexes of higher versions of tail events
}

// pick keeps one copy per event id: the highest version, the first of
// equals. Storing the batch one event at a time, each replacing a stored
// copy only with a higher version, would keep the same one.
func (p *plan) pick(batch []analytics.Event) {
	if p.winner == nil {
		p.winner = make(map[string]int, len(batch))
	}
	clear(p.winner)
	p.versions, p.winners = p.versions[:0], p.winners[:0]
	for i := range batch {
		v := store.Version(&batch[i])
		p.versions = append(p.versions, v)
		if w, ok := p.winner[batch[i].ID]; ok {
			if v > p.versions[p.winners[w]] {
				p.winners[w] = i
			}
			continue
		}
		p.winner[batch[i].ID] = len(p.winners)
		p.winners = append(p.winners, i)
	}
}

// againstTail sorts the winners against the tail: ids it does not hold are
// appended (and then checked against event_ids), copies with a higher
// version than the tail's replace it, and the others are dropped.
func (p *plan) againstTail(batch []analytics.Event, t *tail) {
	p.appends, p.replaces = p.appends[:0], p.replaces[:0]
	for _, i := range p.winners {
		row, ok := t.rows[batch[i].ID]
		switch {
		case !ok:
			p.appends = append(p.appends, i)
		case p.versions[i] > row.version:
			p.replaces = append(p.replaces, i)
		}
	}
}
