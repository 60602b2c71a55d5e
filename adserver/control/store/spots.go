package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/adstitch/adstitch/adserver/campaign"
)

const spotColumns = `seq, id, advertiser_id, name, size, sha256, duration, probe, created_at`

// NewSpotID reserves nothing; it names the file an upload is written to
// before CreateSpot records it.
func NewSpotID() string { return newID(prefixSpot) }

// CreateSpot records an uploaded spot whose file is already in place
// (sp.ID from NewSpotID). Spots do not change the campaign snapshot: the
// version is left alone.
func (s *Store) CreateSpot(ctx context.Context, sp campaign.Spot) (campaign.Spot, error) {
	sp.CreatedAt = now()
	_, err := s.db.ExecContext(ctx, `INSERT INTO spots (id, advertiser_id, name, size, sha256, duration, probe, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		sp.ID, sp.AdvertiserID, sp.Name, sp.Size, sp.SHA256, sp.Duration, string(sp.Probe), toDB(sp.CreatedAt))
	if err != nil {
		return campaign.Spot{}, fmt.Errorf("create spot: %w", err)
	}
	return sp, nil
}

// GetSpot returns spot id.
func (s *Store) GetSpot(ctx context.Context, id string) (campaign.Spot, error) {
	sp, _, err := scanSpot(s.db.QueryRowContext(ctx, `SELECT `+spotColumns+` FROM spots WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return campaign.Spot{}, fmt.Errorf("get spot: %w", notFound("spot", id))
	}
	if err != nil {
		return campaign.Spot{}, fmt.Errorf("get spot: %w", err)
	}
	return sp, nil
}

// ListSpots returns one page of spots in upload order, those of
// advertiserID only unless it is "".
func (s *Store) ListSpots(ctx context.Context, advertiserID string, p Page) ([]campaign.Spot, string, error) {
	limit, after, err := p.resolve()
	if err != nil {
		return nil, "", fmt.Errorf("list spots: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+spotColumns+` FROM spots
		WHERE seq > ? AND (? = '' OR advertiser_id = ?) ORDER BY seq LIMIT ?`, after, advertiserID, advertiserID, limit+1)
	if err != nil {
		return nil, "", fmt.Errorf("list spots: %w", err)
	}
	defer rows.Close()
	out := []campaign.Spot{}
	var seqs []int64
	for rows.Next() {
		sp, seq, err := scanSpot(rows)
		if err != nil {
			return nil, "", fmt.Errorf("list spots: %w", err)
		}
		out, seqs = append(out, sp), append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("list spots: %w", err)
	}
	out, next := nextCursor(out, seqs, limit)
	return out, next, nil
}

func scanSpot(r scanner) (campaign.Spot, int64, error) {
	var (
		sp           campaign.Spot
		seq, created int64
		probe        string
	)
	if err := r.Scan(&seq, &sp.ID, &sp.AdvertiserID, &sp.Name, &sp.Size, &sp.SHA256, &sp.Duration, &probe, &created); err != nil {
		return campaign.Spot{}, 0, err
	}
	sp.Probe, sp.CreatedAt = []byte(probe), fromDB(created)
	return sp, seq, nil
}
