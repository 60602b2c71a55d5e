package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/adstitch/adstitch/adserver/campaign"
)

const campaignColumns = `seq, id, advertiser_id, name, status, start_at, end_at, priority, impression_goal,
	daily_cap, pacing, freq_per_day, freq_per_session, category, targeting, version, created_at, updated_at`

func scanCampaign(r scanner) (campaign.Campaign, int64, error) {
	var (
		c                            campaign.Campaign
		seq, start, end, created, up int64
		targeting                    sql.NullString
	)
	err := r.Scan(&seq, &c.ID, &c.AdvertiserID, &c.Name, &c.Status, &start, &end, &c.Priority, &c.ImpressionGoal,
		&c.DailyCap, &c.Pacing, &c.FrequencyCap.PerDay, &c.FrequencyCap.PerSession, &c.Category, &targeting,
		&c.Version, &created, &up)
	if err != nil {
		return campaign.Campaign{}, 0, err
	}
	c.Start, c.End, c.CreatedAt, c.UpdatedAt = fromDB(start), fromDB(end), fromDB(created), fromDB(up)
	if targeting.Valid {
		c.Targeting = json.RawMessage(targeting.String)
	}
	c.Creatives = []campaign.Creative{}
	return c, seq, nil
}

func insertCampaign(ctx context.Context, tx *sql.Tx, c *campaign.Campaign) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO campaigns (id, advertiser_id, name, status, start_at, end_at, priority,
		impression_goal, daily_cap, pacing, freq_per_day, freq_per_session, category, targeting, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.AdvertiserID, c.Name, c.Status, toDB(c.Start), toDB(c.End), c.Priority,
		c.ImpressionGoal, c.DailyCap, c.Pacing, c.FrequencyCap.PerDay, c.FrequencyCap.PerSession, c.Category,
		jsonText(c.Targeting), c.Version, toDB(c.CreatedAt), toDB(c.UpdatedAt))
	return err
}

func updateCampaign(ctx context.Context, tx *sql.Tx, c *campaign.Campaign) error {
	_, err := tx.ExecContext(ctx, `UPDATE campaigns SET name = ?, status = ?, start_at = ?, end_at = ?, priority = ?,
		impression_goal = ?, daily_cap = ?, pacing = ?, freq_per_day = ?, freq_per_session = ?, category = ?,
		targeting = ?, version = ?, updated_at = ? WHERE id = ?`,
		c.Name, c.Status, toDB(c.Start), toDB(c.End), c.Priority,
		c.ImpressionGoal, c.DailyCap, c.Pacing, c.FrequencyCap.PerDay, c.FrequencyCap.PerSession, c.Category,
		jsonText(c.Targeting), c.Version, toDB(c.UpdatedAt), c.ID)
	return err
}

const creativeColumns = `id, campaign_id, name, hls, spot_id, template, duration`

func scanCreative(r scanner) (campaign.Creative, error) {
	var (
		cr       campaign.Creative
		template sql.NullString
	)
	if err := r.Scan(&cr.ID, &cr.CampaignID, &cr.Name, &cr.HLS, &cr.SpotID, &template, &cr.Duration); err != nil {
		return campaign.Creative{}, err
	}
	if template.Valid {
		cr.Template = json.RawMessage(template.String)
	}
	return cr, nil
}

// attachCreatives loads the creatives of cs (in their order) into them.
func attachCreatives(ctx context.Context, q querier, cs []campaign.Campaign) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[string]*campaign.Campaign, len(cs))
	args := make([]any, len(cs))
	for i := range cs {
		byID[cs[i].ID] = &cs[i]
		args[i] = cs[i].ID
	}
	marks := strings.Repeat(",?", len(cs))[1:]
	rows, err := q.QueryContext(ctx, `SELECT `+creativeColumns+` FROM creatives WHERE campaign_id IN (`+marks+`)
		ORDER BY campaign_id, position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		cr, err := scanCreative(rows)
		if err != nil {
			return err
		}
		c := byID[cr.CampaignID]
		c.Creatives = append(c.Creatives, cr)
	}
	return rows.Err()
}

// jsonText is the column value of an optional JSON document: NULL when
// absent or null, else compacted text.
func jsonText(raw json.RawMessage) any {
	if len(raw) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return nil
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw) // validated before; keep it as given
	}
	return b.String()
}
