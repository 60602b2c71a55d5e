// Base spots (admin and marketer keys): upload one with a progress bar,
// see what the server found in it, and start a campaign from it.
import { api, ApiError } from '../api';
import { h, field, replace } from '../dom';
import { fmtBytes, fmtSeconds, fmtTime } from '../format';
import { href } from '../router';
import type { Advertiser, Page, Spot } from '../types';
import { allAdvertisers } from './campaigns';
import { uploadSpot } from './upload';
import { aborted, errorNotice, loading, notice, type ViewContext } from './view';

export async function spotsView(ctx: ViewContext): Promise<void> {
  const admin = ctx.me.role === 'admin';
  const file = h('input', { type: 'file', name: 'file', accept: 'video/*,.mp4,.mov,.mkv,.webm,.ts', required: true });
  const advertiser = h('select', { name: 'advertiser_id', required: true }, h('option', { value: '' }, 'Choose…'));
  const bar = h('progress', { max: 1, value: 0, id: 'upload-progress' });
  const barText = h('span', { class: 'muted' });
  const progress = h('div', { class: 'upload-progress', hidden: true }, bar, ' ', barText);
  const result = h('div', { id: 'upload-result', 'aria-live': 'polite' });
  const send = h('button', { type: 'submit' }, 'Upload');
  const form = h(
    'form',
    { class: 'card', id: 'upload-form' },
    h('h2', null, 'Upload a base spot'),
    h('p', null, 'A video with sound, 5 to 120 seconds. The server checks it and keeps it; variants are rendered from it per viewer.'),
    field('Video file', file),
    admin ? field('Advertiser', advertiser) : null,
    send,
    progress,
    result,
  );
  const list = h('div', null, loading('spots'));
  replace(ctx.root, h('h1', null, 'Spots'), form, h('h2', null, 'Uploaded spots'), list);

  let advertisers: Advertiser[] = [];
  if (admin) {
    advertisers = await allAdvertisers(ctx.signal).catch(() => []);
    for (const a of advertisers) advertiser.append(h('option', { value: a.id }, a.name));
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = file.files?.[0];
    if (!f) {
      replace(result, notice('error', 'Choose a video file first.'));
      return;
    }
    if (admin && !advertiser.value) {
      replace(result, notice('error', 'Choose the advertiser the spot belongs to.'));
      return;
    }
    send.disabled = true;
    progress.hidden = false;
    bar.value = 0;
    replace(result);
    try {
      const spot = await uploadSpot(f, ctx.me.key, admin ? advertiser.value : undefined, (sent, total) => {
        bar.value = total ? sent / total : 0;
        replace(barText, `${fmtBytes(sent)} of ${fmtBytes(total)}${sent >= total ? ' — checking the video…' : ''}`);
      }, ctx.signal);
      bar.value = 1;
      replace(barText, 'Done.');
      replace(result, notice('ok', `Uploaded ${spot.name ?? f.name} as ${spot.id}.`), spotCard(spot));
      file.value = '';
      void loadList();
    } catch (err) {
      if (aborted(err)) return;
      replace(barText, 'Failed.');
      const why = err instanceof ApiError && err.field === 'file' ? `The file was refused: ${err.message}` : null;
      replace(result, why ? notice('error', why) : errorNotice(err));
    } finally {
      send.disabled = false;
    }
  });

  const names = new Map(advertisers.map((a) => [a.id, a.name]));
  const loadList = async () => {
    try {
      const page = await api<Page<Spot>>('GET', '/v1/spots', { query: { limit: '200' }, signal: ctx.signal });
      replace(
        list,
        page.items.length
          ? h(
              'table',
              { class: 'list', id: 'spot-list' },
              h('thead', null, h('tr', null, ['Name', 'Duration', 'Size', 'Media', admin ? 'Advertiser' : '', 'Uploaded', ''].map((t) => h('th', { scope: 'col' }, t)))),
              h('tbody', null, page.items.map((sp) => spotRow(sp, admin ? names.get(sp.advertiser_id ?? '') ?? sp.advertiser_id ?? '' : ''))),
            )
          : notice('info', 'No spots yet.'),
      );
    } catch (err) {
      if (aborted(err)) return;
      if (err instanceof ApiError && (err.status === 404 || err.status === 503)) replace(list, notice('info', `This server does not take spot uploads${err.status === 503 ? `: ${err.message}` : ' yet'}.`));
      else replace(list, errorNotice(err));
    }
  };
  await loadList();
}

// probeSummary reads the probe the server stored: "h264 1280x720 25 fps ·
// aac 48000 Hz 2 ch". Unknown shapes fall back to the raw JSON.
export function probeSummary(probe: Record<string, unknown> | undefined): string {
  if (!probe) return '';
  const get = (o: unknown, k: string): unknown => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);
  const v = get(probe, 'video') ?? get(probe, 'Video');
  const a = get(probe, 'audio') ?? get(probe, 'Audio');
  const parts: string[] = [];
  if (v) {
    const w = get(v, 'width') ?? get(v, 'Width');
    const hh = get(v, 'height') ?? get(v, 'Height');
    const fps = get(v, 'frame_rate') ?? get(v, 'FrameRate');
    parts.push([get(v, 'codec') ?? get(v, 'Codec'), w && hh ? `${w}x${hh}` : '', fps ? `${frameRate(String(fps))} fps` : ''].filter(Boolean).join(' '));
  }
  if (a) {
    const rate = get(a, 'sample_rate') ?? get(a, 'SampleRate');
    const ch = get(a, 'channels') ?? get(a, 'Channels');
    parts.push([get(a, 'codec') ?? get(a, 'Codec'), rate ? `${rate} Hz` : '', ch ? `${ch} ch` : ''].filter(Boolean).join(' '));
  }
  return parts.length ? parts.join(' · ') : JSON.stringify(probe).slice(0, 120);
}

// frameRate reads ffprobe's "30000/1001" as "29.97".
export function frameRate(r: string): string {
  const m = /^(\d+)\/(\d+)$/.exec(r);
  if (!m || Number(m[2]) === 0) return r;
  return String(Math.round((Number(m[1]) / Number(m[2])) * 100) / 100);
}

function spotCard(sp: Spot): HTMLElement {
  return h(
    'div',
    { class: 'spot-card' },
    h('p', null, [sp.duration ? fmtSeconds(sp.duration) : '', sp.size ? fmtBytes(sp.size) : '', probeSummary(sp.probe)].filter(Boolean).join(' · ')),
    h('a', { class: 'button', href: href(['campaigns', 'new'], { spot: sp.id }) }, 'Personalize it in a new campaign'),
  );
}

function spotRow(sp: Spot, advertiser: string): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-id': sp.id },
    h('td', null, sp.name ?? sp.id, ' ', h('small', null, sp.id)),
    h('td', { class: 'num' }, sp.duration ? fmtSeconds(sp.duration) : ''),
    h('td', { class: 'num' }, sp.size ? fmtBytes(sp.size) : ''),
    h('td', null, probeSummary(sp.probe)),
    h('td', null, advertiser),
    h('td', null, sp.created_at ? fmtTime(sp.created_at) : ''),
    h('td', null, h('a', { href: href(['campaigns', 'new'], { spot: sp.id }) }, 'Use in a campaign')),
  );
}
