package adserver

import (
	"fmt"
	"sync"
	"time"

	"github.com/adstitch/adstitch/adserver/origin"
	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/manifest"
)

// stream is one configured channel or title with its origin caches.
type stream struct {
	id      string
	origin  string // absolute master URL
	live    bool
	genre   string
	opts    manifest.CompileOptions
	masters *origin.Cache[*manifest.Master]
	medias  *origin.Cache[*manifest.Template]

	mu   sync.Mutex
	last map[string]*manifest.Template // previous compile per media URL (live windows)
}

func newStream(c configs.Stream, originURL string, oo origin.Options, vodTTL time.Duration) *stream {
	s := &stream{
		id: c.ID, origin: originURL, live: c.Kind == configs.KindLive, genre: c.Genre,
		last: map[string]*manifest.Template{},
	}
	s.opts.DefaultBreak = time.Duration(c.BreakDuration).Seconds()
	for _, b := range c.Breaks {
		sb := manifest.ScheduledBreak{Duration: s.opts.DefaultBreak, Offset: b.Offset.Seconds()}
		switch b.Kind {
		case configs.Preroll:
			sb.Kind = manifest.Preroll
		case configs.Postroll:
			sb.Kind = manifest.Postroll
		default:
			sb.Kind = manifest.Midroll
		}
		s.opts.Schedule = append(s.opts.Schedule, sb)
	}
	s.masters = origin.NewCache(oo, func(url string, body []byte) (*manifest.Master, time.Duration, error) {
		m, err := manifest.ParseMaster(body, url)
		if err != nil {
			return nil, 0, err
		}
		ttl := vodTTL
		if s.live {
			ttl = 10 * time.Second // masters rarely change; live ones may
		}
		return m, ttl, nil
	})
	s.medias = origin.NewCache(oo, s.compileMedia(vodTTL))
	return s
}

// compileMedia parses a media playlist and compiles it on top of the
// previous window of the same URL, so live breaks keep their identity.
func (s *stream) compileMedia(vodTTL time.Duration) origin.Compile[*manifest.Template] {
	return func(url string, body []byte) (*manifest.Template, time.Duration, error) {
		m, err := manifest.ParseMedia(body, url)
		if err != nil {
			return nil, 0, err
		}
		if manifest.IsMaster(body) {
			return nil, 0, fmt.Errorf("%s is a master playlist where a media playlist was expected", url)
		}
		s.mu.Lock()
		prev := s.last[url]
		t := manifest.Compile(m, s.opts, prev)
		if !m.EndList {
			s.last[url] = t
		}
		s.mu.Unlock()
		if m.EndList || m.PlaylistType == "VOD" {
			return t, vodTTL, nil
		}
		// Live: refresh at most every half target duration (RFC 8216 §6.2.2
		// lets players reload that often after an unchanged playlist).
		ttl := time.Duration(t.TargetDuration()) * time.Second / 2
		return t, max(ttl, 500*time.Millisecond), nil
	}
}

func (s *stream) close() {
	s.masters.Close()
	s.medias.Close()
}

// streamIDs lists the configured streams, in config order.
func (s *Server) streamIDs() []string {
	ids := make([]string, 0, len(s.cfg.Streams))
	for _, sc := range s.cfg.Streams {
		ids = append(ids, sc.ID)
	}
	return ids
}

// streamOrigin is the master playlist URL of stream id, "" if unknown.
func (s *Server) streamOrigin(id string) string {
	if str := s.streams[id]; str != nil {
		return str.origin
	}
	return ""
}
