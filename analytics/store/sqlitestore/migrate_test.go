package sqlitestore

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// TestOpenMigratesLegacy opens a database filled by the former store
// (migrations 0001 and 0002): its events survive migrations 0003 and 0004
// as they were, event_keys lists them all, and new copies of them are told
// from new events as the former store would.
func TestOpenMigratesLegacy(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "events.db")
	legacy := openLegacy(t, path)
	model := openLegacy(t, filepath.Join(dir, "model.db"))
	defer model.Close()
	batches := randomBatches(3, 40, 300)
	for _, b := range batches[:20] {
		if err := legacyInsert(ctx, legacy, b); err != nil {
			t.Fatal(err)
		}
		if err := legacyInsert(ctx, model, b); err != nil {
			t.Fatal(err)
		}
	}
	before := dump(t, legacy)
	var pageSize int
	if err := legacy.QueryRow("PRAGMA page_size").Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	legacy.Close()

	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got := dump(t, st.db); !slices.Equal(got, before) {
		t.Fatalf("migrated events differ:\n%s", firstDiff(got, before))
	}
	checkIndex(t, st.db)
	var got int
	if err := st.db.QueryRow("PRAGMA page_size").Scan(&got); err != nil || got != pageSize {
		t.Fatalf("page size %d, %v; want the file's %d", got, err, pageSize)
	}
	st.indexRows, st.indexShare = 100, 0
	for _, b := range batches[20:] {
		if err := legacyInsert(ctx, model, b); err != nil {
			t.Fatal(err)
		}
		if err := st.Insert(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := dump(t, st.db), dump(t, model); !slices.Equal(got, want) {
		t.Fatalf("after more inserts:\n%s", firstDiff(got, want))
	}
	checkIndex(t, st.db)
}

// TestOpenPageSize checks a new file gets pageSize pages.
func TestOpenPageSize(t *testing.T) {
	st := openTemp(t)
	var got int
	if err := st.db.QueryRow("PRAGMA page_size").Scan(&got); err != nil || got != pageSize {
		t.Fatalf("page size %d, %v; want %d", got, err, pageSize)
	}
}
