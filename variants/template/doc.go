// Package template owns the marketer's personalization template of a
// creative: parsing and validating its JSON (campaign.Creative.Template),
// the variables it uses, their values for one viewer (and the content key
// of those values), and turning template plus values into the text
// layers, voice line and end card of a render.Job, with text fitted to the
// frame using the real font metrics.
//
// It knows nothing about ffmpeg, HTTP or storage: rendering is
// variants/render's, caching and queueing are the variants package's.
//
// The template JSON (every field optional unless noted; null = unset):
//
//	text[]      layers drawn in order, at most 8:
//	  value       required, <= 200 characters, with {variables}
//	  font        font name, default "DejaVu Sans Bold"
//	  size        fraction of the frame height, 0.02..0.3, default 0.07
//	  color       name (white, yellow ...), #RRGGBB or #RRGGBBAA, [@alpha]; default white
//	  box         bool; box_color default "black@0.5"
//	  position    top, center, bottom (default), top-left, top-right,
//	              bottom-left, bottom-right; or x and y in 0..1
//	  start, end  seconds; end 0 = until the end
//	voice       spoken line with {variables}, <= 300 characters
//	lang        greeting language: en (default), es, fr, de, it, pt
//	voice_lang  espeak-ng voice, default lang
//	end_card    {image_id (required), duration 1..10 s, default 3}
//	vars        custom variables {name: value}
//	defaults    values of built-in variables a viewer lacks {city: "your city"}
//	interests   the interests {interest} prefers, in the viewer's order
//
// Variables: {city} {region} {country} {greeting} {hello} {daypart}
// {interest} {local_time} {device} and the custom ones; "{{" and "}}" are
// literal braces. {greeting} is the time of day a greeting names, in the
// template's lang ("Good {greeting} from {city}" -> "Good morning from
// Madrid"); {hello} is the whole greeting ("Buenos días").
package template
