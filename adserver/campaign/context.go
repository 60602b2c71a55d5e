package campaign

import "time"

// Context is what targeting rules see about a viewer in one break. It is
// built per request from the session token; rules must read it without
// allocating.
type Context struct {
	LocalHour int          // 0-23 in the viewer's time zone
	Weekday   time.Weekday // in the viewer's time zone
	Daypart   string       // morning, afternoon, evening, night (analytics.Daypart)
	Country   string       // ISO code
	Region    string
	City      string
	Interests []string // lower case
	Device    string   // tv, mobile, desktop, tablet, console, other
	Stream    string   // stream id
	Genre     string   // stream genre from the config
}
