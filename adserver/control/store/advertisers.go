package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control"
)

const advertiserColumns = `seq, id, name, created_at, updated_at`

// CreateAdvertiser stores a new advertiser (only Name is read from a) and
// returns it with its id and times.
func (s *Store) CreateAdvertiser(ctx context.Context, a campaign.Advertiser) (campaign.Advertiser, error) {
	if err := control.ValidateAdvertiser(&a); err != nil {
		return campaign.Advertiser{}, fmt.Errorf("create advertiser: %w", invalid(err))
	}
	t := now()
	out := campaign.Advertiser{ID: newID(prefixAdvertiser), Name: a.Name, CreatedAt: t, UpdatedAt: t}
	err := s.write(ctx, "create advertiser", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO advertisers (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`,
			out.ID, out.Name, toDB(t), toDB(t))
		return err
	})
	if err != nil {
		return campaign.Advertiser{}, err
	}
	return out, nil
}

// GetAdvertiser returns the advertiser id.
func (s *Store) GetAdvertiser(ctx context.Context, id string) (campaign.Advertiser, error) {
	a, _, err := getAdvertiser(ctx, s.db, id)
	if err != nil {
		return campaign.Advertiser{}, fmt.Errorf("get advertiser: %w", err)
	}
	return a, nil
}

// ListAdvertisers returns one page of advertisers in creation order and
// the cursor of the next page ("" after the last).
func (s *Store) ListAdvertisers(ctx context.Context, p Page) ([]campaign.Advertiser, string, error) {
	limit, after, err := p.resolve()
	if err != nil {
		return nil, "", fmt.Errorf("list advertisers: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+advertiserColumns+` FROM advertisers WHERE seq > ? ORDER BY seq LIMIT ?`,
		after, limit+1)
	if err != nil {
		return nil, "", fmt.Errorf("list advertisers: %w", err)
	}
	defer rows.Close()
	out := []campaign.Advertiser{}
	var seqs []int64
	for rows.Next() {
		a, seq, err := scanAdvertiser(rows)
		if err != nil {
			return nil, "", fmt.Errorf("list advertisers: %w", err)
		}
		out, seqs = append(out, a), append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("list advertisers: %w", err)
	}
	out, next := nextCursor(out, seqs, limit)
	return out, next, nil
}

// UpdateAdvertiser replaces the client-set fields (Name) of advertiser
// a.ID and returns the stored advertiser.
func (s *Store) UpdateAdvertiser(ctx context.Context, a campaign.Advertiser) (campaign.Advertiser, error) {
	if err := control.ValidateAdvertiser(&a); err != nil {
		return campaign.Advertiser{}, fmt.Errorf("update advertiser: %w", invalid(err))
	}
	var out campaign.Advertiser
	err := s.write(ctx, "update advertiser", func(tx *sql.Tx) error {
		old, _, err := getAdvertiser(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		out = old
		out.Name, out.UpdatedAt = a.Name, now()
		_, err = tx.ExecContext(ctx, `UPDATE advertisers SET name = ?, updated_at = ? WHERE id = ?`,
			out.Name, toDB(out.UpdatedAt), out.ID)
		return err
	})
	if err != nil {
		return campaign.Advertiser{}, err
	}
	return out, nil
}

// DeleteAdvertiser deletes advertiser id and its marketer keys. It refuses
// (ErrConflict) while the advertiser has campaigns.
func (s *Store) DeleteAdvertiser(ctx context.Context, id string) error {
	return s.write(ctx, "delete advertiser", func(tx *sql.Tx) error {
		if _, _, err := getAdvertiser(ctx, tx, id); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM campaigns WHERE advertiser_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w: advertiser %q has %d campaign(s); delete them first", ErrConflict, id, n)
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM advertisers WHERE id = ?`, id) // keys cascade
		return err
	})
}

func getAdvertiser(ctx context.Context, q querier, id string) (campaign.Advertiser, int64, error) {
	a, seq, err := scanAdvertiser(q.QueryRowContext(ctx, `SELECT `+advertiserColumns+` FROM advertisers WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return campaign.Advertiser{}, 0, notFound("advertiser", id)
	}
	return a, seq, err
}

type scanner interface{ Scan(dest ...any) error }

func scanAdvertiser(r scanner) (campaign.Advertiser, int64, error) {
	var (
		a                campaign.Advertiser
		seq, created, up int64
	)
	if err := r.Scan(&seq, &a.ID, &a.Name, &created, &up); err != nil {
		return campaign.Advertiser{}, 0, err
	}
	a.CreatedAt, a.UpdatedAt = fromDB(created), fromDB(up)
	return a, seq, nil
}
