package spool

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// Spool is a durable, bounded, append-only log with one committed cursor.
// Append is safe for any number of goroutines; Read and Commit are for a
// single consumer.
type Spool struct {
	opt  Options
	dir  string
	log  *slog.Logger
	lock *os.File

	// Owned by the writer goroutine: data written but not fsynced yet.
	dirty    bool
	lastSync time.Time

	// mu guards the log's shared state; done is where appenders wait for
	// their generation to be fsynced.
	mu        sync.Mutex
	done      sync.Cond
	segs      []segment // on disk, in order; the last one is written to
	nextSeq   uint64    // sequence number of the next durable record
	committed position
	stage     []byte // framed records waiting for the writer
	stageRecs int
	stageGen  uint64 // generation the stage will be written as
	doneGen   uint64 // last generation written or failed
	failGen   uint64 // first generation that failed
	failErr   error  // sticky: once a write or fsync fails, the spool stops appending
	closing   bool
	entering  atomic.Int64 // Appends between entry and the stage

	kick       chan struct{} // wakes the writer
	readable   chan struct{} // wakes the reader: more durable records
	closed     chan struct{}
	writerDone chan struct{}

	// Owned by the writer goroutine.
	active     *os.File
	activeSize int64
	spare      []byte

	readMu    sync.Mutex // single consumer: guards the read side
	rpos      position
	readMean  int64 // bytes per record of the last batch read (slabSize)
	rfile     *os.File
	rfileBase uint64
	rr        *recordReader

	commitMu sync.Mutex

	stats      counters
	fullLog    throttle
	deliverLog throttle
}

// Open opens or creates the spool in o.Dir, recovering from a crash: a
// torn tail of the last segment is truncated, other damage is ErrCorrupt.
// Only one Spool may have a directory open (ErrLocked).
func Open(o Options) (*Spool, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := makeDir(o.Dir); err != nil {
		return nil, err
	}
	lock, err := lockDir(o.Dir)
	if err != nil {
		return nil, err
	}
	s := &Spool{
		opt: o, dir: o.Dir, log: o.Logger, lock: lock,
		stageGen:   1,
		kick:       make(chan struct{}, 1),
		readable:   make(chan struct{}, 1),
		closed:     make(chan struct{}),
		writerDone: make(chan struct{}),
		rr:         newRecordReader(),
		fullLog:    throttle{every: logEvery},
		deliverLog: throttle{every: logEvery},
	}
	s.done.L = &s.mu
	if err := s.recoverLog(); err != nil {
		if s.active != nil {
			s.active.Close()
		}
		unlockDir(lock)
		return nil, fmt.Errorf("open spool %s: %w", o.Dir, err)
	}
	s.log.Info("spool open", "dir", s.dir, "segments", len(s.segs),
		"pending_records", s.stats.pendingRecords.Load(), "pending_bytes", s.stats.pendingBytes.Load())
	go s.runWriter()
	return s, nil
}

// makeDir creates dir if missing and makes its entry durable.
func makeDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create spool dir: %w", err)
	}
	return syncDir(filepath.Dir(filepath.Clean(dir)))
}

// Close flushes staged appends, stops the writer and releases the
// directory. Appends after Close return ErrClosed; a blocked Read returns
// ErrClosed.
func (s *Spool) Close() error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		<-s.writerDone
		return nil
	}
	s.closing = true
	s.mu.Unlock()
	close(s.closed)
	<-s.writerDone

	var errs []error
	s.mu.Lock()
	if s.failErr != nil {
		errs = append(errs, s.failErr)
	}
	s.mu.Unlock()
	if err := s.active.Close(); err != nil {
		errs = append(errs, fmt.Errorf("close segment: %w", err))
	}
	s.readMu.Lock()
	s.closeReadFile()
	s.readMu.Unlock()
	s.commitMu.Lock() // wait out a Commit in flight
	if err := unlockDir(s.lock); err != nil {
		errs = append(errs, fmt.Errorf("unlock spool: %w", err))
	}
	s.commitMu.Unlock()
	return errors.Join(errs...)
}

func (s *Spool) segmentPath(base uint64) string {
	return filepath.Join(s.dir, segmentName(base))
}
