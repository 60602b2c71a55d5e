// Previews: an HLS stream in a <video> with hls.js, loaded on first use
// (its own chunk of the bundle). Same-origin requests carry the key, so
// previews behind the API work; other origins get plain requests.
import { h, replace } from '../dom';
import type { ViewContext } from './view';

export interface Preview {
  el: HTMLElement;
  play(url: string): Promise<void>;
}

// preview is a player with its context beside it. The player is torn down
// when the page is left or another stream is played.
export function preview(ctx: ViewContext, key: string, aside: HTMLElement): Preview {
  const video = h('video', { controls: true, muted: true, playsinline: true, class: 'preview-video' });
  const status = h('p', { class: 'player-status muted', 'aria-live': 'polite' }, 'Not playing.');
  let destroy: (() => void) | null = null;
  ctx.onLeave(() => destroy?.());
  const el = h('div', { class: 'preview' }, h('div', { class: 'preview-player' }, video, status), h('aside', { class: 'preview-context' }, aside));
  return {
    el,
    async play(url: string) {
      destroy?.();
      destroy = null;
      replace(status, `Loading ${url}…`);
      try {
        destroy = await attach(video, url, key, (msg) => replace(status, msg));
      } catch (err) {
        replace(status, `The player failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}

async function attach(video: HTMLVideoElement, url: string, key: string, say: (msg: string) => void): Promise<() => void> {
  const { default: Hls } = await import('hls.js');
  const target = new URL(url, window.location.href);
  if (!Hls.isSupported()) {
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = target.href;
      void video.play().catch(() => undefined);
      say('Playing with the browser’s own HLS support.');
      return () => video.removeAttribute('src');
    }
    throw new Error('this browser cannot play HLS (no Media Source Extensions)');
  }
  const hls = new Hls({
    xhrSetup: (xhr, u) => {
      if (key && new URL(u, window.location.href).origin === window.location.origin) xhr.setRequestHeader('Authorization', `Bearer ${key}`);
    },
  });
  let frags = 0;
  hls.on(Hls.Events.MANIFEST_PARSED, (_e, data) => {
    say(`Playlist loaded: ${data.levels.length} rendition${data.levels.length === 1 ? '' : 's'}.`);
    void video.play().catch(() => undefined);
  });
  hls.on(Hls.Events.FRAG_CHANGED, (_e, data) => {
    frags++;
    say(`Playing segment ${data.frag.sn} (discontinuity ${data.frag.cc}); ${frags} shown.`);
  });
  hls.on(Hls.Events.ERROR, (_e, data) => {
    if (data.fatal) say(`Playback stopped: ${data.details}${data.response ? ` (HTTP ${data.response.code})` : ''}.`);
  });
  hls.loadSource(target.href);
  hls.attachMedia(video);
  return () => hls.destroy();
}
