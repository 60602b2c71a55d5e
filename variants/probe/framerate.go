package probe

import (
	"math/big"
	"strconv"
	"strings"
)

// parseRate parses a frame rate fraction as ffprobe writes r_frame_rate
// ("30/1", "30000/1001") or a plain number ("25"). ok is false for
// anything else, zero and negative rates included.
func parseRate(s string) (r *big.Rat, ok bool) {
	num, den, hasDen := strings.Cut(s, "/")
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 {
		return nil, false
	}
	d := int64(1)
	if hasDen {
		if d, err = strconv.ParseInt(den, 10, 64); err != nil || d <= 0 {
			return nil, false
		}
	}
	return big.NewRat(n, d), true
}

// sameRate says whether two frame rate strings name the same rate
// ("30/1" and "60/2" do).
func sameRate(a, b string) bool {
	ra, okA := parseRate(a)
	rb, okB := parseRate(b)
	return okA && okB && ra.Cmp(rb) == 0
}

// framesIn returns how many frames of rate fit in sec seconds, rounded
// down; 0 when the rate does not parse.
func framesIn(rate string, sec float64) int {
	r, ok := parseRate(rate)
	if !ok || sec <= 0 {
		return 0
	}
	f, _ := r.Float64()
	// A hair of slack so that 6 s at 30000/1001 counts 179 frames and
	// 6 s at 30/1 exactly 180 despite float rounding.
	return int(sec*f + 1e-6)
}
