package template

// margin keeps positioned text this fraction of the frame away from its
// edges (the action-safe area).
const margin = 0.05

// positions are the named anchors: horizontal and vertical alignment,
// -1 = left/top, 0 = centre, 1 = right/bottom.
var positions = map[string][2]int{
	"top":          {0, -1},
	"center":       {0, 0},
	"bottom":       {0, 1},
	"top-left":     {-1, -1},
	"top-right":    {1, -1},
	"bottom-left":  {-1, 1},
	"bottom-right": {1, 1},
}

const positionHelp = "one of top, center, bottom, top-left, top-right, bottom-left, bottom-right"

// DefaultPosition is where a text layer without position or x/y goes.
const DefaultPosition = "bottom"

// place turns an anchor into render.Text's X/Y, which place the text's
// top-left corner as a fraction of the frame with the text's own size
// taken out (x = (W - text_w) * X). w and h are the text's size as
// fractions of the frame, so the margin is exact whatever the text's size.
func place(position string, w, h float64) (x, y float64) {
	a := positions[position]
	return axis(a[0], w), axis(a[1], h)
}

func axis(align int, size float64) float64 {
	free := 1 - size // room left beside the text
	switch {
	case align == 0 || free <= 2*margin:
		return 0.5
	case align < 0:
		return margin / free
	default:
		return (free - margin) / free
	}
}
