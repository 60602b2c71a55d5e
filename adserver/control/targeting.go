package control

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/adstitch/adstitch/adserver/targeting"
)

// ValidateTargeting parses a campaign's rule (absent or null: everyone)
// and rejects rules that can never match. Parse errors name the node
// (targeting.all[1].city: unknown operator "eq"), kept as the field.
func ValidateTargeting(raw json.RawMessage) error {
	if len(raw) == 0 || isJSONNull(raw) {
		return nil
	}
	rule, err := targeting.Parse(raw)
	if err != nil {
		var te *targeting.Error
		if errors.As(err, &te) {
			return fieldErr(te.Path, te.Msg)
		}
		return fieldErr("targeting", err.Error())
	}
	if err := rule.Satisfiable(); err != nil {
		why := err.Error()
		var te *targeting.Error
		if errors.As(err, &te) && te.Path == "targeting" {
			why = strings.TrimPrefix(te.Msg, "can never match: ")
		}
		return fieldErr("targeting", "rule can never match: "+why)
	}
	return nil
}
