package template

import (
	"testing"

	"github.com/adstitch/adstitch/adserver/campaign"
)

func TestValues(t *testing.T) {
	madrid := &campaign.Context{LocalHour: 8, Daypart: "morning", Country: "ES", Region: "Madrid", City: "Madrid",
		Interests: []string{"music", "tennis", "running"}, Device: "tv"}
	cases := []struct {
		name string
		tpl  string
		ctx  *campaign.Context
		want Values
	}{
		{"contract example", `{"text":[{"value":"Hello {city}!"}],"voice":"Good {greeting} from {city}"}`, madrid,
			Values{{"city", "Madrid"}, {"greeting", "morning"}}},
		{"every built-in", `{"voice":"{city} {region} {country} {greeting} {hello} {daypart} {interest} {local_time} {device}"}`, madrid,
			Values{{"city", "Madrid"}, {"country", "ES"}, {"daypart", "morning"}, {"device", "tv"}, {"greeting", "morning"},
				{"hello", "Good morning"}, {"interest", "music"}, {"local_time", "08:00"}, {"region", "Madrid"}}},
		{"defaults fill what the viewer lacks", `{"voice":"{city} {interest} {local_time}","defaults":{"city":"your city","interest":"sports","local_time":"now"}}`,
			&campaign.Context{LocalHour: -1}, Values{{"city", "your city"}, {"interest", "sports"}, {"local_time", "now"}}},
		{"defaults do not override", `{"voice":"{city}","defaults":{"city":"your city"}}`, madrid, Values{{"city", "Madrid"}}},
		{"no default renders empty", `{"voice":"Hi {city}"}`, &campaign.Context{}, Values{{"city", ""}}},
		{"nil context", `{"voice":"{hello}, good {greeting} {city} {local_time}","defaults":{"city":"your city"}}`, nil,
			Values{{"city", "your city"}, {"greeting", "day"}, {"hello", "Hello"}, {"local_time", ""}}},
		{"midnight is a time", `{"voice":"{local_time}"}`, &campaign.Context{LocalHour: 0}, Values{{"local_time", "00:00"}}},
		{"hour out of range", `{"voice":"{local_time}"}`, &campaign.Context{LocalHour: 24}, Values{{"local_time", ""}}},
		{"interest the template names", `{"voice":"{interest}","interests":["running","tennis"]}`, madrid, Values{{"interest", "tennis"}}},
		{"template interests are case-insensitive", `{"voice":"{interest}","interests":["RUNNING"]}`, madrid, Values{{"interest", "running"}}},
		{"else the viewer's first", `{"voice":"{interest}","interests":["golf"]}`, madrid, Values{{"interest", "music"}}},
		{"else the default", `{"voice":"{interest}","interests":["golf"],"defaults":{"interest":"sports"}}`,
			&campaign.Context{}, Values{{"interest", "sports"}}},
		{"custom variables", `{"voice":"{brand} in {city}","vars":{"brand":"Acme"}}`, madrid, Values{{"brand", "Acme"}, {"city", "Madrid"}}},
		{"unknown daypart greets anyway", `{"voice":"{hello}, {greeting}","lang":"es"}`, &campaign.Context{Daypart: "brunch"},
			Values{{"greeting", "día"}, {"hello", "Hola"}}},
		{"greeting default beats hello", `{"voice":"{greeting}","defaults":{"greeting":"Hi there"}}`, &campaign.Context{}, Values{{"greeting", "Hi there"}}},
		{"bytes pass through", `{"voice":"{city}"}`, &campaign.Context{City: `100% O'Brien: \ test {city}`},
			Values{{"city", `100% O'Brien: \ test {city}`}}},
		{"control characters become spaces", `{"voice":"{city}"}`, &campaign.Context{City: "A\nB\tC\u0085D"}, Values{{"city", "A B C D"}}},
		{"invalid UTF-8 is replaced", `{"voice":"{city}"}`, &campaign.Context{City: "M\xffadrid"}, Values{{"city", "M\uFFFDadrid"}}},
		{"static template has no values", `{"text":[{"value":"Sale"}]}`, madrid, Values{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := mustParse(t, tc.tpl).Values(tc.ctx)
			if len(got) != len(tc.want) {
				t.Fatalf("Values = %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("Values = %q, want %q", got, tc.want)
				}
			}
		})
	}
}

