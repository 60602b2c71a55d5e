// Decision explanations for people: why a session got the ads it got,
// break by break ("Break 1 (pre, 30 s): picked Madrid runners (15 s),
// house ad house-10s; rejected: Barcelona days — targeting").
import { api } from '../api';
import { h } from '../dom';
import { fmtSeconds } from '../format';
import type { Advertiser, AvailDecision, Campaign, SessionDecisions } from '../types';

// Why a campaign was passed over (adserver/decision reasons).
export const reasons: Record<string, string> = {
  flight: 'outside its flight dates',
  paused: 'paused',
  targeting: 'the viewer does not match its targeting rule',
  too_long: 'no creative of it fits what is left of the break',
  counters_unavailable: 'its caps could not be read, so it was left out',
  goal_reached: 'its impression goal is reached',
  daily_cap: 'its daily cap is reached',
  frequency_day: 'this viewer has seen it enough today',
  frequency_session: 'this viewer has seen it enough in this session',
  pacing: 'ahead of its even pacing schedule',
  advertiser_in_pod: 'its advertiser already has an ad in this break',
  category_in_pod: 'a competitor of the same category already has an ad in this break',
};

const maxLookups = 40;

export interface Names {
  campaigns: Map<string, string>;
  advertisers: Map<string, string>;
}

// loadNames looks up the names of the campaigns and advertisers d
// mentions; ones the key may not read keep their ids.
export async function loadNames(d: SessionDecisions, signal: AbortSignal): Promise<Names> {
  const names: Names = { campaigns: new Map(), advertisers: new Map() };
  const cids = new Set<string>();
  const aids = new Set<string>();
  for (const av of d.avails) {
    for (const p of av.picks) {
      cids.add(p.campaign_id);
      aids.add(p.advertiser_id);
    }
    for (const c of av.eligible) cids.add(c);
    for (const r of av.rejected) cids.add(r.campaign_id);
  }
  // One lookup per campaign: enough for a pod and its rivals, bounded for
  // breaks that list hundreds.
  await Promise.all([
    ...[...cids].slice(0, maxLookups).map((id) =>
      api<Campaign>('GET', `/v1/campaigns/${encodeURIComponent(id)}`, { signal })
        .then((c) => {
          names.campaigns.set(id, c.name);
          aids.add(c.advertiser_id);
        })
        .catch(() => undefined),
    ),
  ]);
  await Promise.all(
    [...aids].map((id) =>
      api<Advertiser>('GET', `/v1/advertisers/${encodeURIComponent(id)}`, { signal })
        .then((a) => names.advertisers.set(id, a.name))
        .catch(() => undefined),
    ),
  );
  return names;
}

const campaignName = (n: Names, id: string) => n.campaigns.get(id) ?? id;

// breakSummary is the one-line account of a break.
export function breakSummary(i: number, av: AvailDecision, n: Names): string {
  const picked = av.picks.map((p) => `${campaignName(n, p.campaign_id)} (${fmtSeconds(p.duration)})`);
  const fill = fillAds(av).map((a) => `house ad ${a}`);
  const all = [...picked, ...fill];
  let line = `Break ${i + 1} (${av.avail_id}, ${fmtSeconds(av.duration)}): `;
  line += all.length ? `picked ${all.join(', ')}` : 'nothing fit: the break plays the slate or the content';
  if (av.rejected.length) {
    line += `; rejected: ${av.rejected.map((r) => `${campaignName(n, r.campaign_id)} — ${r.reason}`).join('; ')}`;
  }
  return `${line}.`;
}

// fillAds are the pod's ads no campaign picked: house ads.
function fillAds(av: AvailDecision): string[] {
  const picked = new Set(av.picks.map((p) => p.creative_id));
  return av.ads.filter((a) => !picked.has(a));
}

export function explanation(d: SessionDecisions, n: Names): HTMLElement {
  if (d.avails.length === 0) {
    return h('p', { class: 'notice info' }, 'This session’s stream has no ad breaks in its current playlist window.');
  }
  return h(
    'ol',
    { class: 'explanation', id: 'explanation' },
    d.avails.map((av, i) => {
      const settled = new Set([...av.picks.map((p) => p.campaign_id), ...av.rejected.map((r) => r.campaign_id)]);
      const passed = av.eligible.filter((c) => !settled.has(c));
      return h(
        'li',
        { class: 'break', 'data-avail': av.avail_id },
        h('p', { class: 'summary' }, breakSummary(i, av, n)),
        h(
          'ul',
          null,
          av.picks.map((p) =>
            h(
              'li',
              { class: 'pick' },
              h('strong', null, campaignName(n, p.campaign_id)),
              ` — ${n.advertisers.get(p.advertiser_id) ?? p.advertiser_id}: creative ${p.creative_id}, ${fmtSeconds(p.duration)}, priority ${p.priority}`,
            ),
          ),
          fillAds(av).map((a) => h('li', { class: 'fill' }, h('strong', null, a), ' — house ad filling the rest of the break')),
          av.rejected.map((r) =>
            h(
              'li',
              { class: 'rejected', 'data-reason': r.reason },
              'Rejected ',
              h('strong', null, campaignName(n, r.campaign_id)),
              `: ${reasons[r.reason] ?? r.reason}`,
            ),
          ),
          passed.map((c) => h('li', { class: 'passed' }, 'Eligible but not needed: ', h('strong', null, campaignName(n, c)), ' (the break was already full)')),
        ),
        h('p', { class: 'muted' }, `Campaign snapshot version ${av.snapshot_version}.`),
      );
    }),
  );
}
