package geo

import (
	"sync"
	"time"
	_ "time/tzdata" // zones resolve without system zoneinfo
)

// maxZones bounds the zone cache; the time zone can come from a client
// hint, so unknown names must not grow it forever. IANA has ~600 zones.
const maxZones = 1024

var zones = struct {
	sync.RWMutex
	m map[string]*time.Location // nil value: known-bad name
}{m: make(map[string]*time.Location)}

// UTCOffset returns minutes east of UTC in the IANA zone tz at t. It
// returns (0, false) for an empty or unknown zone and for "Local", which
// would depend on the server.
func UTCOffset(tz string, t time.Time) (int16, bool) {
	loc := zoneFor(tz)
	if loc == nil {
		return 0, false
	}
	_, secs := t.In(loc).Zone()
	return int16(secs / 60), true
}

func zoneFor(tz string) *time.Location {
	if tz == "" || tz == "Local" {
		return nil
	}
	zones.RLock()
	loc, ok := zones.m[tz]
	zones.RUnlock()
	if ok {
		return loc
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = nil
	}
	zones.Lock()
	if len(zones.m) < maxZones {
		zones.m[tz] = loc
	}
	zones.Unlock()
	return loc
}
