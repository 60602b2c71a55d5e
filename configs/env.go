package configs

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// EnvPrefix starts every environment override: ADSTITCH_ + the upper-cased
// YAML path joined by "_" (ADSTITCH_ORIGIN_TIMEOUT for origin.timeout).
//
// Overridable are the scalars reachable without crossing a list, lists of
// scalars as comma lists (ADSTITCH_ORIGINS_ALLOW=a:1,b:2), and two lists of
// pairs: ADSTITCH_SESSIONS_KEYS="id:secret,id2:secret2" and
// ADSTITCH_API_KEYS="key:role,key2:role2" (secrets and keys therefore cannot
// contain ","). A variable that is set replaces the YAML value, even when
// empty. Lists of structures (ADSTITCH_STREAMS, ADSTITCH_FILL) are errors:
// they only live in YAML. Other ADSTITCH_* variables are ignored: tests and
// tools use the prefix too.
const EnvPrefix = "ADSTITCH"

var (
	durationType    = reflect.TypeFor[Duration]()
	sessionKeysType = reflect.TypeFor[[]SessionKey]()
	apiKeysType     = reflect.TypeFor[[]APIKey]()
)

// applyEnv overrides c's fields from lookup and reports every bad variable.
func applyEnv(c *Config, lookup func(string) (string, bool)) error {
	var errs []error
	applyEnvStruct(reflect.ValueOf(c).Elem(), EnvPrefix, lookup, &errs)
	return errors.Join(errs...)
}

// applyEnvStruct walks the yaml-tagged fields of v and reports whether any
// variable was set, so an optional section (*Slate) is only created when used.
func applyEnvStruct(v reflect.Value, prefix string, lookup func(string) (string, bool), errs *[]error) bool {
	applied := false
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		name := prefix + "_" + strings.ToUpper(tag)
		f := v.Field(i)
		switch {
		case f.Kind() == reflect.Struct:
			applied = applyEnvStruct(f, name, lookup, errs) || applied
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.Struct:
			target := f
			if f.IsNil() {
				target = reflect.New(f.Type().Elem())
			}
			if applyEnvStruct(target.Elem(), name, lookup, errs) {
				f.Set(target)
				applied = true
			}
		default:
			s, ok := lookup(name)
			if !ok {
				continue
			}
			if err := setFromEnv(f, s); err != nil {
				*errs = append(*errs, fmt.Errorf("%s: %w", name, err))
				continue
			}
			applied = true
		}
	}
	return applied
}

// setFromEnv parses s into f. Lists of structures other than the key lists
// have no environment form.
func setFromEnv(f reflect.Value, s string) error {
	switch {
	case f.Type() == durationType:
		d, err := ParseDuration(s)
		if err != nil {
			return err
		}
		f.SetInt(int64(d))
	case f.Type() == sessionKeysType:
		keys, err := parseSessionKeys(s)
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(keys))
	case f.Type() == apiKeysType:
		keys, err := parseAPIKeys(s)
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(keys))
	case f.Kind() == reflect.String:
		f.SetString(s)
	case f.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("invalid boolean %q: want true or false", s)
		}
		f.SetBool(b)
	case f.CanInt():
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, f.Type().Bits())
		if err != nil {
			return fmt.Errorf("invalid integer %q", s)
		}
		f.SetInt(n)
	case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
		f.Set(reflect.ValueOf(splitList(s)).Convert(f.Type()))
	default:
		return errors.New("this list can only be set in the YAML file")
	}
	return nil
}

// splitList splits a comma list, trimming spaces and dropping empty items.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// parseSessionKeys reads "id:secret,id2:secret2". Messages never echo secrets.
func parseSessionKeys(s string) ([]SessionKey, error) {
	var keys []SessionKey
	for i, item := range splitList(s) {
		id, secret, ok := strings.Cut(item, ":")
		if !ok {
			return nil, fmt.Errorf("entry %d: want id:secret", i+1)
		}
		keys = append(keys, SessionKey{ID: id, Secret: secret})
	}
	return keys, nil
}

// parseAPIKeys reads "key:role,key2:role2". Messages never echo keys.
func parseAPIKeys(s string) ([]APIKey, error) {
	var keys []APIKey
	for i, item := range splitList(s) {
		at := strings.LastIndexByte(item, ':')
		if at < 0 {
			return nil, fmt.Errorf("entry %d: want key:role", i+1)
		}
		keys = append(keys, APIKey{Key: item[:at], Role: item[at+1:]})
	}
	return keys, nil
}
