// Package variants owns media: ad creatives as HLS ladders. This package
// is the content-addressed variant cache and its render queue; subpackages
// do the ffmpeg work (render, probe, template) and the demo content (demo).
//
// It also names where uploaded spots and images live (files.go).
//
// A variant is one rendering of a spot for one set of personalization
// values into one stream's ladder. Its ID is a content address (Key) and
// it lives in Config.Dir/<id>/ (master.m3u8, r0/, r1/ ... and the marker
// variant.json). A variant directory only ever appears whole: it is
// rendered into a hidden temp dir that is renamed into place after its
// marker is written and synced, so any number of instances can share one
// data dir; the first rename wins and the others adopt its result.
//
// The Service answers the request path cheaply (Ready, Touch: no disk, no
// lock, no allocation), queues what is missing (Ensure: High on demand,
// Low pre-render, deduplicated by key), renders with a bounded number of
// workers (Run) and keeps the ready variants under a disk budget by
// evicting the least recently used ones. How a variant is rendered is the
// caller's closure (Request.Render): this package never runs ffmpeg and
// must not import variants/render or variants/template.
package variants
