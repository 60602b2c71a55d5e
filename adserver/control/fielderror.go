package control

// FieldError is a validation failure of one field, named by its JSON path
// ("frequency_cap.per_day", "creatives[1].hls"). Field is empty when the
// problem is the whole object.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

func fieldErr(field, msg string) *FieldError { return &FieldError{Field: field, Msg: msg} }
