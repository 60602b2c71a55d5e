package configs

import (
	"os"
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzParse: any document either fails with an error or yields a valid
// config that survives a marshal round trip.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"default.yaml", "example.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(minimalYAML))
	for _, tc := range decodeCases {
		f.Add([]byte(tc.yaml))
	}
	for _, tc := range validateCases {
		f.Add([]byte(tc.yaml))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := parse(data, "fuzz.yaml", noEnv)
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("parsed config does not validate: %v", err)
		}
		out, err := yaml.Marshal(c)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if _, err := parse(out, "marshaled.yaml", noEnv); err != nil {
			t.Fatalf("marshaled config does not parse: %v\n%s", err, out)
		}
	})
}
