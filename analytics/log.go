package analytics

import "log/slog"

// LogRecorder writes each event as a structured log line. It is the
// recorder until a durable one is configured.
type LogRecorder struct{ Log *slog.Logger }

func (r LogRecorder) Record(e Event) error {
	r.Log.Info("ad event", "event_id", e.ID, "type", string(e.Type), "source", string(e.Source),
		"session", e.Session, "stream", e.Stream, "avail", e.Avail, "position", e.Position,
		"ad", e.Ad, "city", e.City, "device", e.Device)
	return nil
}
