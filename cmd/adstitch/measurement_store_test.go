//go:build unix

package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"

	_ "modernc.org/sqlite" // driver "sqlite", the one sqlitestore uses
)

// openEventsDB opens the SQLite events file the loader writes, as a second
// client: it waits for the loader's locks instead of failing.
func openEventsDB(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open events db %s: %w", path, err)
	}
	return db, nil
}

// countRows is the events table's row count: cheap enough to poll, where
// the aggregate checks below take seconds in a -race test binary.
func countRows(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count events: %w", err)
	}
	return n, nil
}

// storedCounts is what the events table holds.
type storedCounts struct {
	rows, distinct int
	byType         map[string]int
}

func countStored(ctx context.Context, db *sql.DB) (storedCounts, error) {
	c := storedCounts{byType: map[string]int{}}
	var err error
	if c.rows, err = countRows(ctx, db); err != nil {
		return c, err
	}
	// Separate queries: together SQLite scans the table instead of reading
	// the primary key's index for the distinct count.
	if err := db.QueryRowContext(ctx, `SELECT count(DISTINCT event_id) FROM events`).Scan(&c.distinct); err != nil {
		return c, fmt.Errorf("count distinct event ids: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT type, count(*) FROM events GROUP BY type`)
	if err != nil {
		return c, fmt.Errorf("count events by type: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var typ string
		var n int
		if err := rows.Scan(&typ, &n); err != nil {
			return c, err
		}
		c.byType[typ] = n
	}
	return c, rows.Err()
}

// holdWriteLock takes SQLite's write lock (BEGIN IMMEDIATE) until release
// is called: a loader inserting meanwhile blocks inside its insert.
func holdWriteLock(ctx context.Context, db *sql.DB) (release func() error, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("take the events db write lock: %w", err)
	}
	return tx.Rollback, nil
}

// reportTotals sums a campaign report's rows.
type reportTotals struct {
	rows                                 int
	impressions, completes, uniqueViewer int64
}

// campaignReport asks serve for GET /v1/reports/campaigns/{id}?group_by=day.
func campaignReport(ctx context.Context, base, campaign, key string) (reportTotals, error) {
	var tot reportTotals
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/v1/reports/campaigns/"+campaign+"?group_by=day", nil)
	if err != nil {
		return tot, err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return tot, fmt.Errorf("report %s: %w", campaign, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return tot, fmt.Errorf("report %s: status %d", campaign, resp.StatusCode)
	}
	var rep struct {
		Rows []struct {
			Day           string `json:"day"`
			Impressions   int64  `json:"impressions"`
			Completes     int64  `json:"completes"`
			UniqueViewers int64  `json:"unique_viewers"`
		} `json:"rows"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil {
		return tot, fmt.Errorf("report %s: decode: %w", campaign, err)
	}
	for _, r := range rep.Rows {
		tot.rows++
		tot.impressions += r.Impressions
		tot.completes += r.Completes
		tot.uniqueViewer += r.UniqueViewers
	}
	return tot, nil
}
