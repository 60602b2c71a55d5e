package control

import (
	"strconv"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// ApplyDefaults fills the fields a campaign may leave out: status active,
// priority 5, pacing even. Callers that must tell "absent" from "zero"
// (the API, where "priority":0 is an error) apply defaults themselves.
func ApplyDefaults(c *campaign.Campaign) {
	if c.Status == "" {
		c.Status = campaign.StatusActive
	}
	if c.Priority == 0 {
		c.Priority = DefaultPriority
	}
	if c.Pacing == "" {
		c.Pacing = campaign.PacingEven
	}
}

// ValidateCampaign checks every client-set field of c, creatives and
// targeting included, and returns the first problem as a *FieldError. It
// applies no defaults and does not check that the advertiser exists.
func ValidateCampaign(c *campaign.Campaign) error {
	if c.AdvertiserID == "" {
		return fieldErr("advertiser_id", "required")
	}
	if err := checkName("name", c.Name); err != nil {
		return err
	}
	if c.Status != campaign.StatusActive && c.Status != campaign.StatusPaused {
		return fieldErr("status", "must be active or paused")
	}
	if err := checkFlight(c); err != nil {
		return err
	}
	if c.Priority < MinPriority || c.Priority > MaxPriority {
		return fieldErr("priority", "must be 1..100")
	}
	if c.ImpressionGoal < 0 {
		return fieldErr("impression_goal", "must be 0 (none) or more")
	}
	if c.DailyCap < 0 {
		return fieldErr("daily_cap", "must be 0 (none) or more")
	}
	if c.Pacing != campaign.PacingEven && c.Pacing != campaign.PacingASAP {
		return fieldErr("pacing", "must be even or asap")
	}
	if c.FrequencyCap.PerDay < 0 {
		return fieldErr("frequency_cap.per_day", "must be 0 (none) or more")
	}
	if c.FrequencyCap.PerSession < 0 {
		return fieldErr("frequency_cap.per_session", "must be 0 (none) or more")
	}
	if len(c.Category) > MaxCategoryLen {
		return fieldErr("category", "must be at most 100 bytes")
	}
	if err := ValidateTargeting(c.Targeting); err != nil {
		return err
	}
	return checkCreatives(c)
}

func checkFlight(c *campaign.Campaign) error {
	for _, f := range []struct {
		name string
		zero bool
		ok   bool
	}{
		{"start", c.Start.IsZero(), !c.Start.Before(minFlight) && c.Start.Before(maxFlight)},
		{"end", c.End.IsZero(), !c.End.Before(minFlight) && c.End.Before(maxFlight)},
	} {
		if f.zero {
			return fieldErr(f.name, "required")
		}
		if !f.ok {
			return fieldErr(f.name, "must be between 1970 and 2261")
		}
	}
	if !c.End.After(c.Start) {
		return fieldErr("end", "must be after start")
	}
	return nil
}

func checkCreatives(c *campaign.Campaign) error {
	if len(c.Creatives) > MaxCreatives {
		return fieldErr("creatives", "at most 50 per campaign")
	}
	if len(c.Creatives) == 0 && c.Status == campaign.StatusActive {
		return fieldErr("creatives", "an active campaign needs at least one creative")
	}
	seen := make(map[string]bool, len(c.Creatives))
	for i := range c.Creatives {
		path := "creatives[" + strconv.Itoa(i) + "]"
		cr := &c.Creatives[i]
		if cr.ID != "" {
			if seen[cr.ID] {
				return fieldErr(path+".id", "duplicate creative id "+strconv.Quote(cr.ID))
			}
			seen[cr.ID] = true
		}
		if err := ValidateCreative(path, cr); err != nil {
			return err
		}
	}
	return nil
}
