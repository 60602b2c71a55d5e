package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// GetCreative returns creative id; its CampaignID says whose it is.
func (s *Store) GetCreative(ctx context.Context, id string) (campaign.Creative, error) {
	cr, err := scanCreative(s.db.QueryRowContext(ctx, `SELECT `+creativeColumns+` FROM creatives WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return campaign.Creative{}, fmt.Errorf("get creative: %w", notFound("creative", id))
	}
	if err != nil {
		return campaign.Creative{}, fmt.Errorf("get creative: %w", err)
	}
	return cr, nil
}

// ListCreatives returns the creatives of campaign campaignID in their
// order (a campaign has at most control.MaxCreatives: no paging).
func (s *Store) ListCreatives(ctx context.Context, campaignID string) ([]campaign.Creative, error) {
	c, err := s.GetCampaign(ctx, campaignID)
	if err != nil {
		return nil, fmt.Errorf("list creatives: %w", err)
	}
	return c.Creatives, nil
}
