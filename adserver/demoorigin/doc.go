// Package demoorigin is the HLS origin that adstitch serves itself under
// /origin/ so that a fresh `make run` has content to stitch: the demo
// media of package variants/demo as static files, plus a simulated live
// stream that loops the 60 s VOD forever with one 20 s ad break per loop,
// signalled in the cue dialect the client asks for (EXT-X-CUE-OUT,
// EXT-X-DATERANGE with SCTE35-OUT/IN, or EXT-OATCLS-SCTE35).
//
// The live playlist is a pure function of the clock, so every instance
// and every test sees the same stream at the same instant. The package
// renders no media (variants/demo does) and knows nothing of sessions or
// stitching.
package demoorigin
