package api

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/adstitch/adstitch/adserver/campaign"
)

type openAPIDocument struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"schemas"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T) openAPIDocument {
	t.Helper()
	var doc openAPIDocument
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0.") {
		t.Fatalf("openapi %q, want 3.0.x", doc.OpenAPI)
	}
	return doc
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// TestOpenAPIRoutes: every route is documented, and nothing else is.
func TestOpenAPIRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	served := map[string]bool{}
	for _, r := range New(nil, Options{}).Routes() {
		key := strings.ToLower(r.Method) + " " + r.Path
		served[key] = true
		op, ok := doc.Paths[r.Path][strings.ToLower(r.Method)]
		if !ok {
			t.Errorf("route %s %s is not in openapi.json", r.Method, r.Path)
			continue
		}
		var o struct {
			OperationID string                     `json:"operationId"`
			Responses   map[string]json.RawMessage `json:"responses"`
		}
		if err := json.Unmarshal(op, &o); err != nil || o.OperationID == "" || len(o.Responses) == 0 {
			t.Errorf("%s %s: operation without operationId or responses (%v)", r.Method, r.Path, err)
		}
	}
	for path, item := range doc.Paths {
		for method := range item {
			if slices.Contains(httpMethods, method) && !served[method+" "+path] {
				t.Errorf("openapi.json documents %s %s, which no route serves", method, path)
			}
		}
	}
}

// TestOpenAPISpecValidator validates the document against the OpenAPI 3.0
// specification with the Python openapi-spec-validator, when installed.
func TestOpenAPISpecValidator(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	if exec.Command(py, "-c", "import openapi_spec_validator").Run() != nil {
		t.Skip("python module openapi_spec_validator not installed (pip install openapi-spec-validator)")
	}
	cmd := exec.Command(py, "-c", "import json, sys, openapi_spec_validator as v; v.validate(json.load(sys.stdin))")
	cmd.Stdin = bytes.NewReader(OpenAPI())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("openapi.json is not valid OpenAPI: %v\n%s", err, out)
	}
}

// TestOpenAPIRefs: every $ref points at a component that exists.
func TestOpenAPIRefs(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				var node any = doc
				for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
					m, _ := node.(map[string]any)
					node = m[part]
				}
				if node == nil {
					t.Errorf("$ref %s points nowhere", ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
}

// TestOpenAPISchemas: each schema lists exactly the JSON fields of the
// type the handlers decode or encode.
func TestOpenAPISchemas(t *testing.T) {
	doc := loadOpenAPI(t)
	for name, typ := range map[string]reflect.Type{
		"Error":           reflect.TypeFor[errorBody](),
		"Advertiser":      reflect.TypeFor[campaign.Advertiser](),
		"AdvertiserInput": reflect.TypeFor[advertiserInput](),
		"AdvertiserList":  reflect.TypeFor[list[campaign.Advertiser]](),
		"Campaign":        reflect.TypeFor[campaign.Campaign](),
		"CampaignInput":   reflect.TypeFor[campaignInput](),
		"CampaignList":    reflect.TypeFor[list[campaign.Campaign]](),
		"Creative":        reflect.TypeFor[campaign.Creative](),
		"CreativeInput":   reflect.TypeFor[creativeInput](),
		"CreativeList":    reflect.TypeFor[list[campaign.Creative]](),
		"FrequencyCap":    reflect.TypeFor[frequencyCapInput](),
		"Snapshot":        reflect.TypeFor[Snapshot](),
		"Spot":            reflect.TypeFor[campaign.Spot](),
		"SpotList":        reflect.TypeFor[list[campaign.Spot]](),
		"Image":           reflect.TypeFor[campaign.Image](),
		"WhoAmI":          reflect.TypeFor[whoAmI](),
		"Variant":         reflect.TypeFor[variantView](),
		"VariantList": reflect.TypeFor[struct {
			Variants []variantView `json:"variants"`
		}](),
	} {
		schema, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("schema %s is missing", name)
			continue
		}
		var want, got []string
		for i := range typ.NumField() {
			tag, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			want = append(want, tag)
		}
		for p := range schema.Properties {
			got = append(got, p)
		}
		slices.Sort(want)
		slices.Sort(got)
		if name == "CreativeList" {
			want = slices.DeleteFunc(want, func(s string) bool { return s == "next_cursor" }) // never paged
		}
		if !slices.Equal(got, want) {
			t.Errorf("schema %s has %v, type %v has %v", name, got, typ, want)
		}
	}
}
