package decision_test

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// testRedis is a redis-server of the test's own, on a free local port,
// without persistence.
type testRedis struct {
	addr string
	cmd  *exec.Cmd
	out  bytes.Buffer
}

// startRedis starts redis-server, or skips when it is not installed
// (fails instead when ADSTITCH_REQUIRE_REDIS=1).
func startRedis(t *testing.T) *testRedis {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("ADSTITCH_REQUIRE_REDIS") == "1" {
			t.Fatalf("redis-server required (ADSTITCH_REQUIRE_REDIS=1): %v", err)
		}
		t.Skipf("redis-server not installed (apt-get install redis-server): %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	r := &testRedis{addr: "127.0.0.1:" + strconv.Itoa(port)}
	r.cmd = exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", t.TempDir())
	r.cmd.Stdout, r.cmd.Stderr = &r.out, &r.out
	if err := r.cmd.Start(); err != nil {
		t.Fatalf("start redis-server: %v", err)
	}
	t.Cleanup(r.stop)
	c := redis.NewClient(&redis.Options{Addr: r.addr, MaxRetries: -1})
	defer c.Close()
	for deadline := time.Now().Add(10 * time.Second); ; {
		if err := c.Ping(context.Background()).Err(); err == nil {
			return r
		} else if time.Now().After(deadline) {
			t.Fatalf("redis-server on %s did not answer: %v\n%s", r.addr, err, r.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop kills the server (idempotent).
func (r *testRedis) stop() {
	if r.cmd.ProcessState == nil {
		_ = r.cmd.Process.Kill()
		_ = r.cmd.Wait()
	}
}

// flush empties the server between cases.
func (r *testRedis) flush(t *testing.T) {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: r.addr})
	defer c.Close()
	if err := c.FlushAll(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
}
