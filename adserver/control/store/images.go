package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/adstitch/adstitch/adserver/campaign"
)

const imageColumns = `id, advertiser_id, name, size, format, width, height, created_at`

// NewImageID names the file an image upload is written to before
// CreateImage records it.
func NewImageID() string { return newID(prefixImage) }

// CreateImage records an uploaded image whose file is already in place.
func (s *Store) CreateImage(ctx context.Context, im campaign.Image) (campaign.Image, error) {
	im.CreatedAt = now()
	_, err := s.db.ExecContext(ctx, `INSERT INTO images (id, advertiser_id, name, size, format, width, height, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		im.ID, im.AdvertiserID, im.Name, im.Size, im.Format, im.Width, im.Height, toDB(im.CreatedAt))
	if err != nil {
		return campaign.Image{}, fmt.Errorf("create image: %w", err)
	}
	return im, nil
}

// GetImage returns image id.
func (s *Store) GetImage(ctx context.Context, id string) (campaign.Image, error) {
	var (
		im      campaign.Image
		created int64
	)
	err := s.db.QueryRowContext(ctx, `SELECT `+imageColumns+` FROM images WHERE id = ?`, id).
		Scan(&im.ID, &im.AdvertiserID, &im.Name, &im.Size, &im.Format, &im.Width, &im.Height, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return campaign.Image{}, fmt.Errorf("get image: %w", notFound("image", id))
	}
	if err != nil {
		return campaign.Image{}, fmt.Errorf("get image: %w", err)
	}
	im.CreatedAt = fromDB(created)
	return im, nil
}
