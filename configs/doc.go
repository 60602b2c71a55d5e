// Package configs holds adstitch's typed configuration: the YAML schema, its
// embedded defaults, environment overrides and validation.
//
// A configuration is built in a fixed order, each step in its own file:
//
//  1. YAML (config.go): strict decoding, an unknown key is an error naming its line;
//  2. environment (env.go): ADSTITCH_<YAML_PATH> overrides scalars and scalar lists;
//  3. defaults (defaults.go): zero values become documented defaults;
//  4. URL resolution (urls.go): origin and ad URLs that are paths ("/origin/…")
//     are rewritten in place to absolute URLs under PublicURL;
//  5. validation (validate.go): every problem is reported, each naming its key
//     ("streams[1].id: …").
//
// The package reads files and the environment only at startup; nothing here is
// on the request path. It knows nothing about HTTP, HLS or sessions: the
// server turns a Config into running components.
package configs
