package decision

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis keys (campaign id last, after fixed-width fields, so ids may hold
// any character without two keys colliding):
//
//	adstitch:n:{campaign}                   total, no expiry
//	adstitch:d:{day}:{campaign}             per UTC day
//	adstitch:v:{day}:{viewer hex}:{campaign} per viewer per UTC day
//	adstitch:s:{session hex}:{campaign}     per session
//
// Per-day and per-session keys are INCRed with an EXPIRE of two days
// (sessions are shorter than that), so Redis holds two days of keys.
const (
	redisPrefix    = "adstitch:"
	redisKeyTTL    = 48 * time.Hour
	redisIOTimeout = 200 * time.Millisecond // a decision waits no longer
)

// redisCounters share counts between instances through one Redis server.
//
// The engine reads through ReadBatch: one MGET of every key a decision
// needs, one round trip, nothing cached, so a cap reached on one instance
// holds on all of them at once. (A local cache with a TTL would save that
// round trip but let every instance overshoot a frequency cap for the
// TTL.) RecordImpression is one pipelined round trip. MGET needs all keys
// on one node: a single server or a proxy, not Redis Cluster.
type redisCounters struct {
	rdb *redis.Client
}

// NewRedisCounters connects to addr ("host:port" or a redis:// URL) and
// checks it answers. The result also implements io.Closer.
func NewRedisCounters(addr string) (Counters, error) {
	opt := &redis.Options{Addr: addr}
	if strings.Contains(addr, "://") {
		var err error
		if opt, err = redis.ParseURL(addr); err != nil {
			return nil, fmt.Errorf("redis counters %s: %w", addr, err)
		}
	}
	// Decisions sit in the playlist request path: a slow or dead Redis must
	// cost a few hundred milliseconds at most, never go-redis's default
	// seconds of dial retries. One command retry survives a server restart.
	opt.DialTimeout = redisIOTimeout
	opt.DialerRetries = 1
	opt.DialerRetryTimeout = 10 * time.Millisecond
	opt.ReadTimeout = redisIOTimeout
	opt.WriteTimeout = redisIOTimeout
	opt.MaxRetries = 1
	opt.MinRetryBackoff = time.Millisecond
	opt.MaxRetryBackoff = 10 * time.Millisecond
	rdb := redis.NewClient(opt)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return nil, fmt.Errorf("redis counters %s: %w", addr, err)
	}
	return &redisCounters{rdb: rdb}, nil
}

// Close closes the connections.
func (r *redisCounters) Close() error { return r.rdb.Close() }

func totalKey(id string) string { return redisPrefix + "n:" + id }

func dayKey(day, id string) string { return redisPrefix + "d:" + day + ":" + id }

func viewerKey(day string, viewer *[16]byte, id string) string {
	return redisPrefix + "v:" + day + ":" + hex.EncodeToString(viewer[:]) + ":" + id
}

func sessionKey(session *[16]byte, id string) string {
	return redisPrefix + "s:" + hex.EncodeToString(session[:]) + ":" + id
}

func (r *redisCounters) ReadBatch(b *Batch) error {
	keys := make([]string, 0, len(b.Items))
	for i := range b.Items {
		it := &b.Items[i]
		if it.Want&WantTotal != 0 {
			keys = append(keys, totalKey(it.CampaignID))
		}
		if it.Want&WantDay != 0 {
			keys = append(keys, dayKey(b.Day, it.CampaignID))
		}
		if it.Want&WantViewerDay != 0 {
			keys = append(keys, viewerKey(b.Day, &b.Viewer, it.CampaignID))
		}
		if it.Want&WantSession != 0 {
			keys = append(keys, sessionKey(&b.Session, it.CampaignID))
		}
	}
	if len(keys) == 0 {
		return nil
	}
	vals, err := r.rdb.MGet(context.Background(), keys...).Result()
	if err != nil {
		return fmt.Errorf("redis counters: mget %d keys: %w", len(keys), err)
	}
	if len(vals) != len(keys) {
		return fmt.Errorf("redis counters: mget %d keys: %d values", len(keys), len(vals))
	}
	next := func() (int64, error) {
		v := vals[0]
		vals = vals[1:]
		return countValue(v)
	}
	for i := range b.Items {
		it := &b.Items[i]
		for _, f := range [...]struct {
			w Want
			n *int64
		}{{WantTotal, &it.Total}, {WantDay, &it.Day}, {WantViewerDay, &it.ViewerDay}, {WantSession, &it.Session}} {
			if it.Want&f.w == 0 {
				continue
			}
			if *f.n, err = next(); err != nil {
				return fmt.Errorf("redis counters: campaign %s: %w", it.CampaignID, err)
			}
		}
	}
	return nil
}

// countValue reads one MGET value: nil (no key) is zero.
func countValue(v any) (int64, error) {
	switch v := v.(type) {
	case nil:
		return 0, nil
	case string:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("count %q: %w", v, err)
		}
		return n, nil
	default:
		return 0, fmt.Errorf("count of type %T", v)
	}
}

// get reads one count. The Counters read methods cannot return an error:
// an unreadable count is zero here. The engine never uses them (it reads
// through ReadBatch, which fails closed).
func (r *redisCounters) get(key string) int64 {
	n, err := r.rdb.Get(context.Background(), key).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return 0
	}
	return n
}

func (r *redisCounters) CampaignTotal(campaignID string) int64 {
	return r.get(totalKey(campaignID))
}

func (r *redisCounters) CampaignDay(campaignID string, day string) int64 {
	return r.get(dayKey(day, campaignID))
}

func (r *redisCounters) ViewerDay(campaignID string, viewer [16]byte, day string) int64 {
	return r.get(viewerKey(day, &viewer, campaignID))
}

func (r *redisCounters) SessionCount(campaignID string, session [16]byte) int64 {
	return r.get(sessionKey(&session, campaignID))
}

// RecordImpression counts one impression in one pipelined round trip. A
// zero viewer (anonymous) counts toward the session only.
func (r *redisCounters) RecordImpression(campaignID string, viewer, session [16]byte, at time.Time) error {
	day := DayKey(at)
	_, err := r.rdb.Pipelined(context.Background(), func(p redis.Pipeliner) error {
		ctx := context.Background()
		p.Incr(ctx, totalKey(campaignID))
		incrExpire(p, dayKey(day, campaignID))
		if viewer != [16]byte{} {
			incrExpire(p, viewerKey(day, &viewer, campaignID))
		}
		incrExpire(p, sessionKey(&session, campaignID))
		return nil
	})
	if err != nil {
		return fmt.Errorf("redis counters: record %s: %w", campaignID, err)
	}
	return nil
}

func incrExpire(p redis.Pipeliner, key string) {
	ctx := context.Background()
	p.Incr(ctx, key)
	p.Expire(ctx, key, redisKeyTTL)
}
