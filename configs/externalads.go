package configs

import "time"

// ExternalAds asks an external ad server (VAST 2-4, wrappers followed up to
// 5 hops) for each break of a stream before adstitch's own campaigns; its
// failures and time-outs fall back to the campaigns and fill.
type ExternalAds struct {
	// URL template; macros [SESSION] [VIEWER] [CITY] [REGION] [COUNTRY]
	// [DURATION] [DEVICE] [STREAM] [INTERESTS] [CACHEBUSTING] (also ${NAME}).
	URL     string   `yaml:"url"`
	Timeout Duration `yaml:"timeout"` // whole wrapper chain; default 1.5s
}

// DefaultExternalAdsTimeout bounds an external ad request.
const DefaultExternalAdsTimeout = Duration(1500 * time.Millisecond)

func (e *ExternalAds) validate(p *problems, key string, c *Config, allow map[string]bool) {
	if e == nil {
		return
	}
	if e.Timeout == 0 {
		e.Timeout = DefaultExternalAdsTimeout
	}
	if e.Timeout < 0 || e.Timeout > Duration(10*time.Second) {
		p.add(key+".timeout", "must be between 0 and 10s, got %s", e.Timeout)
	}
	c.checkOriginURL(p, key+".url", e.URL, allow)
}
