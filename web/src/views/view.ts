// What every page gets, and the small pieces pages share.
import type { Identity } from '../auth';
import type { Location } from '../router';
import { explain } from '../api';
import { h } from '../dom';

export interface ViewContext {
  root: HTMLElement; // the page's element, emptied for it
  loc: Location;
  me: Identity;
  signal: AbortSignal; // aborted when the page is left
  onLeave(fn: () => void): void; // stop timers, players
}

export type View = (ctx: ViewContext) => void | Promise<void>;

// notice is a message box; errors are announced to screen readers.
export function notice(kind: 'error' | 'info' | 'ok', text: string): HTMLElement {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function errorNotice(err: unknown): HTMLElement {
  return notice('error', explain(err));
}

export function loading(what: string): HTMLElement {
  return h('p', { class: 'loading', 'aria-busy': 'true' }, `Loading ${what}…`);
}

// aborted reports whether err is the page being left mid-request.
export function aborted(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

// poll calls fn every ms until it returns false or the page is left.
export function poll(ctx: ViewContext, ms: number, fn: () => Promise<boolean>): void {
  let timer = 0;
  const tick = async () => {
    let again = false;
    try {
      again = await fn();
    } catch (err) {
      again = !aborted(err);
    }
    if (again && !ctx.signal.aborted) timer = window.setTimeout(tick, ms);
  };
  ctx.onLeave(() => window.clearTimeout(timer));
  timer = window.setTimeout(tick, ms);
}
