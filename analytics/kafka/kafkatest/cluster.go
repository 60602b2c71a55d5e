// Package kafkatest runs an in-process Kafka cluster (kfake) whose brokers
// can crash and come back, for tests of the event pipeline: the kafka
// package's own tests and the end-to-end measurement proof of cmd/adstitch.
// It lives outside _test files so every package's tests can share it, and
// it must not import analytics/kafka (whose tests import it).
package kafkatest

import (
	"net"
	"strconv"
	"sync"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
)

// Cluster is an in-process Kafka cluster whose brokers can crash: a killed
// broker stops listening, drops every open connection and loses its
// partition leaderships, as a real broker process dying would. The
// embedded kfake.Cluster gives faults, controls and leadership queries.
type Cluster struct {
	*kfake.Cluster
	Brokers []string // host:port of each broker; index i is node id i

	mu    sync.Mutex
	conns map[int][]net.Conn // listener port -> accepted connections
	ports map[int32]int      // node id -> port
}

// NewCluster starts a cluster of brokers nodes (ids 0..brokers-1), closed
// when the test ends. opts are passed to kfake after the broker count and
// the listener.
func NewCluster(t testing.TB, brokers int, opts ...kfake.Opt) *Cluster {
	t.Helper()
	c := &Cluster{conns: make(map[int][]net.Conn), ports: make(map[int32]int)}
	all := append([]kfake.Opt{kfake.NumBrokers(brokers), kfake.ListenFn(c.listen)}, opts...)
	kc, err := kfake.NewCluster(all...)
	if err != nil {
		t.Fatalf("start kfake: %v", err)
	}
	t.Cleanup(kc.Close)
	c.Cluster = kc
	c.Brokers = kc.ListenAddrs()
	for i, addr := range c.Brokers { // kfake numbers its first brokers 0..n-1 in listen order
		c.ports[int32(i)] = portOf(addr)
	}
	return c
}

// Kill crashes broker node: it leaves the cluster and its connections drop.
func (c *Cluster) Kill(t testing.TB, node int32) {
	t.Helper()
	if err := c.RemoveNode(node); err != nil {
		t.Fatalf("kill broker %d: %v", node, err)
	}
	port := c.port(node)
	c.mu.Lock()
	conns := c.conns[port]
	delete(c.conns, port)
	c.mu.Unlock()
	for _, conn := range conns {
		conn.Close()
	}
}

// Restart brings node back on its old address.
func (c *Cluster) Restart(t testing.TB, node int32) {
	t.Helper()
	if _, _, err := c.AddNode(node, c.port(node)); err != nil {
		t.Fatalf("restart broker %d: %v", node, err)
	}
}

func (c *Cluster) port(node int32) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ports[node]
}

func (c *Cluster) listen(network, address string) (net.Listener, error) {
	ln, err := net.Listen(network, address)
	if err != nil {
		return nil, err
	}
	return &trackingListener{Listener: ln, c: c, port: portOf(ln.Addr().String())}, nil
}

// trackingListener remembers the connections it accepted so Kill can drop
// them.
type trackingListener struct {
	net.Listener
	c    *Cluster
	port int
}

func (l *trackingListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err == nil {
		l.c.mu.Lock()
		l.c.conns[l.port] = append(l.c.conns[l.port], conn)
		l.c.mu.Unlock()
	}
	return conn, err
}

func portOf(addr string) int {
	_, p, _ := net.SplitHostPort(addr)
	n, _ := strconv.Atoi(p)
	return n
}
