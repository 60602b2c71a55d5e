package vast

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// requireEnv turns a missing xmllint or schema into a failure instead of a
// skip, as for the player tests.
const requireEnv = "ADSTITCH_REQUIRE_PLAYER"

// schemaPath is the IAB schema, beside the checkout: <module>/../shared/….
func schemaPath(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "..", "shared", "standards", "vast", "vast_4.2.xsd")
		}
		if filepath.Dir(d) == d {
			t.Fatalf("no go.mod above %s", dir)
		}
	}
}

func missing(t *testing.T, what string) {
	t.Helper()
	if v := os.Getenv(requireEnv); v != "" && v != "0" {
		t.Fatalf("%s (%s=%s requires it)", what, requireEnv, v)
	}
	t.Skipf("%s; set %s=1 to fail instead of skipping", what, requireEnv)
}

// TestWriteValidatesAgainstXSD checks every writeCases document with
// xmllint --schema vast_4.2.xsd.
func TestWriteValidatesAgainstXSD(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		missing(t, "xmllint is not installed (apt-get install libxml2-utils)")
	}
	xsd := schemaPath(t)
	if _, err := os.Stat(xsd); err != nil {
		missing(t, fmt.Sprintf("VAST 4.2 schema not found: %v", err))
	}
	dir := t.TempDir()
	for _, tc := range writeCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.notXSD != "" {
				t.Skip("not schema-valid on purpose: " + tc.notXSD)
			}
			var buf bytes.Buffer
			if err := Write(&buf, tc.pod); err != nil {
				t.Fatalf("Write: %v", err)
			}
			file := filepath.Join(dir, tc.name+".xml")
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(xmllint, "--noout", "--schema", xsd, file).CombinedOutput()
			if err != nil {
				t.Errorf("xmllint: %v\n%s\n%s", err, out, buf.Bytes())
			}
		})
	}
}
