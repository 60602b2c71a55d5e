package sqlitestore

import (
	"database/sql/driver"
	"fmt"

	"modernc.org/sqlite"
)

// eventKey is event_keys' key of an event id: FNV-1a 64, then murmur3's
// 64-bit finalizer, so that every bit depends on every byte and the key
// serves the id filter as its hash too. Distinct ids may share a key: a
// lookup compares the ids of the events it finds. Keys are stored, so
// this function must never change.
func eventKey[T ~string | ~[]byte](id T) int64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return int64(h)
}

// eventKeySQL is eventKey in SQL, for migration 0004 (which keys the ids
// event_ids listed) and for checking the index by hand. Registered with
// the driver, it exists on every connection this process opens.
const eventKeySQL = "adstitch_event_key"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(eventKeySQL, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch id := args[0].(type) {
		case string:
			return eventKey(id), nil
		case []byte:
			return eventKey(id), nil
		default:
			return nil, fmt.Errorf("%s: want an event id, got %T", eventKeySQL, args[0])
		}
	})
}
