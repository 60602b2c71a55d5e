package scte35

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
)

func hexString(b []byte) string { return hex.EncodeToString(b) }
func base64Std(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
func base64URL(b []byte) string { return base64.URLEncoding.EncodeToString(b) }

// dump renders a section for failure messages, pointers followed.
func dump(s *Section) string {
	j, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(j)
}
