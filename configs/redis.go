package configs

import "net"

// RedisOptions point frequency-cap and goal counters at a shared Redis, so
// caps hold across instances. Without it counters are per process.
type RedisOptions struct {
	Addr string `yaml:"addr"` // host:port
}

func (r *RedisOptions) validate(p *problems) {
	if r == nil {
		return
	}
	if _, port, err := net.SplitHostPort(r.Addr); err != nil || !validPort(port) {
		p.add("redis.addr", "must be host:port, got %q", r.Addr)
	}
}
