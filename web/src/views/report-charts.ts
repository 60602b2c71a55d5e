// The report's charts: impressions and completion rate over time, and
// impressions by variant, by city and by the viewer's hour of day. Each
// is its own query over the same period.
import { api } from '../api';
import { h } from '../dom';
import { fmtPct } from '../format';
import type { Report, ReportRow } from '../types';
import { barChart, columnChart, type Bar } from '../charts/bar';
import { timeChart, type TimePoint } from '../charts/line';
import { apiQuery, days, type ReportFilter } from './report-query';
import { groupValue } from './report-table';
import { aborted, errorNotice } from './view';

export async function reportCharts(id: string, f: ReportFilter, signal: AbortSignal): Promise<HTMLElement> {
  const byHour = days(f) <= 4;
  const get = (key: string) =>
    api<Report>('GET', `/v1/reports/campaigns/${encodeURIComponent(id)}`, { query: apiQuery(f, [key]), signal });
  // name is the chart's data-chart: the group key, "time" for the time chart.
  const figure = async (title: string, key: string, draw: (rows: ReportRow[]) => SVGSVGElement, name = key) => {
    try {
      const rep = await get(key);
      return h('figure', { class: 'chart-box', 'data-chart': name }, h('figcaption', null, title), draw(rep.rows));
    } catch (err) {
      if (aborted(err)) throw err;
      return h('figure', { class: 'chart-box' }, h('figcaption', null, title), errorNotice(err));
    }
  };
  const time = byHour ? 'hour' : 'day';
  const figs = await Promise.all([
    figure(`Impressions and completion rate by ${time} (UTC)`, time, (rows) => timeChart(timeSeries(rows, f, time), 'Impressions and completion rate over time'), 'time'),
    figure('Impressions by variant', 'variant', (rows) => barChart(bars(rows, 'variant'), 'Impressions by variant')),
    figure('Impressions by city', 'city', (rows) => barChart(bars(rows, 'city'), 'Impressions by city')),
    figure('Impressions by hour of day (viewer’s local time)', 'local_hour', (rows) => columnChart(hours(rows), 'Impressions by hour of day')),
  ]);
  return h(
    'section',
    { class: 'charts' },
    h('p', { class: 'legend' }, h('span', { class: 'key impressions' }), 'impressions ', h('span', { class: 'key rate' }), 'completion rate'),
    figs,
  );
}

function note(r: ReportRow): string {
  return r.impressions > 0 ? `${fmtPct(r.completion_rate)} completed` : '';
}

function bars(rows: ReportRow[], key: string): Bar[] {
  return rows.map((r) => ({ label: groupValue(key, r[key]), value: r.impressions, note: note(r) }));
}

function hours(rows: ReportRow[]): Bar[] {
  const by = new Map(rows.map((r) => [String(r.local_hour), r]));
  return Array.from({ length: 24 }, (_, hr) => {
    const r = by.get(String(hr));
    return { label: String(hr), value: r?.impressions ?? 0, note: r ? note(r) : '' };
  });
}

// timeSeries has one point per hour or day of f, zero where no row is.
function timeSeries(rows: ReportRow[], f: ReportFilter, key: 'hour' | 'day'): TimePoint[] {
  const by = new Map<number, ReportRow>();
  for (const r of rows) {
    const v = String(r[key] ?? '');
    const t = Date.parse(key === 'day' ? `${v}T00:00:00Z` : v);
    if (!Number.isNaN(t)) by.set(t, r);
  }
  const step = key === 'hour' ? 36e5 : 864e5;
  const start = Date.parse(`${f.from}T00:00:00Z`);
  const end = Date.parse(`${f.to}T00:00:00Z`) + 864e5;
  const out: TimePoint[] = [];
  for (let t = start; t < end; t += step) {
    const r = by.get(t);
    const iso = new Date(t).toISOString();
    out.push({
      t,
      label: key === 'hour' ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(5, 10),
      impressions: r?.impressions ?? 0,
      rate: r && r.impressions > 0 ? r.completion_rate : null,
    });
  }
  return out;
}
