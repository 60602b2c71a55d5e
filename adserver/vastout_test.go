package adserver

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// GET /v1/vast returns the pod as VAST 4.2 that validates against the IAB schema.
func TestVASTOutValidatesAgainstSchema(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServer(t, o, "")
	code, hdr, body := get(t, ts.url+"/v1/vast?stream=show&viewer_id=v1&duration=30&ip=198.51.100.7")
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/xml") {
		t.Fatalf("= %d %s", code, body)
	}
	for _, want := range []string{`version="4.2"`, "<InLine>", "<UniversalAdId", "/ad/master.m3u8", "/v1/events/", "<AdServingId>"} {
		if !strings.Contains(body, want) {
			t.Errorf("VAST lacks %q:\n%s", want, body)
		}
	}
	xsd, err := filepath.Abs(filepath.Join("..", "..", "shared", "standards", "vast", "vast_4.2.xsd"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(xsd); err != nil {
		t.Skipf("IAB schema not found at %s", xsd)
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("ADSTITCH_REQUIRE_PLAYER") != "" {
			t.Fatal("xmllint missing (apt-get install libxml2-utils)")
		}
		t.Skip("xmllint missing (apt-get install libxml2-utils)")
	}
	f := filepath.Join(t.TempDir(), "pod.xml")
	if err := os.WriteFile(f, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--schema", xsd, f).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s\n%s", err, out, body)
	}
	for _, bad := range []string{"?stream=show&duration=abc", "?stream=nope&duration=30", "?stream=show&duration=30&ip=nope"} {
		if code, _, b := get(t, ts.url+"/v1/vast"+bad); code != 400 || !strings.Contains(b, `"error"`) {
			t.Errorf("%s = %d %s", bad, code, b)
		}
	}
}