func TestGreetings(t *testing.T) {
	words := map[string][4]string{ // {greeting}: morning, afternoon, evening, night
		"en": {"morning", "afternoon", "evening", "evening"},
		"es": {"mañana", "tarde", "noche", "noche"},
		"fr": {"matin", "après-midi", "soir", "soir"},
		"de": {"Morgen", "Tag", "Abend", "Abend"},
		"it": {"mattina", "pomeriggio", "sera", "sera"},
		"pt": {"manhã", "tarde", "noite", "noite"},
	}
	want := map[string][4]string{ // {hello}
		"en": {"Good morning", "Good afternoon", "Good evening", "Good evening"},
		"es": {"Buenos días", "Buenas tardes", "Buenas noches", "Buenas noches"},
		"fr": {"Bonjour", "Bonjour", "Bonsoir", "Bonsoir"},
		"de": {"Guten Morgen", "Guten Tag", "Guten Abend", "Guten Abend"},
		"it": {"Buongiorno", "Buon pomeriggio", "Buonasera", "Buonasera"},
		"pt": {"Bom dia", "Boa tarde", "Boa noite", "Boa noite"},
	}
	if len(want) != len(greetings) {
		t.Errorf("greetings has %d languages, the test %d", len(greetings), len(want))
	}
	if len(words) != len(greetingWords) {
		t.Errorf("greetingWords has %d languages, the test %d", len(greetingWords), len(words))
	}
	for lang, forms := range want {
		tpl := mustParse(t, `{"voice":"{hello} {greeting}","lang":"`+lang+`"}`)
		for i, daypart := range []string{"morning", "afternoon", "evening", "night"} {
			v := tpl.Values(&campaign.Context{Daypart: daypart})
			if got, _ := v.Get("hello"); got != forms[i] {
				t.Errorf("%s %s: hello %q, want %q", lang, daypart, got, forms[i])
			}
			if got, _ := v.Get("greeting"); got != words[lang][i] {
				t.Errorf("%s %s: greeting %q, want %q", lang, daypart, got, words[lang][i])
			}
		}
	}
}

// The cache key depends on the used variables only.
func TestValuesKey(t *testing.T) {
	tpl := mustParse(t, `{"text":[{"value":"Hello {city}!"}],"voice":"{greeting}"}`)
	a := &campaign.Context{City: "Madrid", Daypart: "morning", LocalHour: 8, Region: "Madrid", Device: "tv", Interests: []string{"golf"}}
	b := &campaign.Context{City: "Madrid", Daypart: "morning", LocalHour: 11, Region: "Castile", Device: "mobile", Stream: "news"}
	c := &campaign.Context{City: "Madrid", Daypart: "evening"}
	ka, kb, kc := tpl.Values(a).Key(), tpl.Values(b).Key(), tpl.Values(c).Key()
	if ka != kb {
		t.Errorf("contexts differing only in unused variables give different keys %s %s", ka, kb)
	}
	if ka == kc {
		t.Errorf("different greetings give the same key %s", ka)
	}
	if len(ka) != 64 {
		t.Errorf("key %q is not hex SHA-256", ka)
	}
	// Length-prefixed: moving bytes between name and value changes the key.
	if (Values{{"a", "bc"}}).Key() == (Values{{"ab", "c"}}).Key() {
		t.Error("ambiguous key encoding")
	}
	if (Values{}).Key() == (Values{{"city", ""}}).Key() {
		t.Error("an empty value and no value share a key")
	}
	m := tpl.Values(a).Map()
	if len(m) != 2 || m["city"] != "Madrid" || m["greeting"] != "morning" {
		t.Errorf("Map() = %v", m)
	}
}

func BenchmarkValuesKey(b *testing.B) {
	tpl := mustParse(b, `{"text":[{"value":"{greeting}, {city}!"}],"voice":"{greeting} from {city}","interests":["running"]}`)
	ctx := &campaign.Context{City: "Madrid", Daypart: "morning", Interests: []string{"music", "running"}}
	b.ReportAllocs()
	for b.Loop() {
		_ = tpl.Values(ctx).Key()
	}
}
