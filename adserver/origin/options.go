package origin

import (
	"errors"
	"log/slog"
	"net/http"
	"time"
)

// Defaults applied by NewCache to zero Options fields.
const (
	DefaultTimeout    = 5 * time.Second
	DefaultMaxBytes   = 2 << 20 // 2 MiB
	DefaultRetryAfter = time.Second
	DefaultIdleAfter  = 10 * time.Minute
	DefaultMaxEntries = 10000
	maxRedirects      = 3
	logEvery          = 10 * time.Second
)

// Options configure a Cache. Zero values take the defaults above.
type Options struct {
	// Allow lists the "host:port" origins may live on (no SSRF); empty
	// denies all. Matched against the URL host with default ports 80/443
	// filled in, on every redirect hop too. An entry without a port allows
	// both default ports.
	Allow []string
	// Timeout bounds a whole fetch: connect, headers and body.
	Timeout time.Duration
	// MaxBytes caps a playlist body; a larger one fails with ErrTooLarge.
	MaxBytes int64
	// StaleFor is how long after a value stopped being fresh it may still
	// be served (Stale=true) while the origin fails. Zero: never.
	StaleFor time.Duration
	// RetryAfter is how long a failure is remembered before the origin is
	// tried again, so a dead origin sees one fetch per URL per RetryAfter.
	RetryAfter time.Duration
	// IdleAfter drops entries not requested for this long.
	IdleAfter time.Duration
	// MaxEntries caps the number of URLs cached; the least recently used
	// entry is dropped to make room.
	MaxEntries int
	// Client is used for fetches (tests). Its CheckRedirect is replaced by
	// the allowlist check. Default: a client with bounded transport limits.
	Client *http.Client
	// Logger receives throttled origin failures. Default: slog.Default().
	Logger *slog.Logger
	// Now is the clock (tests). Default: time.Now.
	Now func() time.Time
}

// Validate reports bad options, naming the field, so configuration can fail
// at start instead of denying every origin.
func (o Options) Validate() error {
	var errs []error
	if _, err := parseAllow(o.Allow); err != nil {
		errs = append(errs, err)
	}
	durations := []struct {
		name string
		d    time.Duration
	}{{"Timeout", o.Timeout}, {"StaleFor", o.StaleFor}, {"RetryAfter", o.RetryAfter}, {"IdleAfter", o.IdleAfter}}
	for _, f := range durations {
		if f.d < 0 {
			errs = append(errs, errors.New(f.name+" must not be negative"))
		}
	}
	if o.MaxBytes < 0 {
		errs = append(errs, errors.New("MaxBytes must not be negative"))
	}
	if o.MaxEntries < 0 {
		errs = append(errs, errors.New("MaxEntries must not be negative"))
	}
	return errors.Join(errs...)
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.StaleFor < 0 {
		o.StaleFor = 0
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = DefaultRetryAfter
	}
	if o.IdleAfter <= 0 {
		o.IdleAfter = DefaultIdleAfter
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = DefaultMaxEntries
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
