package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control"
)

// CreateCampaign stores a new campaign of an existing advertiser with its
// creatives, all or nothing, and returns it with ids, times and version 1.
// It applies no defaults (see control.ApplyDefaults); creatives must not
// carry ids yet.
func (s *Store) CreateCampaign(ctx context.Context, c campaign.Campaign) (campaign.Campaign, error) {
	if err := control.ValidateCampaign(&c); err != nil {
		return campaign.Campaign{}, fmt.Errorf("create campaign: %w", invalid(err))
	}
	t := now()
	c.ID, c.Version, c.CreatedAt, c.UpdatedAt = newID(prefixCampaign), 1, t, t
	normalizeCampaign(&c)
	err := s.write(ctx, "create campaign", func(tx *sql.Tx) error {
		if _, _, err := getAdvertiser(ctx, tx, c.AdvertiserID); errors.Is(err, ErrNotFound) {
			return invalidField("advertiser_id", "no advertiser "+strconv.Quote(c.AdvertiserID))
		} else if err != nil {
			return err
		}
		if err := insertCampaign(ctx, tx, &c); err != nil {
			return err
		}
		return putCreatives(ctx, tx, &c, nil)
	})
	if err != nil {
		return campaign.Campaign{}, err
	}
	return c, nil
}

// GetCampaign returns campaign id with its creatives.
func (s *Store) GetCampaign(ctx context.Context, id string) (campaign.Campaign, error) {
	var c campaign.Campaign
	err := s.read(ctx, "get campaign", func(tx *sql.Tx) error {
		var err error
		c, err = getCampaign(ctx, tx, id)
		return err
	})
	return c, err
}

// ListCampaigns returns one page of campaigns (of advertiserID, or of all
// advertisers when it is ""), with creatives, in creation order, and the
// cursor of the next page ("" after the last).
func (s *Store) ListCampaigns(ctx context.Context, advertiserID string, p Page) ([]campaign.Campaign, string, error) {
	limit, after, err := p.resolve()
	if err != nil {
		return nil, "", fmt.Errorf("list campaigns: %w", err)
	}
	out := []campaign.Campaign{}
	var next string
	err = s.read(ctx, "list campaigns", func(tx *sql.Tx) error {
		query, args := `SELECT `+campaignColumns+` FROM campaigns WHERE seq > ? ORDER BY seq LIMIT ?`, []any{after, limit + 1}
		if advertiserID != "" {
			query = `SELECT ` + campaignColumns + ` FROM campaigns WHERE advertiser_id = ? AND seq > ? ORDER BY seq LIMIT ?`
			args = append([]any{advertiserID}, args...)
		}
		var seqs []int64
		if out, seqs, err = queryCampaigns(ctx, tx, query, args...); err != nil {
			return err
		}
		out, next = nextCursor(out, seqs, limit)
		return attachCreatives(ctx, tx, out)
	})
	if err != nil {
		return nil, "", err
	}
	return out, next, nil
}

