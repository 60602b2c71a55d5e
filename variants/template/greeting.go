package template

import (
	"slices"
	"strings"
)

// greetingWords are the time of day a greeting names, by lang and
// daypart: {greeting} in "Good {greeting} from {city}". Night keeps the
// evening form, as in greetings.
var greetingWords = map[string]map[string]string{
	"en": {"morning": "morning", "afternoon": "afternoon", "evening": "evening", "night": "evening"},
	"es": {"morning": "mañana", "afternoon": "tarde", "evening": "noche", "night": "noche"},
	"fr": {"morning": "matin", "afternoon": "après-midi", "evening": "soir", "night": "soir"},
	"de": {"morning": "Morgen", "afternoon": "Tag", "evening": "Abend", "night": "Abend"},
	"it": {"morning": "mattina", "afternoon": "pomeriggio", "evening": "sera", "night": "sera"},
	"pt": {"morning": "manhã", "afternoon": "tarde", "evening": "noite", "night": "noite"},
}

// anyTime is {greeting} when the daypart is unknown ("Good day").
var anyTime = map[string]string{"en": "day", "es": "día", "fr": "journée", "de": "Tag", "it": "giornata", "pt": "dia"}

// greetings (the whole phrase, {hello}) by lang and daypart (campaign.Context.Daypart). Night keeps
// the evening form: "Good night" is a farewell in most of these languages.
var greetings = map[string]map[string]string{
	"en": {"morning": "Good morning", "afternoon": "Good afternoon", "evening": "Good evening", "night": "Good evening"},
	"es": {"morning": "Buenos días", "afternoon": "Buenas tardes", "evening": "Buenas noches", "night": "Buenas noches"},
	"fr": {"morning": "Bonjour", "afternoon": "Bonjour", "evening": "Bonsoir", "night": "Bonsoir"},
	"de": {"morning": "Guten Morgen", "afternoon": "Guten Tag", "evening": "Guten Abend", "night": "Guten Abend"},
	"it": {"morning": "Buongiorno", "afternoon": "Buon pomeriggio", "evening": "Buonasera", "night": "Buonasera"},
	"pt": {"morning": "Bom dia", "afternoon": "Boa tarde", "evening": "Boa noite", "night": "Boa noite"},
}

// hellos greet at any time of day: used when the daypart is unknown.
var hellos = map[string]string{"en": "Hello", "es": "Hola", "fr": "Bonjour", "de": "Hallo", "it": "Ciao", "pt": "Olá"}

// greeting is "" for an unknown daypart.
func greeting(lang, daypart string) string { return greetingWords[lang][strings.ToLower(daypart)] }

// helloFor is the whole greeting, "" for an unknown daypart.
func helloFor(lang, daypart string) string { return greetings[lang][strings.ToLower(daypart)] }

func hello(lang string) string { return hellos[lang] }

// langs lists the greeting languages, for error messages.
func langs() string {
	var l []string
	for k := range greetings {
		l = append(l, k)
	}
	slices.Sort(l)
	return strings.Join(l, ", ")
}

// voices are the espeak-ng voices a template may ask for; each lang is
// also a voice, the default of voice_lang.
var voices = []string{"de", "en", "en-gb", "en-us", "es", "es-419", "fr", "fr-be", "fr-ch", "it", "nl", "pt", "pt-br"}
