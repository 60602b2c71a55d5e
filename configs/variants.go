package configs

import "path/filepath"

// VariantOptions configure uploads and the rendering of personalized
// variants of base spots.
type VariantOptions struct {
	Dir             string   `yaml:"dir"`              // rendered variants, default <data_dir>/variants (share it between instances)
	URLPrefix       string   `yaml:"url_prefix"`       // where players fetch variants: a CDN in front of Dir, default <public_url>/v1/variants/
	MaxBytes        int64    `yaml:"max_bytes"`        // disk for rendered variants, least recently used evicted beyond (default 10 GiB)
	MaxUploadBytes  int64    `yaml:"max_upload_bytes"` // largest base spot accepted (default 500 MiB)
	Concurrency     int      `yaml:"concurrency"`      // renders at once (default 1)
	RenderTimeout   Duration `yaml:"render_timeout"`   // one render at most (default 5m): a hung ffmpeg is killed
	PrerenderLimit  int      `yaml:"prerender_limit"`  // variants queued per saved campaign (default 50)
	FontDirs        []string `yaml:"font_dirs"`        // extra font directories (default: /usr/share/fonts)
	MinSpotDuration Duration `yaml:"min_spot_duration"`
	MaxSpotDuration Duration `yaml:"max_spot_duration"`
}

// Variant defaults.
const (
	DefaultVariantMaxBytes    = 10 << 30
	DefaultMaxUploadBytes     = 500 << 20
	DefaultRenderTimeout      = Duration(5 * 60e9)
	DefaultPrerenderLimit     = 50
	DefaultMinSpotDuration    = Duration(5e9)
	DefaultMaxSpotDuration    = Duration(120e9)
	defaultVariantConcurrency = 1
)

func (v *VariantOptions) setDefaults(dataDir, publicURL string) {
	setString(&v.Dir, filepath.Join(dataDir, "variants"))
	setString(&v.URLPrefix, publicURL+"/v1/variants/")
	if v.MaxBytes == 0 {
		v.MaxBytes = DefaultVariantMaxBytes
	}
	if v.MaxUploadBytes == 0 {
		v.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if v.Concurrency == 0 {
		v.Concurrency = defaultVariantConcurrency
	}
	if v.PrerenderLimit == 0 {
		v.PrerenderLimit = DefaultPrerenderLimit
	}
	setDuration(&v.RenderTimeout, DefaultRenderTimeout)
	setDuration(&v.MinSpotDuration, DefaultMinSpotDuration)
	setDuration(&v.MaxSpotDuration, DefaultMaxSpotDuration)
}

func (v *VariantOptions) validate(p *problems) {
	if v.MaxBytes < 1<<20 {
		p.add("variants.max_bytes", "must be at least 1 MiB, got %d", v.MaxBytes)
	}
	if v.MaxUploadBytes < 1<<10 {
		p.add("variants.max_upload_bytes", "must be at least 1 KiB, got %d", v.MaxUploadBytes)
	}
	if v.Concurrency < 1 || v.Concurrency > 64 {
		p.add("variants.concurrency", "must be 1..64, got %d", v.Concurrency)
	}
	if v.RenderTimeout <= 0 {
		p.add("variants.render_timeout", "must be positive")
	}
	if v.PrerenderLimit < 0 || v.PrerenderLimit > 10000 {
		p.add("variants.prerender_limit", "must be 0..10000, got %d", v.PrerenderLimit)
	}
	if v.MinSpotDuration <= 0 || v.MaxSpotDuration < v.MinSpotDuration {
		p.add("variants.max_spot_duration", "must be at least min_spot_duration (and both positive)")
	}
}
