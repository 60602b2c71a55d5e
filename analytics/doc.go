// Package analytics defines the ad events adstitch records (impressions and
// quartiles) and the Recorder interface through which the data plane hands
// them off. Stores and transports live in subpackages.
package analytics
