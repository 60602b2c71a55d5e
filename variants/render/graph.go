package render

import (
	"math"
	"strconv"
	"strings"
)

// Audio is mixed at this format, then each rendition resamples to its own
// rate and channel count at the encoder.
const mixFormat = "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo"

// inputs returns ffmpeg's input arguments and the input index of the
// voice line and the end card (-1 when absent).
func (p *plan) inputs() (args []string, voice, card int) {
	args = []string{"-i", p.job.Spot}
	voice, card = -1, -1
	n := 1
	if p.voiceWav != "" {
		args = append(args, "-i", p.voiceWav)
		voice, n = n, n+1
	}
	if p.job.EndCard != nil {
		args = append(args, "-i", p.job.EndCard.Image)
		card = n
	}
	return args, voice, card
}

// graph returns the -filter_complex graph: the spot decoded once, split
// to every rendition and fitted to it (scale keeping aspect, pad, fps,
// pixel format), the end card over the last seconds, the text layers on
// top; the audio mixed once (spot ducked under the voice line) and split.
// Rendition i reads [vi] and [ai].
func (p *plan) graph(voice, card int) string {
	var g strings.Builder
	var videos, audios []int
	for i, r := range p.rungs {
		if r.video() {
			videos = append(videos, i)
		}
		if r.audio() {
			audios = append(audios, i)
		}
	}
	sep := func() {
		if g.Len() > 0 {
			g.WriteByte(';')
		}
	}
	if len(videos) > 0 {
		sep()
		splitTo(&g, "[0:v]", "split", "vs", videos)
		if card >= 0 {
			g.WriteByte(';')
			splitTo(&g, "["+strconv.Itoa(card)+":v]", "split", "cs", videos)
		}
		for _, i := range videos {
			g.WriteByte(';')
			p.videoChain(&g, i, card >= 0)
		}
	}
	if len(audios) > 0 {
		sep()
		if p.spotAudio {
			g.WriteString("[0:a]" + mixFormat)
		} else {
			g.WriteString("anullsrc=r=48000:cl=stereo,atrim=duration=" + num(p.duration))
		}
		if voice >= 0 {
			// The voice drives a compressor on the spot's audio (ducking it
			// while the line is spoken) and is then mixed on top; apad
			// keeps the side chain alive after the line ends.
			g.WriteString("[spot];[" + strconv.Itoa(voice) + ":a]" + mixFormat + ",apad,asplit=2[key][line]")
			g.WriteString(";[spot][key]sidechaincompress=threshold=0.02:ratio=8:attack=10:release=400[ducked]")
			g.WriteString(";[ducked][line]amix=inputs=2:duration=first:normalize=0")
		}
		g.WriteByte(',')
		splitTo(&g, "", "asplit", "a", audios)
	}
	return g.String()
}

// splitTo writes in + filter=n and one labelled output per index.
func splitTo(g *strings.Builder, in, filter, label string, idx []int) {
	g.WriteString(in + filter + "=" + strconv.Itoa(len(idx)))
	for _, i := range idx {
		g.WriteString("[" + label + strconv.Itoa(i) + "]")
	}
}

// videoChain writes the picture of rendition i: [vsI] … [vI].
func (p *plan) videoChain(g *strings.Builder, i int, card bool) {
	r := p.rungs[i]
	w, h := strconv.Itoa(r.want.Width), strconv.Itoa(r.want.Height)
	fit := "scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease:force_divisible_by=2,pad=" +
		w + ":" + h + ":(ow-iw)/2:(oh-ih)/2,setsar=1"
	is := strconv.Itoa(i)
	if card {
		g.WriteString("[cs" + is + "]" + fit + ",format=" + r.pixFmt() + "[card" + is + "];")
	}
	g.WriteString("[vs" + is + "]" + fit + ",fps=" + r.want.FrameRate + ",format=" + r.pixFmt())
	if card {
		start := math.Max(0, p.duration-p.job.EndCard.Duration)
		// The card is one frame; overlay repeats it (eof_action=repeat)
		// for as long as enable lets it show.
		g.WriteString("[base" + is + "];[base" + is + "][card" + is + "]overlay=0:0:eof_action=repeat:enable=" +
			filterArg("gte(t,"+num(start)+")") + ",format=" + r.pixFmt())
	}
	for j, t := range p.job.Texts {
		if p.textFiles[j] == "" {
			continue
		}
		g.WriteString("," + drawtext(t, p.textFiles[j], r.want.Height))
	}
	g.WriteString("[v" + is + "]")
}

// drawtext draws one text layer read from textFile with expansion off, so
// every byte of the text is drawn as itself.
func drawtext(t Text, textFile string, height int) string {
	size := max(1, int(math.Round(t.Size*float64(height))))
	color, boxColor := t.Color, t.BoxColor
	if color == "" {
		color = "white"
	}
	if boxColor == "" {
		boxColor = "black@0.5"
	}
	s := "drawtext=fontfile=" + filterArg(t.FontFile) + ":textfile=" + filterArg(textFile) +
		":expansion=none:fontsize=" + strconv.Itoa(size) + ":fontcolor=" + filterArg(color) +
		":x=(w-text_w)*" + num(t.X) + ":y=(h-text_h)*" + num(t.Y)
	if t.Box {
		s += ":box=1:boxcolor=" + filterArg(boxColor) + ":boxborderw=" + strconv.Itoa(max(1, size/4))
	}
	switch {
	case t.End > 0:
		s += ":enable=" + filterArg("between(t,"+num(t.Start)+","+num(t.End)+")")
	case t.Start > 0:
		s += ":enable=" + filterArg("gte(t,"+num(t.Start)+")")
	}
	return s
}

// num writes a number for a filter expression.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
