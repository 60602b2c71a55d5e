// The console's entry point: the shell (navigation by role, sign-in
// state) and the hash router that picks a page.
import { unauthorizedEvent } from './api';
import { can, clearIdentity, loadIdentity, type Identity } from './auth';
import { h, replace } from './dom';
import { current, go, href, type Location } from './router';
import type { View, ViewContext } from './views/view';
import { notice } from './views/view';
import { loginView } from './views/login';
import { campaignListView } from './views/campaigns';
import { campaignView } from './views/campaign';
import { spotsView } from './views/spots';
import { reportIndexView, reportView } from './views/report';
import { sessionStartView, sessionView } from './views/session';

let leave: AbortController | null = null;
let cleanups: (() => void)[] = [];

function pick(loc: Location, me: Identity): View | null {
  const [section, id] = loc.parts;
  const n = loc.parts.length;
  switch (section) {
    case 'campaigns':
      if (!can.readCampaigns(me.role)) return null;
      return n === 1 ? campaignListView : n === 2 ? campaignView : null;
    case 'spots':
      return n === 1 && can.spots(me.role) ? spotsView : null;
    case 'reports':
      if (!can.reports(me.role)) return null;
      return n === 1 ? reportIndexView : n === 2 ? reportView : null;
    case 'sessions':
      return n === 1 ? sessionStartView : n === 2 && id ? sessionView : null;
  }
  return null;
}

function home(me: Identity): string {
  return can.readCampaigns(me.role) ? href(['campaigns']) : href(['sessions']);
}

function renderNav(me: Identity | null): void {
  const nav = document.getElementById('nav')!;
  const who = document.getElementById('who')!;
  if (!me) {
    replace(nav);
    replace(who);
    return;
  }
  const section = current().parts[0] ?? '';
  const items: [string, string][] = [];
  if (can.readCampaigns(me.role)) items.push(['campaigns', 'Campaigns']);
  if (can.spots(me.role)) items.push(['spots', 'Spots']);
  if (can.reports(me.role)) items.push(['reports', 'Reports']);
  items.push(['sessions', 'Sessions']);
  replace(
    nav,
    items.map(([path, label]) =>
      h('a', { href: href([path]), 'aria-current': path === section ? 'page' : undefined }, label),
    ),
  );
  const whoText = me.role === 'marketer' ? `marketer · ${me.advertiserName ?? me.advertiserId ?? ''}` : `${me.role} key`;
  replace(
    who,
    h('span', { 'data-role': me.role }, whoText),
    h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'),
  );
}

function signOut(): void {
  clearIdentity();
  go(href(['login']));
}

function banner(text: string): void {
  const b = document.getElementById('banner')!;
  b.hidden = !text;
  b.textContent = text;
}

async function route(): Promise<void> {
  leave?.abort();
  for (const fn of cleanups.splice(0)) fn();
  leave = new AbortController();
  const signal = leave.signal;
  const loc = current();
  const main = document.getElementById('main')!;
  main.replaceChildren();
  const me = loadIdentity();
  renderNav(me);
  if (!me || loc.parts[0] === 'login') {
    const next = loc.parts[0] === 'login' ? loc.query.get('next') ?? '' : window.location.hash;
    loginView(main, (id) => {
      banner('');
      renderNav(id);
      go(next && !next.startsWith('#/login') ? next : home(id), true);
    });
    return;
  }
  if (loc.parts.length === 0) {
    go(home(me), true);
    return;
  }
  const view = pick(loc, me);
  if (!view) {
    replace(main, h('h1', null, 'Not here'), notice('info', `There is no page at ${loc.path} for a ${me.role} key.`), h('a', { href: home(me) }, 'Go to the start page'));
    return;
  }
  const ctx: ViewContext = { root: main, loc, me, signal, onLeave: (fn) => cleanups.push(fn) };
  try {
    await view(ctx);
  } catch (err) {
    if (!signal.aborted) main.append(notice('error', err instanceof Error ? err.message : String(err)));
  }
}

window.addEventListener(unauthorizedEvent, () => {
  if (!loadIdentity()) return;
  clearIdentity();
  banner('The server no longer accepts your API key. Sign in again.');
  go(href(['login'], { next: window.location.hash }));
});
window.addEventListener('hashchange', () => void route());
void route();
