// Reports (analyst and admin keys): a campaign's numbers over a period,
// grouped as asked, with charts and a CSV export of exactly the table.
import { api, errorFrom, send } from '../api';
import { h, field, replace } from '../dom';
import { go, href } from '../router';
import type { Campaign, Page, Report } from '../types';
import { apiQuery, filterFrom, groupKeys, groupLabels, hashQuery, problem, type ReportFilter } from './report-query';
import { reportTable } from './report-table';
import { reportCharts } from './report-charts';
import { aborted, errorNotice, loading, notice, type ViewContext } from './view';

const houseID = 'house';

export async function reportIndexView(ctx: ViewContext): Promise<void> {
  const list = h('ul', { class: 'plain' }, h('li', null, h('a', { href: href(['reports', houseID]) }, 'House ads (fill)')));
  const open = h('input', { type: 'text', name: 'campaign-id', placeholder: 'cmp_…', 'aria-label': 'Campaign id' });
  const form = h('form', { class: 'inline' }, field('Campaign id', open), h('button', { type: 'submit' }, 'Open report'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (open.value.trim()) go(href(['reports', open.value.trim()]));
  });
  replace(ctx.root, h('h1', null, 'Reports'), form, h('h2', null, 'Campaigns'), list);
  try {
    let cursor: string | undefined;
    do {
      const page = await api<Page<Campaign>>('GET', '/v1/campaigns', { query: { limit: '200', cursor }, signal: ctx.signal });
      for (const c of page.items) list.append(h('li', null, h('a', { href: href(['reports', c.id]) }, c.name), ' ', h('small', null, c.id)));
      cursor = page.next_cursor;
    } while (cursor && !ctx.signal.aborted);
  } catch (err) {
    if (!aborted(err)) ctx.root.append(errorNotice(err));
  }
}

export async function reportView(ctx: ViewContext): Promise<void> {
  const id = ctx.loc.parts[1];
  const f = filterFrom(ctx.loc.query);
  const title = h('h1', null, id === houseID ? 'House ads' : id);
  const status = h('div', { class: 'report-status', 'aria-live': 'polite' });
  const tableBox = h('div', { class: 'table-box' }, loading('the report'));
  const chartsBox = h('div');
  const exportBtn = h('button', { type: 'button', class: 'secondary', id: 'export-csv', disabled: true }, 'Export CSV');
  replace(ctx.root, title, filterForm(f, id), h('div', { class: 'toolbar' }, exportBtn), status, tableBox, chartsBox);

  if (id !== houseID) {
    api<Campaign>('GET', `/v1/campaigns/${encodeURIComponent(id)}`, { signal: ctx.signal })
      .then((c) => replace(title, c.name, ' ', h('small', null, id)))
      .catch(() => undefined);
  }
  const bad = problem(f);
  if (bad) {
    replace(tableBox, notice('error', bad));
    return;
  }
  const path = `/v1/reports/campaigns/${encodeURIComponent(id)}`;
  const query = apiQuery(f);
  let rep: Report;
  try {
    rep = await api<Report>('GET', path, { query, signal: ctx.signal });
  } catch (err) {
    if (!aborted(err)) replace(tableBox, errorNotice(err));
    return;
  }
  const table = reportTable(rep.rows, f.groupBy);
  table.dataset.query = new URLSearchParams(query).toString();
  replace(tableBox, table);
  replace(status, h('p', { class: 'muted' }, `${rep.rows.length} row${rep.rows.length === 1 ? '' : 's'}, ${f.from} to ${f.to} (UTC, both days included).`));
  exportBtn.disabled = false;
  exportBtn.addEventListener('click', () => void exportCSV(path, f, id, status));
  try {
    replace(chartsBox, await reportCharts(id, f, ctx.signal));
  } catch (err) {
    if (!aborted(err)) replace(chartsBox, errorNotice(err));
  }
}

function filterForm(f: ReportFilter, id: string): HTMLFormElement {
  const from = h('input', { type: 'date', name: 'from', value: f.from, required: true });
  const to = h('input', { type: 'date', name: 'to', value: f.to, required: true });
  const boxes = groupKeys.map((k) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'group_by', value: k, checked: f.groupBy.includes(k) }), groupLabels[k]),
  );
  const form = h(
    'form',
    { class: 'filters', id: 'report-filters' },
    field('From (UTC)', from),
    field('To (UTC, included)', to),
    h('fieldset', { class: 'group-by' }, h('legend', null, 'Group by'), boxes),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const groupBy = boxes.map((b) => b.querySelector('input')!).filter((i) => i.checked).map((i) => i.value);
    go(href(['reports', id], hashQuery({ from: from.value, to: to.value, groupBy })), true);
  });
  return form;
}

// exportCSV downloads the table's query as CSV. The key travels in a
// header, so the file is fetched here and handed to the browser as a blob.
async function exportCSV(path: string, f: ReportFilter, id: string, status: HTMLElement): Promise<void> {
  try {
    const resp = await send('GET', path, { query: apiQuery(f, f.groupBy, 'csv') });
    if (!resp.ok) throw await errorFrom(resp);
    const blob = await resp.blob();
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `campaign-${id}-${f.from}-to-${f.to}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (err) {
    replace(status, errorNotice(err));
  }
}
