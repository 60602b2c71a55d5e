package kafkatest

import (
	"net"
	"testing"
	"time"
)

// TestKillRestart: a killed broker drops its connections and refuses new
// ones; restarted, it listens on the same address again.
func TestKillRestart(t *testing.T) {
	c := NewCluster(t, 2)
	if len(c.Brokers) != 2 {
		t.Fatalf("brokers = %v, want 2", c.Brokers)
	}
	const victim = 1
	addr := c.Brokers[victim]
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	waitFor(t, "the connection to be tracked", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.conns[portOf(addr)]) == 1
	})

	c.Kill(t, victim)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Fatal("a connection to the killed broker still reads")
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("a connection to the killed broker stayed open")
	}
	if c2, err := net.Dial("tcp", addr); err == nil {
		c2.Close()
		t.Fatal("the killed broker still accepts connections")
	}
	if other, err := net.Dial("tcp", c.Brokers[0]); err != nil {
		t.Fatalf("the other broker stopped too: %v", err)
	} else {
		other.Close()
	}

	c.Restart(t, victim)
	waitFor(t, "the restarted broker to accept connections", func() bool {
		c2, err := net.Dial("tcp", addr)
		if err == nil {
			c2.Close()
		}
		return err == nil
	})
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
