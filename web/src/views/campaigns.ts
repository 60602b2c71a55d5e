// The campaign list: the key's campaigns (a marketer's own, everyone's
// for admin and analyst keys), a page at a time.
import { api } from '../api';
import { can } from '../auth';
import { h, field, replace } from '../dom';
import { fmtTime } from '../format';
import { go, href } from '../router';
import type { Advertiser, Campaign, Page } from '../types';
import { aborted, errorNotice, loading, notice, type ViewContext } from './view';

export async function campaignListView(ctx: ViewContext): Promise<void> {
  const role = ctx.me.role;
  const advertiser = ctx.loc.query.get('advertiser_id') ?? '';
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const status = h('div', { 'aria-live': 'polite' }, loading('campaigns'));
  const names = new Map<string, string>();
  const filter = h('select', { name: 'advertiser_id', 'aria-label': 'Advertiser' }, h('option', { value: '' }, 'All advertisers'));
  filter.addEventListener('change', () => go(href(['campaigns'], filter.value ? { advertiser_id: filter.value } : undefined), true));
  const adminTools = h('div');

  replace(
    ctx.root,
    h(
      'div',
      { class: 'title-row' },
      h('h1', null, 'Campaigns'),
      can.writeCampaigns(role) ? h('a', { class: 'button', href: href(['campaigns', 'new']), id: 'new-campaign' }, 'New campaign') : null,
    ),
    can.pickAdvertiser(role) ? h('div', { class: 'toolbar' }, filter) : null,
    h(
      'table',
      { class: 'list', id: 'campaign-list' },
      h('thead', null, h('tr', null, ['Name', 'Advertiser', 'Status', 'Flight (UTC)', 'Priority', 'Creatives', ''].map((t) => h('th', { scope: 'col' }, t)))),
      body,
    ),
    status,
    more,
    adminTools,
  );

  if (can.pickAdvertiser(role)) {
    try {
      const advs = await allAdvertisers(ctx.signal);
      for (const a of advs) {
        names.set(a.id, a.name);
        filter.append(h('option', { value: a.id, selected: a.id === advertiser }, a.name));
      }
    } catch (err) {
      if (aborted(err)) return;
    }
  } else if (ctx.me.advertiserId) {
    names.set(ctx.me.advertiserId, ctx.me.advertiserName ?? ctx.me.advertiserId);
  }
  if (role === 'admin') adminTools.append(newAdvertiserForm());

  let cursor: string | undefined;
  const loadPage = async () => {
    more.hidden = true;
    try {
      const page = await api<Page<Campaign>>('GET', '/v1/campaigns', { query: { advertiser_id: advertiser || undefined, cursor, limit: '50' }, signal: ctx.signal });
      for (const c of page.items) body.append(row(c, names, can.reports(role)));
      cursor = page.next_cursor;
      more.hidden = !cursor;
      replace(status, body.children.length ? '' : notice('info', can.writeCampaigns(role) ? 'No campaigns yet. Create the first one.' : 'No campaigns.'));
    } catch (err) {
      if (!aborted(err)) replace(status, errorNotice(err));
    }
  };
  more.addEventListener('click', () => void loadPage());
  await loadPage();
}

function row(c: Campaign, names: Map<string, string>, reports: boolean): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-id': c.id },
    h('td', null, h('a', { href: href(['campaigns', c.id]) }, c.name)),
    h('td', null, names.get(c.advertiser_id) ?? c.advertiser_id),
    h('td', null, h('span', { class: `status ${c.status}` }, c.status)),
    h('td', null, `${fmtTime(c.start)} → ${fmtTime(c.end)}`),
    h('td', { class: 'num' }, String(c.priority)),
    h('td', { class: 'num' }, String(c.creatives.length)),
    h('td', null, reports ? h('a', { href: href(['reports', c.id]) }, 'Report') : null),
  );
}

export async function allAdvertisers(signal: AbortSignal): Promise<Advertiser[]> {
  const out: Advertiser[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<Advertiser>>('GET', '/v1/advertisers', { query: { limit: '500', cursor }, signal });
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

function newAdvertiserForm(): HTMLElement {
  const name = h('input', { name: 'advertiser-name', required: true, maxlength: 200 });
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'inline', id: 'new-advertiser' }, field('New advertiser', name), h('button', { type: 'submit', class: 'secondary' }, 'Add advertiser'), message);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const a = await api<Advertiser>('POST', '/v1/advertisers', { body: { name: name.value.trim() } });
      go(href(['campaigns'], { advertiser_id: a.id }), true);
    } catch (err) {
      replace(message, errorNotice(err));
    }
  });
  return h('section', { class: 'admin-tools' }, h('h2', null, 'Advertisers'), form);
}
