package adserver

import (
	"sync"

	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/manifest"
)

// reqState is the per-request scratch of the playlist path, pooled so a
// personalized playlist costs no allocation in steady state.
type reqState struct {
	sess   session.Context
	plan   manifest.Plan
	pods   []manifest.Pod
	items  []manifest.PodItem
	prefix []byte
	out    []byte
}

var statePool = sync.Pool{New: func() any { return new(reqState) }}

func getState() *reqState { return statePool.Get().(*reqState) }

func putState(st *reqState) {
	if cap(st.out) > 4<<20 {
		st.out = nil // do not keep a huge VOD buffer forever
	}
	st.plan.Pods, st.plan.PastPods = st.plan.Pods[:0], st.plan.PastPods[:0]
	st.items = st.items[:0]
	st.sess.Reset()
	statePool.Put(st)
}
