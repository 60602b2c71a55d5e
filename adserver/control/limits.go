package control

import "time"

// Limits of the model. Names and categories are labels, not documents.
const (
	MaxNameLen      = 200
	MaxCategoryLen  = 100
	MaxURLLen       = 2048
	MaxCreatives    = 50
	MinPriority     = 1
	MaxPriority     = 100
	DefaultPriority = 5
)

// Flight times must fit the store's Unix-nanosecond columns.
var (
	minFlight = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	maxFlight = time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC)
)
