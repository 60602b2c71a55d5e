// The shapes of the adstitch HTTP API the console reads and writes
// (adserver/control/api/openapi.json and the data plane's handlers).

export interface Page<T> {
  items: T[];
  next_cursor?: string;
}

export interface Advertiser {
  id: string;
  name: string;
}

export interface FrequencyCap {
  per_day?: number;
  per_session?: number;
}

export interface Creative {
  id?: string;
  campaign_id?: string;
  name: string;
  hls?: string;
  spot_id?: string;
  template?: unknown;
  duration?: number;
}

export interface Campaign {
  id: string;
  advertiser_id: string;
  name: string;
  status: 'active' | 'paused';
  start: string;
  end: string;
  priority: number;
  impression_goal: number;
  daily_cap: number;
  pacing: 'even' | 'asap';
  frequency_cap: FrequencyCap;
  category: string;
  targeting?: unknown;
  creatives: Creative[];
  version: number;
}

// CampaignInput is the body of POST/PUT /v1/campaigns.
export type CampaignInput = Omit<Campaign, 'id' | 'version' | 'advertiser_id'> & {
  advertiser_id?: string;
  version?: number;
};

// ReportRow holds the group keys (city, hour, ...) and the metrics, flat.
export interface ReportRow {
  [key: string]: string | number;
  impressions: number;
  starts: number;
  first_quartiles: number;
  midpoints: number;
  third_quartiles: number;
  completes: number;
  completion_rate: number;
  unique_viewers: number;
  avg_frequency: number;
  fill_rate: number;
}

export interface Report {
  campaign_id: string;
  from: string;
  to: string;
  rows: ReportRow[];
}

export interface Pick {
  campaign_id: string;
  advertiser_id: string;
  creative_id: string;
  duration: number;
  priority: number;
}

export interface AvailDecision {
  avail_id: string;
  duration: number;
  snapshot_version: number;
  ads: string[];
  picks: Pick[];
  eligible: string[];
  rejected: { campaign_id: string; reason: string }[];
}

// SessionContext is what the server resolved for a viewer; the console
// shows it when the server sends it (see README: not every build does).
export type SessionContext = Record<string, unknown>;

export interface SessionDecisions {
  session_id: string;
  avails: AvailDecision[];
  context?: SessionContext;
}

export interface SessionRequest {
  stream: string;
  viewer_id?: string;
  interests?: string[];
  device?: string;
  ip?: string;
  utc_offset?: number;
}

export interface SessionCreated {
  session_id: string;
  manifest_url: string;
  tracking_url: string;
  context?: SessionContext;
}

export interface Spot {
  id: string;
  advertiser_id?: string;
  name?: string;
  size?: number;
  duration?: number;
  probe?: Record<string, unknown>;
  created_at?: string;
}

export type VariantStatus = 'queued' | 'rendering' | 'ready' | 'failed';

export interface Variant {
  id: string;
  base?: boolean; // the unpersonalized render of the spot
  status: VariantStatus;
  context?: Record<string, string>;
  progress?: number;
  preview_url?: string;
  error?: string;
}
