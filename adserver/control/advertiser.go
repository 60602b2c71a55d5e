package control

import "github.com/adstitch/adstitch/adserver/campaign"

// ValidateAdvertiser checks the fields a client sets (the name).
func ValidateAdvertiser(a *campaign.Advertiser) error {
	return checkName("name", a.Name)
}

// checkName accepts 1..MaxNameLen bytes that are not only blanks.
func checkName(field, name string) error {
	switch {
	case isBlank(name):
		return fieldErr(field, "required")
	case len(name) > MaxNameLen:
		return fieldErr(field, "must be at most 200 bytes")
	}
	return nil
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return false
		}
	}
	return true
}
