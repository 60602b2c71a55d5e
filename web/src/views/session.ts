// Sessions: start one as a chosen viewer (POST /v1/sessions), play its
// stitched stream next to its context, and read why each break got its
// ads (GET /v1/sessions/{id}/decisions).
import { api } from '../api';
import { can } from '../auth';
import { h, field, replace } from '../dom';
import { go, href } from '../router';
import type { SessionCreated, SessionDecisions, SessionRequest } from '../types';
import { describeContext } from './context';
import { explanation, loadNames } from './explain';
import { preview } from './player';
import { aborted, errorNotice, loading, notice, type ViewContext } from './view';

// Sessions started in this tab, so their pages can show what was asked.
const startedKey = 'adstitch.console.sessions';

interface Started {
  id: string;
  request: SessionRequest;
  created: SessionCreated;
  at: string;
}

function started(): Started[] {
  try {
    const v = JSON.parse(sessionStorage.getItem(startedKey) ?? '[]') as Started[];
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function remember(s: Started): void {
  const all = [s, ...started().filter((x) => x.id !== s.id)].slice(0, 20);
  sessionStorage.setItem(startedKey, JSON.stringify(all));
}

const devices = ['', 'tv', 'mobile', 'desktop', 'tablet', 'console', 'other'];

export function sessionStartView(ctx: ViewContext): void {
  const stream = h('input', { name: 'stream', required: true, placeholder: 'vod', value: ctx.loc.query.get('stream') ?? '' });
  const viewer = h('input', { name: 'viewer_id', placeholder: 'viewer-1' });
  const ip = h('input', { name: 'ip', placeholder: '198.51.100.7' });
  const interests = h('input', { name: 'interests', placeholder: 'running, coffee' });
  const device = h('select', { name: 'device' }, devices.map((d) => h('option', { value: d }, d || '(other)')));
  const offset = h('input', { name: 'utc_offset', type: 'number', min: -840, max: 840, step: 15, placeholder: 'from geo' });
  const message = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card grid', id: 'session-form' },
    field('Stream id', stream),
    field('Viewer id', viewer, 'Any string; frequency caps count per viewer.'),
    can.sessionIP(ctx.me.role) ? field('Viewer IP address', ip, 'Sets city, region and country through the geo database.') : null,
    field('Interests', interests, 'Comma separated.'),
    field('Device', device),
    field('UTC offset (minutes)', offset, 'Empty: from the viewer’s time zone.'),
    h('button', { type: 'submit' }, 'Start session'),
    message,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const request: SessionRequest = { stream: stream.value.trim() };
    if (viewer.value.trim()) request.viewer_id = viewer.value.trim();
    if (ip.value.trim() && can.sessionIP(ctx.me.role)) request.ip = ip.value.trim();
    const list = interests.value.split(',').map((s) => s.trim()).filter(Boolean);
    if (list.length) request.interests = list;
    if (device.value) request.device = device.value;
    if (offset.value !== '') request.utc_offset = Number(offset.value);
    replace(message, loading('a new session'));
    try {
      const created = await api<SessionCreated>('POST', '/v1/sessions', { body: request, signal: ctx.signal });
      remember({ id: created.session_id, request, created, at: new Date().toISOString() });
      go(href(['sessions', created.session_id]));
    } catch (err) {
      if (!aborted(err)) replace(message, errorNotice(err));
    }
  });
  const openID = h('input', { name: 'session-id', 'aria-label': 'Session id' });
  const open = h('form', { class: 'inline' }, field('Session id', openID), h('button', { type: 'submit', class: 'secondary' }, 'Explain'));
  open.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (openID.value.trim()) go(href(['sessions', openID.value.trim()]));
  });
  const recent = started();
  replace(
    ctx.root,
    h('h1', null, 'Sessions'),
    h('p', null, 'Start a viewing session as a chosen viewer, play its stitched stream and see why each break got its ads.'),
    form,
    h('h2', null, 'Explain an existing session'),
    open,
    recent.length ? h('h2', null, 'Started in this tab') : null,
    recent.length
      ? h(
          'ul',
          { class: 'plain' },
          recent.map((s) => h('li', null, h('a', { href: href(['sessions', s.id]) }, `${s.request.stream} — ${describeContext(requestContext(s.request))}`), ' ', h('small', null, s.at.slice(11, 19)))),
        )
      : null,
  );
}

// requestContext is what the console asked for, as a context.
function requestContext(r: SessionRequest): Record<string, unknown> {
  const c: Record<string, unknown> = { stream: r.stream };
  if (r.ip) c.ip = r.ip;
  if (r.interests) c.interests = r.interests;
  if (r.device) c.device = r.device;
  if (r.viewer_id) c.viewer = r.viewer_id;
  if (r.utc_offset !== undefined) c.utc_offset = r.utc_offset;
  return c;
}

export async function sessionView(ctx: ViewContext): Promise<void> {
  const id = ctx.loc.parts[1];
  const mine = started().find((s) => s.id === id);
  const manifest = mine?.created.manifest_url ?? new URL(`/v1/s/${encodeURIComponent(id)}/master.m3u8`, window.location.href).href;
  const contextBox = h('div', { class: 'session-context', id: 'session-context' });
  const showContext = (c: Record<string, unknown> | undefined, label: string) =>
    replace(contextBox, h('h3', null, label), h('p', { class: 'context-line' }, describeContext(c)), c ? h('pre', { class: 'small' }, JSON.stringify(c, null, 2)) : null);
  if (mine?.created.context) showContext(mine.created.context, 'Viewer context');
  else if (mine) showContext(requestContext(mine.request), 'Viewer, as requested');
  else replace(contextBox, h('p', { class: 'muted' }, 'This session was not started in this tab; its context is shown when the server reports it.'));

  const playBtn = h('button', { type: 'button', id: 'play-session' }, 'Play the stitched stream');
  const player = preview(ctx, ctx.me.key, h('div', null, contextBox, h('p', null, h('a', { href: manifest, target: '_blank', rel: 'noopener' }, 'Master playlist')), playBtn));
  playBtn.addEventListener('click', () => void player.play(manifest));
  const decisions = h('section', { id: 'decisions' }, loading('the decisions'));
  const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
  replace(
    ctx.root,
    h('h1', null, 'Session ', h('small', { class: 'ellipsis', title: id }, id)),
    player.el,
    h('h2', null, 'Why these ads ', refresh),
    decisions,
  );
  const load = async () => {
    replace(decisions, loading('the decisions'));
    try {
      const d = await api<SessionDecisions>('GET', `/v1/sessions/${encodeURIComponent(id)}/decisions`, { signal: ctx.signal });
      if (d.context) showContext(d.context, 'Viewer context');
      const names = await loadNames(d, ctx.signal);
      replace(decisions, explanation(d, names));
    } catch (err) {
      if (!aborted(err)) replace(decisions, errorNotice(err), notice('info', 'A session id is the session_id of POST /v1/sessions (the token in the playlist URL).'));
    }
  };
  refresh.addEventListener('click', () => void load());
  await load();
}
