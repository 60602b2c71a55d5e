package targeting_test

import (
	"strconv"
	"strings"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// ruleCase drives TestParse, TestMatch, TestSatisfiable, TestIndexKeys and
// the seeds of FuzzParse.
type ruleCase struct {
	name      string
	rule      string
	err       string              // exact Parse error; "" when the rule is valid
	canonical string              // String() of the parsed rule
	unsat     string              // exact Satisfiable error; "" when satisfiable
	keys      map[string][]string // IndexKeys; nil: not checked
	match     []campaign.Context
	noMatch   []campaign.Context
}

// at is a context at a local hour and weekday, with the daypart sessions
// derive from the hour.
func at(hour int, day time.Weekday) campaign.Context {
	return campaign.Context{LocalHour: hour, Weekday: day, Daypart: daypartOf(hour)}
}

func daypartOf(h int) string {
	switch {
	case h >= 5 && h < 12:
		return "morning"
	case h >= 12 && h < 17:
		return "afternoon"
	case h >= 17 && h < 22:
		return "evening"
	}
	return "night"
}

// madrid is a Friday-evening viewer in Madrid watching news on a TV.
func madrid() campaign.Context {
	c := at(20, time.Friday)
	c.Country, c.Region, c.City = "ES", "Madrid", "Madrid"
	c.Device, c.Stream, c.Genre = "tv", "news", "news"
	c.Interests = []string{"running", "football"}
	return c
}

func with(f func(c *campaign.Context)) campaign.Context {
	c := madrid()
	f(&c)
	return c
}

func city(name string) campaign.Context {
	return with(func(c *campaign.Context) { c.City = name })
}

func interests(vs ...string) campaign.Context {
	return with(func(c *campaign.Context) { c.Interests = vs })
}

// nested wraps a city predicate in n levels of "not".
func nested(n int) string {
	return strings.Repeat(`{"not":`, n) + `{"city":{"in":["a"]}}` + strings.Repeat("}", n)
}

// cityList is a city predicate with n distinct values.
func cityList(op string, n int) string {
	vals := make([]string, n)
	for i := range vals {
		vals[i] = strconv.Quote("City" + strconv.Itoa(i))
	}
	return `{"city":{"` + op + `":[` + strings.Join(vals, ",") + `]}}`
}

// cityPairs is an "any" of n contradictory city pairs.
func cityPairs(n int) string {
	kids := make([]string, n)
	for i := range kids {
		kids[i] = `{"all":[{"city":{"in":["a"]}},{"city":{"in":["b` + strconv.Itoa(i) + `"]}}]}`
	}
	return `{"any":[` + strings.Join(kids, ",") + `]}`
}

// pastTheCap is never true, but only the expansion of 20 x 20 = 400
// alternatives (more than Satisfiable's cap of 256) would show it.
func pastTheCap() string {
	cities, regions := make([]string, 20), make([]string, 20)
	for i := range cities {
		cities[i] = `{"city":{"in":["c` + strconv.Itoa(i) + `"]}}`
		regions[i] = `{"region":{"in":["r` + strconv.Itoa(i) + `"]}}`
	}
	return `{"all":[{"any":[` + strings.Join(cities, ",") + `]},{"any":[` + strings.Join(regions, ",") + `]},` +
		`{"any":[{"city":{"in":["x"]}},{"region":{"in":["x"]}}]}]}`
}

// anyOf is an "any" of n city predicates.
func anyOf(n int) string {
	kids := make([]string, n)
	for i := range kids {
		kids[i] = `{"city":{"in":["c` + strconv.Itoa(i) + `"]}}`
	}
	return `{"any":[` + strings.Join(kids, ",") + `]}`
}

var casesRule = []ruleCase{
	// --- valid rules ---
	{
		name: "null matches everyone", rule: `null`, canonical: `null`,
		keys:  map[string][]string{},
		match: []campaign.Context{madrid(), {}},
	},
	{
		name: "empty matches everyone", rule: ``, canonical: `null`,
		match: []campaign.Context{madrid()},
	},
	{
		name:      "issue example",
		rule:      `{"all":[{"city":{"in":["Madrid"]}},{"daypart":{"in":["morning","afternoon","evening","night"]}}]}`,
		canonical: `{"all":[{"city":{"in":["madrid"]}},{"daypart":{"in":["afternoon","evening","morning","night"]}}]}`,
		keys:      map[string][]string{"city": {"madrid"}, "daypart": {"afternoon", "evening", "morning", "night"}},
		match:     []campaign.Context{madrid(), city("MADRID"), city("madrid")},
		noMatch:   []campaign.Context{city("Paris"), city(""), city("Madrid ")},
	},
	{
		name:      "city in folds case, sorts and dedupes",
		rule:      ` { "city" : { "in" : [ "Madrid", "BARCELONA", "madrid" ] } } `,
		canonical: `{"city":{"in":["barcelona","madrid"]}}`,
		keys:      map[string][]string{"city": {"barcelona", "madrid"}},
		match:     []campaign.Context{madrid(), city("Barcelona"), city("bArCeLoNa")},
		noMatch:   []campaign.Context{city("Sevilla"), {}},
	},
	{
		name:      "city not_in",
		rule:      `{"city":{"not_in":["Madrid"]}}`,
		canonical: `{"city":{"not_in":["madrid"]}}`,
		keys:      map[string][]string{},
		match:     []campaign.Context{city("Paris"), {}},
		noMatch:   []campaign.Context{madrid(), city("MADRID")},
	},
	{
		name:      "non-ASCII city folds like strings.ToLower",
		rule:      `{"city":{"in":["Zürich","İstanbul","MÁLAGA"]}}`,
		canonical: `{"city":{"in":["istanbul","málaga","zürich"]}}`,
		match:     []campaign.Context{city("ZÜRICH"), city("zürich"), city("İSTANBUL"), city("istanbul"), city("Málaga")},
		noMatch:   []campaign.Context{city("Zurich"), city("Malaga"), city("zürich\xff")},
	},
	{
		name:    "large city set goes through the index",
		rule:    cityList("in", 40),
		match:   []campaign.Context{city("city0"), city("CITY39"), city("City17")},
		noMatch: []campaign.Context{city("city40"), city(""), city(strings.Repeat("x", 300)), city("çity1")},
	},
	{
		name:    "large not_in set",
		rule:    cityList("not_in", 40),
		match:   []campaign.Context{city("city40"), city(strings.Repeat("C", 300))},
		noMatch: []campaign.Context{city("CITY3")},
	},
	{
		name:      "country region stream genre",
		rule:      `{"all":[{"country":{"in":["es","PT"]}},{"region":{"not_in":["Catalonia"]}},{"stream":{"in":["News","sport"]}},{"genre":{"in":["News"]}}]}`,
		canonical: `{"all":[{"country":{"in":["es","pt"]}},{"region":{"not_in":["catalonia"]}},{"stream":{"in":["news","sport"]}},{"genre":{"in":["news"]}}]}`,
		keys:      map[string][]string{"country": {"es", "pt"}, "stream": {"news", "sport"}, "genre": {"news"}},
		match:     []campaign.Context{madrid(), with(func(c *campaign.Context) { c.Country, c.Stream = "pt", "SPORT" })},
		noMatch: []campaign.Context{
			with(func(c *campaign.Context) { c.Country = "FR" }),
			with(func(c *campaign.Context) { c.Region = "CATALONIA" }),
			with(func(c *campaign.Context) { c.Stream = "movies" }),
			with(func(c *campaign.Context) { c.Genre = "sport" }),
		},
	},
	{
		name:      "device in, values case-folded",
		rule:      `{"device":{"in":["TV","mobile"]}}`,
		canonical: `{"device":{"in":["mobile","tv"]}}`,
		keys:      map[string][]string{"device": {"mobile", "tv"}},
		match:     []campaign.Context{madrid(), with(func(c *campaign.Context) { c.Device = "mobile" })},
		noMatch:   []campaign.Context{with(func(c *campaign.Context) { c.Device = "desktop" })},
	},
	{
		name:      "daypart not_in",
		rule:      `{"daypart":{"not_in":["night"]}}`,
		canonical: `{"daypart":{"not_in":["night"]}}`,
		keys:      map[string][]string{},
		match:     []campaign.Context{at(5, time.Monday), at(21, time.Monday)},
		noMatch:   []campaign.Context{at(22, time.Monday), at(4, time.Monday)},
	},
	{
		name:      "local_hour in",
		rule:      `{"local_hour":{"in":[9,8,9,0,23]}}`,
		canonical: `{"local_hour":{"in":[0,8,9,23]}}`,
		keys:      map[string][]string{},
		match:     []campaign.Context{at(8, time.Monday), at(0, time.Monday), at(23, time.Monday)},
		noMatch:   []campaign.Context{at(7, time.Monday), at(10, time.Monday), {LocalHour: 24}, {LocalHour: -1}},
	},
	{
		name:      "local_hour between wraps past midnight",
		rule:      `{"local_hour":{"between":[22,5]}}`,
		canonical: `{"local_hour":{"between":[22,5]}}`,
		match:     []campaign.Context{at(22, time.Monday), at(23, time.Monday), at(0, time.Monday), at(5, time.Monday)},
		noMatch:   []campaign.Context{at(6, time.Monday), at(21, time.Monday), at(12, time.Monday)},
	},
	{
		name:      "local_hour between inclusive",
		rule:      `{"local_hour":{"between":[9,17]}}`,
		canonical: `{"local_hour":{"between":[9,17]}}`,
		match:     []campaign.Context{at(9, time.Monday), at(17, time.Monday)},
		noMatch:   []campaign.Context{at(8, time.Monday), at(18, time.Monday)},
	},
	{
		name:      "local_hour between one hour",
		rule:      `{"local_hour":{"between":[-0,0]}}`,
		canonical: `{"local_hour":{"between":[0,0]}}`,
		match:     []campaign.Context{at(0, time.Monday)},
		noMatch:   []campaign.Context{at(1, time.Monday), at(23, time.Monday)},
	},
	{
		name:      "day_of_week in, Monday first",
		rule:      `{"day_of_week":{"in":["sun","SAT","fri"]}}`,
		canonical: `{"day_of_week":{"in":["fri","sat","sun"]}}`,
		match:     []campaign.Context{at(9, time.Sunday), at(9, time.Saturday), at(9, time.Friday)},
		noMatch:   []campaign.Context{at(9, time.Monday), at(9, time.Thursday), {Weekday: 7}},
	},
	{
		name:      "day_of_week not_in",
		rule:      `{"day_of_week":{"not_in":["mon","tue","wed","thu","fri"]}}`,
		canonical: `{"day_of_week":{"not_in":["mon","tue","wed","thu","fri"]}}`,
		match:     []campaign.Context{at(9, time.Sunday), at(9, time.Saturday), {Weekday: 9}},
		noMatch:   []campaign.Context{at(9, time.Monday), at(9, time.Friday)},
	},
	{
		name:      "interests any",
		rule:      `{"interests":{"any":["Running","golf"]}}`,
		canonical: `{"interests":{"any":["golf","running"]}}`,
		match:     []campaign.Context{madrid(), interests("golf"), interests("GOLF", "x")},
		noMatch:   []campaign.Context{interests(), interests("football")},
	},
	{
		name:      "interests all",
		rule:      `{"interests":{"all":["running","football"]}}`,
		canonical: `{"interests":{"all":["football","running"]}}`,
		match:     []campaign.Context{madrid(), interests("x", "football", "y", "running")},
		noMatch:   []campaign.Context{interests("running"), interests(), interests("running", "running")},
	},
	{
		name:      "interests none",
		rule:      `{"interests":{"none":["gambling"]}}`,
		canonical: `{"interests":{"none":["gambling"]}}`,
		match:     []campaign.Context{madrid(), interests()},
		noMatch:   []campaign.Context{interests("running", "Gambling")},
	},
	{
		name: "not and any",
		rule: `{"all":[{"not":{"device":{"in":["console"]}}},{"any":[{"city":{"in":["madrid"]}},{"interests":{"any":["golf"]}}]}]}`,
		keys: map[string][]string{},
		match: []campaign.Context{
			madrid(),
			with(func(c *campaign.Context) { c.City, c.Interests = "Lyon", []string{"golf"} }),
		},
		noMatch: []campaign.Context{
			with(func(c *campaign.Context) { c.Device = "console" }),
			with(func(c *campaign.Context) { c.City = "Lyon" }),
		},
	},
	{
		name:    "index keys intersect across nested alls",
		rule:    `{"all":[{"city":{"in":["madrid","paris","rome"]}},{"all":[{"city":{"in":["Rome","MADRID","oslo"]}},{"country":{"in":["es"]}}]},{"any":[{"device":{"in":["tv"]}}]}]}`,
		keys:    map[string][]string{"city": {"madrid", "rome"}, "country": {"es"}},
		match:   []campaign.Context{madrid()},
		noMatch: []campaign.Context{city("paris"), with(func(c *campaign.Context) { c.Device = "mobile" })},
	},
	{
		name:    "index keys see through double negation",
		rule:    `{"all":[{"not":{"city":{"not_in":["Madrid"]}}},{"not":{"not":{"device":{"in":["tv"]}}}},{"not":{"country":{"in":["fr"]}}}]}`,
		keys:    map[string][]string{"city": {"madrid"}, "device": {"tv"}},
		match:   []campaign.Context{madrid()},
		noMatch: []campaign.Context{city("paris"), with(func(c *campaign.Context) { c.Country = "FR" })},
	},
	{
		name:    "always true: not of a contradiction",
		rule:    `{"not":{"all":[{"city":{"in":["a"]}},{"city":{"in":["b"]}}]}}`,
		keys:    map[string][]string{},
		match:   []campaign.Context{madrid(), city("a"), city("b")},
		noMatch: nil,
	},
	{name: "16 levels deep", rule: nested(15), match: []campaign.Context{city("b")}, noMatch: []campaign.Context{city("a")}},
	{name: "1000 values", rule: cityList("in", 1000), match: []campaign.Context{city("city999")}},
	{name: "1000 nodes", rule: anyOf(999), match: []campaign.Context{city("c998")}, noMatch: []campaign.Context{city("c999")}},

	// --- parse errors ---
	{name: "unknown operator", rule: `{"all":[{"country":{"in":["es"]}},{"city":{"eq":"Madrid"}}]}`, err: `targeting.all[1].city: unknown operator "eq"`},
	{name: "empty any", rule: `{"any":[]}`, err: `targeting.any: must be a non-empty list`},
	{name: "any not a list", rule: `{"any":{"city":{"in":["a"]}}}`, err: `targeting.any: must be a non-empty list`},
	{name: "two keys", rule: `{"all":[{"city":{"in":["a"]},"country":{"in":["b"]}}]}`, err: `targeting.all[0]: an object must have exactly one key, got 2`},
	{name: "duplicate key", rule: `{"city":{"in":["a"]},"city":{"in":["b"]}}`, err: `targeting: an object must have exactly one key, got 2`},
	{name: "empty object", rule: `{}`, err: `targeting: an object must have exactly one key, got 0`},
	{name: "two operators", rule: `{"city":{"in":["a"],"not_in":["b"]}}`, err: `targeting.city: an object must have exactly one key, got 2`},
	{name: "between one hour", rule: `{"not":{"local_hour":{"between":[22]}}}`, err: `targeting.not.local_hour.between: want [from, to] with hours 0-23`},
	{name: "between three hours", rule: `{"local_hour":{"between":[1,2,3]}}`, err: `targeting.local_hour.between: want [from, to] with hours 0-23`},
	{name: "between out of range", rule: `{"local_hour":{"between":[1,24]}}`, err: `targeting.local_hour.between: want [from, to] with hours 0-23`},
	{name: "between strings", rule: `{"local_hour":{"between":["1","2"]}}`, err: `targeting.local_hour.between: want [from, to] with hours 0-23`},
	{name: "between object", rule: `{"local_hour":{"between":{"from":1}}}`, err: `targeting.local_hour.between: want [from, to] with hours 0-23`},
	{name: "unknown field", rule: `{"colour":{"in":["red"]}}`, err: `targeting: unknown field "colour"`},
	{name: "field names are case-sensitive", rule: `{"any":[{"City":{"in":["a"]}}]}`, err: `targeting.any[0]: unknown field "City"`},
	{name: "unknown dayparts listed", rule: `{"daypart":{"in":["noon","morning","Dusk","noon"]}}`, err: `targeting.daypart.in: unknown daypart "noon", "dusk" (valid: morning, afternoon, evening, night)`},
	{name: "unknown days listed", rule: `{"day_of_week":{"not_in":["mon","funday","caturday"]}}`, err: `targeting.day_of_week.not_in: unknown day "funday", "caturday" (valid: mon, tue, wed, thu, fri, sat, sun)`},
	{name: "unknown device", rule: `{"all":[{"device":{"in":["tv","phone"]}}]}`, err: `targeting.all[0].device.in: unknown device "phone" (valid: tv, mobile, desktop, tablet, console, other)`},
	{name: "truncated JSON", rule: `{"city":{"in":["a"]}`, err: `targeting: invalid JSON at offset 20: unexpected end of JSON input`},
	{name: "bad JSON", rule: `{"city":}`, err: `targeting: invalid JSON at offset 9: invalid character '}' looking for beginning of value`},
	{name: "trailing data", rule: `{"city":{"in":["a"]}} x`, err: `targeting: invalid JSON at offset 23: invalid character 'x' after top-level value`},
	{name: "rule is a string", rule: `"city"`, err: `targeting: want an object, got string`},
	{name: "not null", rule: `{"not":null}`, err: `targeting.not: want an object, got null`},
	{name: "operator object is a list", rule: `{"city":["a"]}`, err: `targeting.city: want an object, got array`},
	{name: "values not a list", rule: `{"city":{"in":"a"}}`, err: `targeting.city.in: must be a non-empty list`},
	{name: "empty values", rule: `{"interests":{"all":[ ]}}`, err: `targeting.interests.all: must be a non-empty list`},
	{name: "value not a string", rule: `{"any":[{"city":{"in":["a",1]}}]}`, err: `targeting.any[0].city.in[1]: want a string, got number`},
	{name: "hour out of range", rule: `{"local_hour":{"in":[3,24]}}`, err: `targeting.local_hour.in[1]: want an hour 0-23, got 24`},
	{name: "hour not an integer", rule: `{"local_hour":{"in":[3.5]}}`, err: `targeting.local_hour.in[0]: want an hour 0-23, got 3.5`},
	{name: "hour as string", rule: `{"local_hour":{"in":["3"]}}`, err: `targeting.local_hour.in[0]: want an hour 0-23, got "3"`},
	{name: "local_hour takes no not_in", rule: `{"local_hour":{"not_in":[3]}}`, err: `targeting.local_hour: unknown operator "not_in"`},
	{name: "interests take no in", rule: `{"interests":{"in":["a"]}}`, err: `targeting.interests: unknown operator "in"`},
	{name: "city takes no between", rule: `{"city":{"between":["a","b"]}}`, err: `targeting.city: unknown operator "between"`},
	{name: "too deep", rule: nested(16), err: `targeting` + strings.Repeat(".not", 16) + `: rules nest deeper than 16 levels`},
	{name: "too many nodes", rule: anyOf(1000), err: `targeting.any[999]: a rule may have at most 1000 nodes`},
	{name: "too many values", rule: cityList("in", 1001), err: `targeting.city.in: a list may have at most 1000 values`},

	// --- rules that can never match ---
	{
		name:    "in sets without common value",
		rule:    `{"all":[{"city":{"in":["Madrid"]}},{"city":{"in":["Paris"]}}]}`,
		unsat:   `targeting: can never match: no city satisfies targeting.all[0].city and targeting.all[1].city`,
		keys:    map[string][]string{"city": {}},
		noMatch: []campaign.Context{madrid(), city("Paris")},
	},
	{
		name:    "in sets across nested alls",
		rule:    `{"all":[{"city":{"in":["madrid","paris"]}},{"all":[{"country":{"in":["es"]}},{"city":{"in":["london"]}}]}]}`,
		unsat:   `targeting: can never match: no city satisfies targeting.all[0].city and targeting.all[1].all[1].city`,
		noMatch: []campaign.Context{madrid(), city("london")},
	},
	{
		name:    "not_in covers in",
		rule:    `{"all":[{"city":{"in":["madrid","paris"]}},{"city":{"not_in":["Madrid","PARIS","rome"]}}]}`,
		unsat:   `targeting: can never match: no city satisfies targeting.all[0].city and targeting.all[1].city`,
		noMatch: []campaign.Context{madrid(), city("paris"), city("oslo")},
	},
	{
		name:    "local hours without common hour",
		rule:    `{"all":[{"local_hour":{"in":[8,9]}},{"local_hour":{"between":[10,12]}}]}`,
		unsat:   `targeting: can never match: no local hour satisfies targeting.all[0].local_hour and targeting.all[1].local_hour`,
		noMatch: []campaign.Context{at(8, time.Monday), at(10, time.Monday)},
	},
	{
		name:    "wrapping between without common hour",
		rule:    `{"all":[{"local_hour":{"between":[22,5]}},{"local_hour":{"in":[12]}}]}`,
		unsat:   `targeting: can never match: no local hour satisfies targeting.all[0].local_hour and targeting.all[1].local_hour`,
		noMatch: []campaign.Context{at(12, time.Monday), at(23, time.Monday)},
	},
	{
		name:    "interests all and none overlap",
		rule:    `{"all":[{"interests":{"all":["golf","tennis"]}},{"interests":{"none":["Golf"]}}]}`,
		unsat:   `targeting: can never match: no set of interests satisfies targeting.all[0].interests and targeting.all[1].interests`,
		noMatch: []campaign.Context{interests("golf", "tennis"), interests("tennis")},
	},
	{
		name:    "interests any and not any",
		rule:    `{"all":[{"interests":{"any":["golf"]}},{"not":{"interests":{"all":["golf"]}}}]}`,
		unsat:   `targeting: can never match: no set of interests satisfies targeting.all[0].interests and targeting.all[1].not.interests`,
		noMatch: []campaign.Context{interests("golf"), interests()},
	},
	{
		name:    "not of every hour",
		rule:    `{"not":{"local_hour":{"between":[0,23]}}}`,
		unsat:   `targeting: can never match: no local hour satisfies targeting.not.local_hour`,
		noMatch: []campaign.Context{at(0, time.Monday), at(23, time.Monday)},
	},
	{
		name:    "not of every daypart",
		rule:    `{"not":{"daypart":{"in":["morning","afternoon","evening","night"]}}}`,
		unsat:   `targeting: can never match: no daypart satisfies targeting.not.daypart`,
		noMatch: []campaign.Context{madrid(), at(3, time.Monday)},
	},
	{
		name:    "not of a tautology",
		rule:    `{"not":{"any":[{"city":{"in":["a"]}},{"city":{"not_in":["a"]}}]}}`,
		unsat:   `targeting: can never match: no city satisfies targeting.not.any[0].city and targeting.not.any[1].city`,
		noMatch: []campaign.Context{city("a"), madrid()},
	},
	{
		name:    "every device excluded",
		rule:    `{"device":{"not_in":["tv","mobile","desktop","tablet","console","other"]}}`,
		unsat:   `targeting: can never match: no device satisfies targeting.device`,
		noMatch: []campaign.Context{madrid()},
	},
	{
		name:    "every day excluded",
		rule:    `{"all":[{"day_of_week":{"in":["mon"]}},{"not":{"day_of_week":{"not_in":["tue"]}}}]}`,
		unsat:   `targeting: can never match: no day satisfies targeting.all[0].day_of_week and targeting.all[1].not.day_of_week`,
		noMatch: []campaign.Context{at(9, time.Monday), at(9, time.Tuesday)},
	},
	{
		name:    "daypart against local_hour",
		rule:    `{"all":[{"daypart":{"in":["morning"]}},{"local_hour":{"between":[18,23]}}]}`,
		unsat:   `targeting: can never match: no local hour satisfies targeting.all[0].daypart and targeting.all[1].local_hour`,
		noMatch: []campaign.Context{at(9, time.Monday), at(19, time.Monday)},
	},
	{
		name:    "daypart not_in against local_hour",
		rule:    `{"all":[{"local_hour":{"in":[23,0,3]}},{"daypart":{"not_in":["night"]}}]}`,
		unsat:   `targeting: can never match: no local hour satisfies targeting.all[0].local_hour and targeting.all[1].daypart`,
		noMatch: []campaign.Context{at(23, time.Monday), at(9, time.Monday)},
	},
	{
		name: "any whose every branch is contradictory",
		rule: `{"any":[{"all":[{"city":{"in":["a"]}},{"city":{"in":["b"]}}]},{"all":[{"local_hour":{"in":[1]}},{"daypart":{"in":["morning"]}}]}]}`,
		unsat: `targeting: can never match: no city satisfies targeting.any[0].all[0].city and targeting.any[0].all[1].city; ` +
			`no local hour satisfies targeting.any[1].all[0].local_hour and targeting.any[1].all[1].daypart`,
		noMatch: []campaign.Context{city("a"), at(1, time.Monday)},
	},
	{
		name: "interests forced by unit propagation",
		rule: `{"all":[{"interests":{"any":["golf","tennis"]}},{"interests":{"none":["tennis"]}},{"not":{"interests":{"all":["golf"]}}}]}`,
		unsat: `targeting: can never match: no set of interests satisfies targeting.all[0].interests, ` +
			`targeting.all[1].interests and targeting.all[2].not.interests`,
		noMatch: []campaign.Context{interests("golf"), interests("tennis"), interests("golf", "tennis")},
	},
	{
		name: "explanation names three contradictions",
		rule: cityPairs(5),
		unsat: `targeting: can never match: no city satisfies targeting.any[0].all[0].city and targeting.any[0].all[1].city; ` +
			`no city satisfies targeting.any[1].all[0].city and targeting.any[1].all[1].city; ` +
			`no city satisfies targeting.any[2].all[0].city and targeting.any[2].all[1].city; and 2 more contradictions`,
		noMatch: []campaign.Context{city("a"), city("b0")},
	},
	{
		name:    "contradiction past the expansion cap is assumed satisfiable",
		rule:    pastTheCap(),
		unsat:   "",
		noMatch: []campaign.Context{city("c1"), with(func(c *campaign.Context) { c.City, c.Region = "c1", "r1" })},
	},
	{
		name:    "contradiction through an any",
		rule:    `{"all":[{"any":[{"city":{"in":["a"]}},{"city":{"in":["b"]}}]},{"city":{"in":["c"]}}]}`,
		unsat:   `targeting: can never match: no city satisfies targeting.all[0].any[0].city and targeting.all[1].city; no city satisfies targeting.all[0].any[1].city and targeting.all[1].city`,
		noMatch: []campaign.Context{city("a"), city("b"), city("c")},
	},
}
