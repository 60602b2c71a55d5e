// One campaign: the form that creates or edits it, its targeting rule
// editor, its creatives and their variants. API errors land next to the
// field they name.
import { api, ApiError, explain } from '../api';
import { can } from '../auth';
import { h, field, replace } from '../dom';
import { addDays, fromLocalInput, isoDate, toLocalInput } from '../format';
import { errorPath } from '../jsonspan';
import { go, href } from '../router';
import type { Advertiser, Campaign, CampaignInput, Creative, Page, Spot } from '../types';
import { allAdvertisers } from './campaigns';
import { creativesEditor, exampleTemplate } from './creatives-editor';
import { ruleEditor } from './rule-editor';
import { variantsPanel } from './variants';
import { aborted, errorNotice, loading, notice, type ViewContext } from './view';

export async function campaignView(ctx: ViewContext): Promise<void> {
  const id = ctx.loc.parts[1];
  const isNew = id === 'new';
  const role = ctx.me.role;
  if (isNew && !can.writeCampaigns(role)) {
    replace(ctx.root, notice('error', `A ${role} key cannot create campaigns.`));
    return;
  }
  replace(ctx.root, loading(isNew ? 'the form' : 'the campaign'));
  let c: Campaign | null = null;
  let advertisers: Advertiser[] = [];
  let spots: Spot[] | null = null;
  try {
    [c, advertisers, spots] = await Promise.all([
      isNew ? Promise.resolve(null) : api<Campaign>('GET', `/v1/campaigns/${encodeURIComponent(id)}`, { signal: ctx.signal }),
      allAdvertisers(ctx.signal).catch((err) => (aborted(err) ? Promise.reject(err) : [])),
      can.spots(role) ? listSpots(ctx.signal) : Promise.resolve(null),
    ]);
  } catch (err) {
    if (!aborted(err)) replace(ctx.root, h('h1', null, 'Campaign'), errorNotice(err), h('a', { href: href(['campaigns']) }, 'Back to the campaigns'));
    return;
  }
  renderForm(ctx, c, advertisers, spots);
}

// listSpots is null when the server has no spots API yet: creatives then
// take a spot id as text.
async function listSpots(signal: AbortSignal): Promise<Spot[] | null> {
  try {
    const page = await api<Page<Spot>>('GET', '/v1/spots', { query: { limit: '500' }, signal });
    return page.items ?? [];
  } catch (err) {
    if (aborted(err)) throw err;
    return null;
  }
}

function defaults(ctx: ViewContext): Campaign {
  const today = isoDate(new Date());
  const spot = ctx.loc.query.get('spot');
  const creative: Creative = spot ? { name: 'personalized', spot_id: spot, template: exampleTemplate } : { name: '', hls: '' };
  return {
    id: '',
    advertiser_id: ctx.me.advertiserId ?? '',
    name: '',
    status: 'active',
    start: `${today}T00:00:00Z`,
    end: `${addDays(today, 30)}T00:00:00Z`,
    priority: 5,
    impression_goal: 0,
    daily_cap: 0,
    pacing: 'even',
    frequency_cap: { per_day: 0, per_session: 0 },
    category: '',
    creatives: [creative],
    version: 0,
  };
}

