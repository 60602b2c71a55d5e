// The HTTP client: every request carries the signed-in key as a Bearer
// token, and every failure becomes an ApiError with a message a person
// can act on.

// ApiError is a failed request. status 0 means the server did not answer.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let signedInKey = '';

// useKey sets the key every later request sends.
export function useKey(key: string): void {
  signedInKey = key;
}

// Fired on window when a request of the signed-in key gets a 401: the
// key was revoked or the server restarted with other keys.
export const unauthorizedEvent = 'adstitch:unauthorized';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
  key?: string; // instead of the signed-in key (sign-in probes)
  headers?: Record<string, string>;
}

export function withQuery(path: string, query?: Record<string, string | undefined>): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, v);
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

// send performs a request and returns the raw response, throwing
// ApiError when the network fails.
export async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  const key = opts.key ?? signedInKey;
  if (key) headers.Authorization = `Bearer ${key}`;
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  try {
    return await fetch(withQuery(path, opts.query), { method, headers, body, signal: opts.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The adstitch server did not answer. Is it running, and is this the right address?');
  }
}

// api performs a request and decodes its JSON answer.
export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const resp = await send(method, path, opts);
  if (!resp.ok) {
    const err = await errorFrom(resp);
    if (resp.status === 401 && opts.key === undefined && signedInKey) {
      window.dispatchEvent(new CustomEvent(unauthorizedEvent, { detail: err }));
    }
    throw err;
  }
  if (resp.status === 204) return undefined as T;
  const text = await resp.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(resp.status, 'bad_answer', `The server answered ${path} with something that is not JSON.`);
  }
}

// errorFrom reads an error answer. Two shapes exist: the control plane's
// and the data plane's {"error":"msg","code":"c","field":"f"}, and
// {"error":{"code":"c","message":"msg"}}.
export async function errorFrom(resp: Response): Promise<ApiError> {
  const text = await resp.text().catch(() => '');
  return parseError(resp.status, text);
}

export function parseError(status: number, text: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object' && 'error' in body) {
    const b = body as { error: unknown; code?: unknown; field?: unknown };
    if (typeof b.error === 'string') {
      return new ApiError(status, str(b.code), b.error, str(b.field));
    }
    if (b.error && typeof b.error === 'object') {
      const e = b.error as { code?: unknown; message?: unknown; field?: unknown };
      return new ApiError(status, str(e.code), str(e.message) || `HTTP ${status}`, str(e.field));
    }
  }
  const plain = text.trim().slice(0, 300);
  return new ApiError(status, '', plain || `The server answered HTTP ${status}.`);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

// explain turns any error into one sentence for the page.
export function explain(err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  switch (err.status) {
    case 0:
      return err.message;
    case 401:
      return `Your API key was not accepted (${err.message}). Sign in again with a valid key.`;
    case 403:
      return `Your key may not do this: ${err.message}.`;
    case 404:
      return `Not found: ${err.message}.`;
    case 409:
      return `Someone changed this since you opened it (${err.message}). Reload the page to see the current version, then redo your change.`;
    case 413:
      return `Too large: ${err.message}.`;
    case 429:
      return `The server is busy (${err.message}). Try again in a moment.`;
    case 503:
      return `Not available right now: ${err.message}.`;
  }
  if (err.status >= 500) return `The server failed: ${err.message}`;
  return err.message;
}
