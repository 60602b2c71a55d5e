// A creative's personalized variants (GET /v1/variants?creative=ID):
// render progress, polled while any is queued or rendering, and a preview
// of any ready one next to the viewer context it was made for.
import { api, ApiError } from '../api';
import { h, replace } from '../dom';
import type { Creative, Variant } from '../types';
import { describeContext } from './context';
import { preview } from './player';
import { aborted, errorNotice, notice, poll, type ViewContext } from './view';

const pollMs = 1500;
const emptyPolls = 20; // keep looking this long for variants a save queued

export function variantsPanel(ctx: ViewContext, creative: Creative): HTMLElement {
  const body = h('tbody');
  const status = h('div', { 'aria-live': 'polite' });
  const aside = h('div', null, h('p', { class: 'muted' }, 'Pick a ready variant to preview it.'));
  const player = preview(ctx, ctx.me.key, aside);
  player.el.hidden = true;
  const rows = new Map<string, HTMLTableRowElement>();
  const panel = h(
    'section',
    { class: 'variants', 'data-creative': creative.id ?? '' },
    h('h3', null, `Variants of “${creative.name}”`),
    h('table', { class: 'list' }, h('thead', null, h('tr', null, ['Viewer context', 'Status', 'Progress', ''].map((t) => h('th', { scope: 'col' }, t)))), body),
    status,
    player.el,
  );

  const show = (v: Variant) => {
    player.el.hidden = false;
    replace(aside, h('h4', null, 'Made for'), h('p', { class: 'context-line' }, variantLabel(v)), h('pre', { class: 'small' }, JSON.stringify(v.context ?? {}, null, 2)));
    void player.play(v.preview_url!);
  };

  let polls = 0;
  const refresh = async (): Promise<boolean> => {
    let list: Variant[];
    try {
      const resp = await api<{ variants: Variant[] }>('GET', '/v1/variants', { query: { creative: creative.id }, signal: ctx.signal });
      list = resp.variants ?? [];
    } catch (err) {
      if (aborted(err)) return false;
      const e = err instanceof ApiError ? err : null;
      if (e && ((e.status === 404 && /no such route/i.test(e.message)) || e.status === 405 || e.status === 503)) {
        replace(status, notice('info', `Variants are not available on this server${e.status === 503 ? ` (${e.message})` : ''}.`));
        return false;
      }
      replace(status, errorNotice(err));
      // Keep trying through network and server failures, not refusals.
      return !e || e.status === 0 || e.status >= 500;
    }
    polls++;
    for (const v of list) {
      const r = variantRow(v, show);
      const old = rows.get(v.id);
      if (old) old.replaceWith(r);
      else body.append(r);
      rows.set(v.id, r);
    }
    const busy = list.some((v) => v.status === 'queued' || v.status === 'rendering');
    const waiting = list.length === 0 && polls < emptyPolls;
    replace(status, list.length === 0 ? h('p', { class: 'muted' }, waiting ? 'No variants yet; waiting for the renderer…' : 'No variants.') : '');
    return busy || waiting;
  };
  void refresh().then((again) => {
    if (again) poll(ctx, pollMs, refresh);
  });
  return panel;
}

function variantLabel(v: Variant): string {
  return v.base ? 'base render: any viewer, not personalized' : describeContext(v.context);
}

function variantRow(v: Variant, show: (v: Variant) => void): HTMLTableRowElement {
  const p = Math.max(0, Math.min(1, v.progress ?? (v.status === 'ready' ? 1 : 0)));
  const action =
    v.status === 'ready' && v.preview_url
      ? h('button', { type: 'button', class: 'secondary', onclick: () => show(v) }, 'Preview')
      : v.status === 'failed'
        ? h('span', { class: 'error-text' }, v.error || 'failed')
        : null;
  return h(
    'tr',
    { 'data-variant': v.id, 'data-status': v.status },
    h('td', null, variantLabel(v)),
    h('td', null, h('span', { class: `status ${v.status}` }, v.status)),
    h('td', null, h('progress', { max: 1, value: p }), ` ${Math.round(p * 100)}%`),
    h('td', null, action),
  );
}
