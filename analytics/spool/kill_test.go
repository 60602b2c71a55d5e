package spool

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The child process of TestKill9 runs this; otherwise it skips.
const (
	helperDirEnv   = "SPOOL_TEST_HELPER_DIR"
	helperRoundEnv = "SPOOL_TEST_HELPER_ROUND"
	helperWriters  = 8
)

// TestHelperProcess appends "round:writer:i" from several goroutines and
// prints "A round writer i" once each Append returned; a consumer commits
// batches and prints "C round writer i" for the last record of each
// writer in every committed batch. It runs until it is killed.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(helperDirEnv)
	if dir == "" {
		t.Skip("child process of TestKill9")
	}
	round := os.Getenv(helperRoundEnv)
	s, err := Open(Options{Dir: dir, SegmentBytes: 4 << 10, Logger: quietLogger()})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(2)
	}
	var out sync.Mutex
	say := func(line string) {
		out.Lock()
		os.Stdout.WriteString(line)
		out.Unlock()
	}
	for w := range helperWriters {
		go func() {
			for i := 0; ; i++ {
				if err := s.Append(fmt.Appendf(nil, "%s:%d:%d", round, w, i)); err != nil {
					fmt.Fprintln(os.Stderr, "append:", err)
					os.Exit(2)
				}
				say(fmt.Sprintf("A %s %d %d\n", round, w, i))
			}
		}()
	}
	for {
		b, err := s.Read(context.Background(), 50, time.Second)
		if err != nil {
			fmt.Fprintln(os.Stderr, "read:", err)
			os.Exit(2)
		}
		if err := s.Commit(b); err != nil {
			fmt.Fprintln(os.Stderr, "commit:", err)
			os.Exit(2)
		}
		last := map[string]string{}
		for _, r := range b.Records {
			k, i := splitRecord(string(r))
			last[k] = i
		}
		for k, i := range last {
			say(fmt.Sprintf("C %s %s\n", strings.ReplaceAll(k, ":", " "), i))
		}
		time.Sleep(30 * time.Millisecond) // a slow consumer: a backlog builds up
	}
}

// splitRecord splits "round:writer:i" into "round:writer" and "i".
func splitRecord(r string) (key, i string) {
	j := strings.LastIndexByte(r, ':')
	return r[:j], r[j+1:]
}

// TestKill9 kills a process appending and committing with SIGKILL, several
// times over one directory, and checks after each kill that every
// acknowledged record is in the log exactly once and in order, unless it
// was committed, and that no committed record comes back.
func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	dir := t.TempDir()
	acked := map[string]int{}     // round:writer -> highest acknowledged i
	committed := map[string]int{} // round:writer -> highest i known committed
	for round, killAfter := range []int{300, 1500, 40, 800} {
		runChild(t, dir, round, killAfter, acked, committed)

		s := openTest(t, Options{Dir: dir, SegmentBytes: 4 << 10})
		recs, _ := readAll(t, s, 1000)
		checkAfterKill(t, round, recs, acked, committed)
		st := s.Stats()
		t.Logf("round %d: killed after %d acks; %d records pending, %d segments", round, killAfter, st.PendingRecords, st.Segments)
		s.Close()
	}
}

// helperBatch is the most records a helper commits at once: the kill may
// land between a Commit and the lines saying so, so up to this many
// records may be committed without the parent knowing.
const helperBatch = 50

// checkAfterKill checks the log read after a kill: per writer, a run of
// consecutive numbers starting just after what was committed and ending at
// or after what was acknowledged.
func checkAfterKill(t *testing.T, round int, recs [][]byte, acked, committed map[string]int) {
	t.Helper()
	lastCommit := func(k string) int {
		if c, ok := committed[k]; ok {
			return c
		}
		return -1
	}
	next := map[string]int{} // writer -> the number its next record must have
	for _, r := range recs {
		k, si := splitRecord(string(r))
		i, err := strconv.Atoi(si)
		if err != nil {
			t.Fatalf("round %d: garbage record %q", round, r)
		}
		want, seen := next[k]
		switch c := lastCommit(k); {
		case !seen && i <= c:
			t.Fatalf("round %d: %s:%d delivered again after it was committed (up to %d)", round, k, i, c)
		case !seen && i > c+1+helperBatch:
			t.Fatalf("round %d: %s starts at %d, but only up to %d was committed: records lost", round, k, i, c)
		case seen && i != want:
			t.Fatalf("round %d: %s:%d follows %s:%d: duplicate, gap or reorder", round, k, i, k, want-1)
		}
		next[k] = i + 1
	}
	for k, hi := range acked {
		n, ok := next[k]
		switch {
		case ok && n-1 < hi:
			t.Fatalf("round %d: acknowledged %s:%d lost (the log ends at %d)", round, k, hi, n-1)
		case !ok && hi > lastCommit(k)+helperBatch:
			t.Fatalf("round %d: acknowledged %s up to %d, none left, committed only up to %d", round, k, hi, lastCommit(k))
		}
	}
}

// runChild starts the helper, kills it with SIGKILL once it acknowledged
// killAfter records, and records what it acknowledged and committed.
func runChild(t *testing.T, dir string, round, killAfter int, acked, committed map[string]int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperDirEnv+"="+dir, helperRoundEnv+"="+strconv.Itoa(round))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer timer.Stop()
	n := 0
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 4 {
			continue // the kill cut the line
		}
		k := f[1] + ":" + f[2]
		i, err := strconv.Atoi(f[3])
		if err != nil {
			continue
		}
		switch f[0] {
		case "A":
			acked[k] = max(acked[k], i)
			if n++; n == killAfter {
				cmd.Process.Signal(syscall.SIGKILL)
			}
		case "C":
			if c, ok := committed[k]; !ok || i > c {
				committed[k] = i
			}
		}
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("round %d: child did not die by SIGKILL (%v): %s", round, err, stderr.String())
	}
	if n < killAfter {
		t.Fatalf("round %d: child acknowledged %d records, want %d: %s", round, n, killAfter, stderr.String())
	}
}
