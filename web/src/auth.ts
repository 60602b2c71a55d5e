// Signing in: the API key lives in sessionStorage (gone when the tab
// closes), and its role decides what the console offers.
import { ApiError, api, send, useKey } from './api';
import type { Advertiser, Page } from './types';
import { addDays, isoDate } from './format';

export type Role = 'admin' | 'marketer' | 'analyst' | 'service';

export interface Identity {
  key: string;
  role: Role;
  advertiserId?: string; // marketer keys
  advertiserName?: string;
}

const storageKey = 'adstitch.console.identity';

export function loadIdentity(): Identity | null {
  try {
    const raw = sessionStorage.getItem(storageKey);
    if (!raw) return null;
    const id = JSON.parse(raw) as Identity;
    if (typeof id.key !== 'string' || !id.key || !roles.includes(id.role)) return null;
    useKey(id.key);
    return id;
  } catch {
    return null;
  }
}

export function saveIdentity(id: Identity): void {
  sessionStorage.setItem(storageKey, JSON.stringify(id));
  useKey(id.key);
}

export function clearIdentity(): void {
  sessionStorage.removeItem(storageKey);
  useKey('');
}

const roles: Role[] = ['admin', 'marketer', 'analyst', 'service'];

// What each role may do, mirroring the API's checks so that the console
// does not offer what would be refused.
export const can = {
  readCampaigns: (r: Role) => r !== 'service',
  writeCampaigns: (r: Role) => r === 'admin' || r === 'marketer',
  spots: (r: Role) => r === 'admin' || r === 'marketer',
  reports: (r: Role) => r === 'admin' || r === 'analyst',
  sessionIP: (r: Role) => r === 'admin' || r === 'service',
  pickAdvertiser: (r: Role) => r === 'admin' || r === 'analyst',
};

// LoginError carries a message meant for the sign-in form.
export class LoginError extends Error {}

// identify finds who key belongs to: GET /v1/campaigns tells whether it
// works at all; the role comes from /v1/whoami where the server has it,
// else from what the key may do (probes that change nothing).
export async function identify(key: string): Promise<Identity> {
  key = key.trim();
  if (!key) throw new LoginError('Paste an API key first.');
  if (/\s/.test(key)) throw new LoginError('An API key has no spaces or line breaks: paste only the key.');
  const list = await send('GET', '/v1/campaigns', { key, query: { limit: '1' } }).catch(loginFailure);
  if (list.status === 401) {
    throw new LoginError('This server does not know that API key. Check that you pasted all of it (keys are printed by `adstitch serve` or made with `adstitch keys create`).');
  }
  if (list.status >= 500) throw new LoginError(`The server failed while checking the key (HTTP ${list.status}). Try again in a moment.`);
  if (list.status !== 200 && list.status !== 403) throw new LoginError(`Unexpected answer while checking the key: HTTP ${list.status}.`);

  const who = await whoami(key);
  if (who) return who;
  if (list.status === 403) return { key, role: 'service' };
  // Only admin (and service) keys may read the snapshot; If-None-Match: *
  // makes it a 304 with no body.
  const snap = await send('GET', '/v1/snapshot', { key, headers: { 'If-None-Match': '*' } }).catch(loginFailure);
  if (snap.status === 304 || snap.status === 200) return { key, role: 'admin' };
  // Reports refuse marketer keys.
  const today = isoDate(new Date());
  const rep = await send('GET', '/v1/reports/campaigns/house', {
    key,
    query: { from: today, to: addDays(today, 1) },
  }).catch(loginFailure);
  if (rep.status !== 401 && rep.status !== 403) return { key, role: 'analyst' };
  return marketer(key);
}

// whoami asks GET /v1/whoami ({"role","advertiser_id"}); null when the
// server has no such route.
async function whoami(key: string): Promise<Identity | null> {
  const resp = await send('GET', '/v1/whoami', { key }).catch(loginFailure);
  if (resp.status === 404 || resp.status === 405) return null;
  if (!resp.ok) return null;
  const body = (await resp.json().catch(() => null)) as { role?: string; advertiser_id?: string } | null;
  const role = body?.role as Role | undefined;
  if (!role || !roles.includes(role)) return null;
  if (role === 'marketer') return marketer(key, body?.advertiser_id);
  return { key, role };
}

async function marketer(key: string, advertiserId?: string): Promise<Identity> {
  const id: Identity = { key, role: 'marketer', advertiserId };
  try {
    const advs = await api<Page<Advertiser>>('GET', '/v1/advertisers', { key });
    const own = advs.items.find((a) => !advertiserId || a.id === advertiserId) ?? advs.items[0];
    if (own) {
      id.advertiserId = own.id;
      id.advertiserName = own.name;
    }
  } catch {
    // The name is a nicety; the key works.
  }
  return id;
}

function loginFailure(err: unknown): never {
  if (err instanceof ApiError) throw new LoginError(err.message);
  throw err;
}
