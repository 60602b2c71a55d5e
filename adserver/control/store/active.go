package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// ActiveCampaigns returns what the decision snapshot is built from: every
// campaign with status active whose flight has not ended at now (end >
// now), with creatives, in creation order, and the global version they
// were read at (one consistent read). Campaigns that start later are
// included: a snapshot is only rebuilt on a change, so the decision engine
// checks the flight start itself.
func (s *Store) ActiveCampaigns(ctx context.Context, now time.Time) ([]campaign.Campaign, int64, error) {
	var (
		out []campaign.Campaign
		v   int64
	)
	err := s.read(ctx, "active campaigns", func(tx *sql.Tx) error {
		var err error
		if v, err = version(ctx, tx); err != nil {
			return err
		}
		if out, _, err = queryCampaigns(ctx, tx, `SELECT `+campaignColumns+` FROM campaigns
			WHERE status = ? AND end_at > ? ORDER BY seq`, campaign.StatusActive, toDB(now)); err != nil {
			return err
		}
		return attachAllCreatives(ctx, tx, out, toDB(now))
	})
	if err != nil {
		return nil, 0, err
	}
	return out, v, nil
}

// attachAllCreatives is attachCreatives for the whole active set: one
// join instead of an IN list of thousands of ids.
func attachAllCreatives(ctx context.Context, tx *sql.Tx, cs []campaign.Campaign, now int64) error {
	byID := make(map[string]*campaign.Campaign, len(cs))
	for i := range cs {
		byID[cs[i].ID] = &cs[i]
	}
	rows, err := tx.QueryContext(ctx, `SELECT cr.id, cr.campaign_id, cr.name, cr.hls, cr.spot_id, cr.template, cr.duration
		FROM creatives cr JOIN campaigns c ON c.id = cr.campaign_id
		WHERE c.status = ? AND c.end_at > ? ORDER BY cr.campaign_id, cr.position`, campaign.StatusActive, now)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		cr, err := scanCreative(rows)
		if err != nil {
			return err
		}
		if c := byID[cr.CampaignID]; c != nil {
			c.Creatives = append(c.Creatives, cr)
		}
	}
	return rows.Err()
}
