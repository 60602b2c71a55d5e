package geo

// Location is where a client IP is, as far as the database knows. Any field
// may be empty: DB-IP Lite has no time zone in older builds, and many
// networks resolve to a country only.
type Location struct {
	Country  string // ISO 3166-1 alpha-2, e.g. "ES"
	Region   string // first subdivision name (English), e.g. "Madrid"
	City     string // English city name
	TimeZone string // IANA, e.g. "Europe/Madrid"
}
