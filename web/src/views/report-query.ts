// A report's filters: what the page shows, kept in the hash
// (#/reports/ID?from=2026-01-01&to=2026-01-07&group_by=city,day) so a
// view can be shared, and turned into the API's query. Dates are UTC
// days and both ends are included; the API's "to" is exclusive, so it
// gets the day after.
import { addDays, isoDate, validDate } from '../format';

// The dimensions the API groups by (analytics.GroupKeys); the first four
// are offered up front.
export const groupKeys = ['variant', 'city', 'hour', 'day', 'local_hour', 'daypart', 'ad', 'creative', 'stream', 'device', 'country'];

export const groupLabels: Record<string, string> = {
  variant: 'Variant',
  city: 'City',
  hour: 'Hour (UTC)',
  day: 'Day (UTC)',
  local_hour: 'Viewer’s hour',
  daypart: 'Daypart',
  ad: 'Ad',
  creative: 'Creative',
  stream: 'Stream',
  device: 'Device',
  country: 'Country',
};

export interface ReportFilter {
  from: string; // YYYY-MM-DD, included
  to: string; // YYYY-MM-DD, included
  groupBy: string[];
}

export function filterFrom(q: URLSearchParams, now = new Date()): ReportFilter {
  const today = isoDate(now);
  const groupBy = (q.get('group_by') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k, i, all) => groupKeys.includes(k) && all.indexOf(k) === i);
  return { from: q.get('from') || addDays(today, -6), to: q.get('to') || today, groupBy };
}

// problem says what is wrong with f, or "".
export function problem(f: ReportFilter): string {
  if (!validDate(f.from)) return `"From" must be a date (YYYY-MM-DD), got "${f.from}".`;
  if (!validDate(f.to)) return `"To" must be a date (YYYY-MM-DD), got "${f.to}".`;
  if (f.to < f.from) return '"To" is before "From".';
  return '';
}

// apiQuery is the query of GET /v1/reports/campaigns/{id}.
export function apiQuery(f: ReportFilter, groupBy = f.groupBy, format = 'json'): Record<string, string> {
  const q: Record<string, string> = { from: f.from, to: addDays(f.to, 1) };
  if (groupBy.length) q.group_by = groupBy.join(',');
  q.format = format;
  return q;
}

export function hashQuery(f: ReportFilter): Record<string, string> {
  const q: Record<string, string> = { from: f.from, to: f.to };
  if (f.groupBy.length) q.group_by = f.groupBy.join(',');
  return q;
}

// days counts the days f covers.
export function days(f: ReportFilter): number {
  return Math.round((Date.parse(`${f.to}T00:00:00Z`) - Date.parse(`${f.from}T00:00:00Z`)) / 864e5) + 1;
}
