// Package variants owns media: ad creatives as HLS ladders, and (in
// subpackages) the ffmpeg work that produces them, such as the demo content.
package variants