function renderForm(ctx: ViewContext, existing: Campaign | null, advertisers: Advertiser[], spots: Spot[] | null): void {
  const role = ctx.me.role;
  const writable = can.writeCampaigns(role);
  const c = existing ?? defaults(ctx);
  const num = (name: string, value: number, attrs: Record<string, unknown> = {}) =>
    h('input', { type: 'number', name, value: String(value ?? 0), 'data-field': name, min: 0, step: 1, ...attrs });

  const name = h('input', { name: 'name', value: c.name, required: true, maxlength: 200, 'data-field': 'name' });
  const advertiser =
    role === 'admin'
      ? h(
          'select',
          { name: 'advertiser_id', 'data-field': 'advertiser_id', disabled: !!existing, required: true },
          h('option', { value: '' }, 'Choose…'),
          advertisers.map((a) => h('option', { value: a.id, selected: a.id === c.advertiser_id }, a.name)),
        )
      : null;
  const status = h('select', { name: 'status', 'data-field': 'status' }, ['active', 'paused'].map((s) => h('option', { value: s, selected: s === c.status }, s)));
  const start = h('input', { type: 'datetime-local', name: 'start', value: toLocalInput(c.start), required: true, 'data-field': 'start' });
  const end = h('input', { type: 'datetime-local', name: 'end', value: toLocalInput(c.end), required: true, 'data-field': 'end' });
  const priority = num('priority', c.priority, { min: 1, max: 100 });
  const pacing = h('select', { name: 'pacing', 'data-field': 'pacing' }, ['even', 'asap'].map((p) => h('option', { value: p, selected: p === c.pacing }, p)));
  const goal = num('impression_goal', c.impression_goal);
  const dailyCap = num('daily_cap', c.daily_cap);
  const perDay = num('frequency_cap.per_day', c.frequency_cap?.per_day ?? 0);
  const perSession = num('frequency_cap.per_session', c.frequency_cap?.per_session ?? 0);
  const category = h('input', { name: 'category', value: c.category, maxlength: 100, 'data-field': 'category' });
  const rule = ruleEditor(c.targeting ?? undefined, !writable);
  const creatives = creativesEditor(c.creatives, spots, !writable);
  const summary = h('div', { class: 'form-summary', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', id: 'save-campaign' }, existing ? 'Save changes' : 'Create campaign');

  const form = h(
    'form',
    { class: 'campaign-form', id: 'campaign-form', novalidate: true },
    summary,
    h(
      'fieldset',
      { class: 'grid', disabled: !writable },
      h('legend', null, 'Campaign'),
      field('Name', name),
      advertiser
        ? field('Advertiser', advertiser)
        : h('p', { class: 'muted' }, `Advertiser: ${advertisers.find((a) => a.id === c.advertiser_id)?.name ?? ctx.me.advertiserName ?? c.advertiser_id}`),
      field('Status', status),
      field('Start (UTC)', start),
      field('End (UTC, exclusive)', end),
      field('Priority (1-100, higher wins)', priority),
      field('Pacing', pacing),
      field('Impression goal (0 = none)', goal),
      field('Daily cap (0 = none)', dailyCap),
      field('Per viewer per day (0 = none)', perDay),
      field('Per session (0 = none)', perSession),
      field('Competitive category', category, 'Two campaigns of one category never share a break.'),
    ),
    h('fieldset', { disabled: !writable, class: 'rule-box' }, h('legend', null, 'Who sees it'), rule.el),
    creatives.el,
    writable ? h('div', { class: 'actions' }, save, existing ? h('button', { type: 'button', class: 'danger', id: 'delete-campaign', onclick: () => void remove() }, 'Delete') : null) : null,
  );

  const clearErrors = () => {
    replace(summary);
    rule.clearError();
    creatives.clearErrors();
    for (const el of form.querySelectorAll('.field-error')) el.remove();
    for (const el of form.querySelectorAll('.invalid')) el.classList.remove('invalid');
  };

  // placeError puts an API error next to the field its path names.
  const placeError = (err: ApiError) => {
    const path = errorPath(err.field, err.message);
    if (path.startsWith('targeting')) {
      rule.showApiError(path, err.message);
      rule.textarea.focus();
      return;
    }
    if (path.startsWith('creatives[') && creatives.showError(path, err.message)) return;
    const target = closestField(form, path);
    if (target) {
      target.classList.add('invalid');
      target.closest('label')?.append(h('span', { class: 'field-error', role: 'alert' }, err.message));
      target.focus();
    }
  };

  const remove = async () => {
    if (!existing || !window.confirm(`Delete the campaign “${existing.name}”? Its ads stop at once.`)) return;
    try {
      await api('DELETE', `/v1/campaigns/${encodeURIComponent(existing.id)}`);
      go(href(['campaigns']));
    } catch (err) {
      replace(summary, errorNotice(err));
    }
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    const targeting = rule.read();
    const cr = creatives.read();
    if (!targeting.ok || !cr) {
      replace(summary, notice('error', 'Fix the JSON marked below first.'));
      return;
    }
    const body: CampaignInput = {
      name: name.value.trim(),
      status: status.value as Campaign['status'],
      start: fromLocalInput(start.value),
      end: fromLocalInput(end.value),
      priority: Number(priority.value || 0),
      pacing: pacing.value as Campaign['pacing'],
      impression_goal: Number(goal.value || 0),
      daily_cap: Number(dailyCap.value || 0),
      frequency_cap: { per_day: Number(perDay.value || 0), per_session: Number(perSession.value || 0) },
      category: category.value.trim(),
      targeting: targeting.empty ? null : targeting.value,
      creatives: cr,
    };
    if (advertiser && !existing) body.advertiser_id = advertiser.value;
    if (existing) body.version = existing.version;
    save.disabled = true;
    try {
      const out = existing
        ? await api<Campaign>('PUT', `/v1/campaigns/${encodeURIComponent(existing.id)}`, { body })
        : await api<Campaign>('POST', '/v1/campaigns', { body });
      if (existing) {
        renderForm(ctx, out, advertisers, spots);
        ctx.root.querySelector('.form-summary')?.append(notice('ok', `Saved (version ${out.version}).`));
      } else {
        go(href(['campaigns', out.id], { saved: '1' }));
      }
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      replace(summary, notice('error', `Not saved: ${explain(err)}`));
      if (e && (e.field || e.status === 400 || e.status === 422)) placeError(e);
    } finally {
      save.disabled = false;
    }
  });

  const variantSections = existing ? existing.creatives.filter((cr) => cr.id && cr.spot_id).map((cr) => variantsPanel(ctx, cr)) : [];
  replace(
    ctx.root,
    h(
      'div',
      { class: 'title-row' },
      h('h1', null, existing ? existing.name : 'New campaign'),
      existing && can.reports(role) ? h('a', { class: 'button secondary', href: href(['reports', existing.id]) }, 'Report') : null,
    ),
    existing ? h('p', { class: 'muted' }, `${existing.id} · version ${existing.version}`) : null,
    ctx.loc.query.get('saved') ? notice('ok', 'Campaign created.') : null,
    form,
    variantSections.length ? h('h2', null, 'Personalized variants') : null,
    variantSections,
  );
}

// closestField finds the control whose data-field is path or its nearest
// parent ("frequency_cap.per_day" for "frequency_cap.per_day", "name" for
// "name").
function closestField(form: HTMLFormElement, path: string): HTMLElement | null {
  let best: HTMLElement | null = null;
  let bestLen = -1;
  for (const el of form.querySelectorAll<HTMLElement>('[data-field]')) {
    const f = el.dataset.field!;
    const fits = path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`);
    if (fits && f.length > bestLen) {
      best = el;
      bestLen = f.length;
    }
  }
  return best;
}
