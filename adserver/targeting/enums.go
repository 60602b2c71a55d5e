package targeting

// devices are the device classes a session carries.
var devices = []string{"tv", "mobile", "desktop", "tablet", "console", "other"}

// dayparts are analytics.Daypart's names, in the order of the day.
var dayparts = []string{"morning", "afternoon", "evening", "night"}

// daypartHours is the local-hour mask (bit h = hour h) of each daypart, as
// analytics.Daypart defines them: morning 5-11, afternoon 12-16,
// evening 17-21, night 22-4. Satisfiable uses it to find rules whose
// daypart and local_hour constraints exclude each other.
var daypartHours = map[string]uint32{
	"morning":   hourRange(5, 11),
	"afternoon": hourRange(12, 16),
	"evening":   hourRange(17, 21),
	"night":     hourRange(22, 4),
}

// days are the day_of_week names, Monday first; days[i] is
// time.Weekday((i + 1) % 7).
var days = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// weekdayBit is the mask bit of days[i]: bit n stands for time.Weekday(n).
func weekdayBit(i int) uint32 { return 1 << ((i + 1) % 7) }

const (
	allHours = 1<<24 - 1
	allDays  = 1<<7 - 1
)

// hourRange is the mask of hours from..to inclusive, wrapping past
// midnight when from > to.
func hourRange(from, to int) uint32 {
	if from <= to {
		return allHours &^ (1<<from - 1) & (1<<(to+1) - 1)
	}
	return hourRange(from, 23) | hourRange(0, to)
}
