package adserver

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// Bodies stream so that uploads never sit in memory; every other route
// still refuses a large body, or one of unknown length, before reading it.
// (Uploads past this limit: TestSpotToPersonalizedPodsEndToEnd.)
func TestBodyLimits(t *testing.T) {
	ts := startServer(t, newFakeOrigin(t), "")
	big := strings.Repeat("x", maxBody+1)
	cases := []struct {
		name, path string
		body       io.Reader
		chunked    bool
		want       int
	}{
		{"small session body is read", "/v1/sessions", strings.NewReader(`{"stream":"nope"}`), false, 400},
		{"large session body refused unread", "/v1/sessions", strings.NewReader(big), false, 413},
		{"chunked session body refused", "/v1/sessions", strings.NewReader(`{}`), true, 411},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, ts.url+tc.path, tc.body)
			if tc.chunked {
				req.ContentLength = -1
				req.TransferEncoding = []string{"chunked"}
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.want || !strings.Contains(string(b), `"error"`) {
				t.Fatalf("%d %s, want %d with a JSON error", resp.StatusCode, b, tc.want)
			}
		})
	}
}