// UpdateCampaign replaces campaign c.ID with c, all or nothing: creatives
// with an id (one of this campaign's) keep it, new ones get one, and the
// ones left out are deleted. An empty AdvertiserID keeps the current one;
// another one is refused (a campaign never changes hands). A non-zero
// c.Version must be the stored one (ErrConflict otherwise), so that two
// editors cannot overwrite each other unknowingly.
func (s *Store) UpdateCampaign(ctx context.Context, c campaign.Campaign) (campaign.Campaign, error) {
	var out campaign.Campaign
	err := s.write(ctx, "update campaign", func(tx *sql.Tx) error {
		old, err := getCampaign(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if c.AdvertiserID == "" {
			c.AdvertiserID = old.AdvertiserID
		}
		if c.AdvertiserID != old.AdvertiserID {
			return invalidField("advertiser_id", "cannot change; create a campaign for the other advertiser")
		}
		if c.Version != 0 && c.Version != old.Version {
			return fmt.Errorf("%w: campaign %q is at version %d, the update was based on %d", ErrConflict, c.ID, old.Version, c.Version)
		}
		if err := control.ValidateCampaign(&c); err != nil {
			return invalid(err)
		}
		c.Version, c.CreatedAt, c.UpdatedAt = old.Version+1, old.CreatedAt, now()
		normalizeCampaign(&c)
		if err := updateCampaign(ctx, tx, &c); err != nil {
			return err
		}
		keep := make(map[string]bool, len(old.Creatives))
		for _, cr := range old.Creatives {
			keep[cr.ID] = false
		}
		if err := putCreatives(ctx, tx, &c, keep); err != nil {
			return err
		}
		out = c
		return nil
	})
	if err != nil {
		return campaign.Campaign{}, err
	}
	return out, nil
}

// DeleteCampaign deletes campaign id and its creatives.
func (s *Store) DeleteCampaign(ctx context.Context, id string) error {
	return s.write(ctx, "delete campaign", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM campaigns WHERE id = ?`, id) // creatives cascade
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notFound("campaign", id)
		}
		return nil
	})
}

// putCreatives writes c's creatives in order. existing holds the ids the
// campaign had (nil on create); a creative naming another id is refused,
// and existing ids not named are deleted.
func putCreatives(ctx context.Context, tx *sql.Tx, c *campaign.Campaign, existing map[string]bool) error {
	for i := range c.Creatives {
		cr := &c.Creatives[i]
		cr.CampaignID = c.ID
		if cr.ID == "" {
			cr.ID = newID(prefixCreative)
			if _, err := tx.ExecContext(ctx, `INSERT INTO creatives (id, campaign_id, position, name, hls, spot_id, template, duration)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				cr.ID, cr.CampaignID, i, cr.Name, cr.HLS, cr.SpotID, jsonText(cr.Template), cr.Duration); err != nil {
				return fmt.Errorf("creative %d: %w", i, err)
			}
			continue
		}
		if _, ok := existing[cr.ID]; !ok {
			return invalidField("creatives["+strconv.Itoa(i)+"].id", "not a creative of this campaign: "+strconv.Quote(cr.ID))
		}
		existing[cr.ID] = true
		if _, err := tx.ExecContext(ctx, `UPDATE creatives SET position = ?, name = ?, hls = ?, spot_id = ?, template = ?, duration = ?
			WHERE id = ?`, i, cr.Name, cr.HLS, cr.SpotID, jsonText(cr.Template), cr.Duration, cr.ID); err != nil {
			return fmt.Errorf("creative %d: %w", i, err)
		}
	}
	for id, kept := range existing {
		if kept {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM creatives WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete creative %s: %w", id, err)
		}
	}
	return nil
}

func getCampaign(ctx context.Context, tx *sql.Tx, id string) (campaign.Campaign, error) {
	c, _, err := scanCampaign(tx.QueryRowContext(ctx, `SELECT `+campaignColumns+` FROM campaigns WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return campaign.Campaign{}, notFound("campaign", id)
	}
	if err != nil {
		return campaign.Campaign{}, err
	}
	cs := []campaign.Campaign{c}
	if err := attachCreatives(ctx, tx, cs); err != nil {
		return campaign.Campaign{}, err
	}
	return cs[0], nil
}

func queryCampaigns(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]campaign.Campaign, []int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	out := []campaign.Campaign{}
	var seqs []int64
	for rows.Next() {
		c, seq, err := scanCampaign(rows)
		if err != nil {
			return nil, nil, err
		}
		out, seqs = append(out, c), append(seqs, seq)
	}
	return out, seqs, rows.Err()
}

// normalizeCampaign stores times in UTC and JSON documents as the store
// returns them (compacted, nil when null), so that the value a write
// returns equals what a later read gives.
func normalizeCampaign(c *campaign.Campaign) {
	c.Start, c.End = c.Start.UTC(), c.End.UTC()
	c.Targeting = rawJSON(jsonText(c.Targeting))
	if c.Creatives == nil {
		c.Creatives = []campaign.Creative{}
	}
	for i := range c.Creatives {
		c.Creatives[i].Template = rawJSON(jsonText(c.Creatives[i].Template))
	}
}

func rawJSON(v any) []byte {
	if s, ok := v.(string); ok {
		return []byte(s)
	}
	return nil
}
