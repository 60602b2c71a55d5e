package render

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
)

// progressLine reads one line of ffmpeg's -progress output ("key=value"):
// the output time reached, in microseconds (out_time_us; N/A early on
// reads as not ok), or the end of the run (progress=end).
func progressLine(line []byte) (outUS int64, end, ok bool) {
	key, value, found := bytes.Cut(bytes.TrimSpace(line), []byte("="))
	if !found {
		return 0, false, false
	}
	switch string(key) {
	case "out_time_us":
		us, err := strconv.ParseInt(string(value), 10, 64)
		if err != nil || us < 0 {
			return 0, false, false
		}
		return us, false, true
	case "progress":
		return 0, string(value) == "end", string(value) == "end"
	}
	return 0, false, false
}

// readProgress reads ffmpeg's -progress stream to its end and calls
// report with the fraction done (output time over total seconds), never
// above 1 and never going back; 1 at the end. It always drains r, so
// ffmpeg never blocks on a full pipe.
func readProgress(r io.Reader, total float64, report func(float64)) {
	defer io.Copy(io.Discard, r)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	last := -1.0
	for sc.Scan() {
		us, end, ok := progressLine(sc.Bytes())
		if !ok {
			continue
		}
		done := 1.0
		if !end {
			if total <= 0 {
				continue
			}
			done = min(float64(us)/1e6/total, 1)
		}
		if done > last {
			last = done
			if report != nil {
				report(done)
			}
		}
	}
}
