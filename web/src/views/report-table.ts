// The report table: one row per group, the group keys first, then the
// metrics. Each cell keeps the API's exact value in data-value.
import { h } from '../dom';
import { fmtInt, fmtNum, fmtPct } from '../format';
import type { ReportRow } from '../types';
import { groupLabels } from './report-query';

export const metrics: { key: keyof ReportRow & string; label: string; fmt: (v: number) => string }[] = [
  { key: 'impressions', label: 'Impressions', fmt: fmtInt },
  { key: 'starts', label: 'Starts', fmt: fmtInt },
  { key: 'first_quartiles', label: '25%', fmt: fmtInt },
  { key: 'midpoints', label: '50%', fmt: fmtInt },
  { key: 'third_quartiles', label: '75%', fmt: fmtInt },
  { key: 'completes', label: 'Completes', fmt: fmtInt },
  { key: 'completion_rate', label: 'Completion rate', fmt: fmtPct },
  { key: 'unique_viewers', label: 'Unique viewers', fmt: fmtInt },
  { key: 'avg_frequency', label: 'Avg frequency', fmt: (v) => fmtNum(v) },
  { key: 'fill_rate', label: 'Fill rate', fmt: fmtPct },
];

// groupValue shows a group key's value; empty ones say what they mean.
export function groupValue(key: string, v: unknown): string {
  const s = typeof v === 'string' ? v : v === undefined ? '' : String(v);
  if (s !== '') {
    if (key === 'hour') return s.replace('T', ' ').replace(/:00Z$/, ' UTC');
    if (key === 'local_hour') return `${s.padStart(2, '0')}:00`;
    return s;
  }
  return key === 'variant' ? '(not personalized)' : '(unknown)';
}

export function reportTable(rows: ReportRow[], groupBy: string[]): HTMLTableElement {
  const head = h(
    'tr',
    null,
    groupBy.length ? groupBy.map((k) => h('th', { scope: 'col', 'data-key': k }, groupLabels[k] ?? k)) : h('th', { scope: 'col' }, 'All'),
    metrics.map((m) => h('th', { scope: 'col', class: 'num', 'data-key': m.key }, m.label)),
  );
  const body = rows.map((r) =>
    h(
      'tr',
      null,
      groupBy.length
        ? groupBy.map((k) => h('th', { scope: 'row', 'data-key': k, 'data-value': String(r[k] ?? '') }, groupValue(k, r[k])))
        : h('th', { scope: 'row' }, 'All viewers'),
      metrics.map((m) => {
        const v = Number(r[m.key] ?? 0);
        return h('td', { class: 'num', 'data-key': m.key, 'data-value': String(v) }, m.fmt(v));
      }),
    ),
  );
  return h(
    'table',
    { class: 'report', id: 'report-table' },
    h('thead', null, head),
    h('tbody', null, body.length ? body : h('tr', null, h('td', { colspan: String(metrics.length + Math.max(1, groupBy.length)) }, 'No events in this period.'))),
  );
}
