package api

import (
	"context"
	"strings"
	"testing"

	"github.com/adstitch/adstitch/variants"
)

// A marketer sees the variants of its own creatives only; another
// advertiser's answer exactly like missing ones.
func TestVariantsScopedToAdvertiser(t *testing.T) {
	f := buildFixture(t)
	svc, err := variants.New(variants.Config{Dir: t.TempDir(), URLPrefix: "http://cdn.test/v/"})
	if err != nil {
		t.Fatal(err)
	}
	never := func(context.Context, string, func(float64)) (variants.Rendered, error) {
		t.Error("nothing renders here: the service does not run")
		return variants.Rendered{}, nil
	}
	ids := map[string]string{}
	for _, cr := range []string{f.campA.Creatives[0].ID, f.campB.Creatives[0].ID} {
		v := svc.Ensure(variants.Request{Key: variants.Key(cr, "madrid"), CreativeID: cr, Stream: "show",
			Context: map[string]string{"city": "Madrid"}, Priority: variants.Low, Render: never})
		ids[cr] = v.ID
	}
	ts := newTestServerAt(t, copyDB(t, f.path), func(o *Options) { o.Variants = svc })
	crA, crB := f.campA.Creatives[0].ID, f.campB.Creatives[0].ID

	var got struct{ Variants []variantView }
	ts.must(200, "GET", "/v1/variants?creative="+crA, f.marketerA, "").json(t, &got)
	if len(got.Variants) != 1 || got.Variants[0].ID != ids[crA] || got.Variants[0].Status != "queued" ||
		got.Variants[0].Context["city"] != "Madrid" || got.Variants[0].PreviewURL != "" {
		t.Fatalf("marketer A's variants: %+v", got)
	}
	ts.must(200, "GET", "/v1/variants?creative="+crB, adminKey, "").json(t, &got)
	if len(got.Variants) != 1 || got.Variants[0].ID != ids[crB] {
		t.Fatalf("admin sees B's variants: %+v", got)
	}
	for _, path := range []string{"/v1/variants?creative=" + crB, "/v1/variants/" + ids[crB]} {
		e := ts.do("GET", path, f.marketerA, "").err(t)
		if e.Code != "not_found" {
			t.Errorf("marketer A reading B's %s: %+v", path, e)
		}
	}
	ts.must(200, "GET", "/v1/variants/"+ids[crA], f.marketerA, "")
	if e := ts.do("GET", "/v1/variants", f.marketerA, "").err(t); !strings.Contains(e.Error, "?creative=") {
		t.Errorf("no creative named: %+v", e)
	}
}
