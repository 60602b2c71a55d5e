// Bar charts: horizontal bars for categories (variant, city), columns for
// the 24 hours of the day. Hand-written SVG.
import { s } from '../dom';
import { compact, countMax, niceMax, tickCount, ticks } from './scale';

export interface Bar {
  label: string;
  value: number;
  note?: string; // shown after the value, e.g. the completion rate
}

// barChart draws the bars largest first; at most limit of them.
export function barChart(bars: Bar[], title: string, limit = 12): SVGSVGElement {
  const shown = [...bars].sort((a, b) => b.value - a.value).slice(0, limit);
  const row = 26;
  const W = 720;
  const labelW = 170;
  const valueW = 150;
  const H = Math.max(1, shown.length) * row + 8;
  const max = niceMax(Math.max(0, ...shown.map((b) => b.value)));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, class: 'chart bar-chart' }, s('title', null, title));
  shown.forEach((b, i) => {
    const y = 4 + i * row;
    const w = ((W - labelW - valueW) * b.value) / max;
    const label = b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label;
    svg.append(
      s('text', { x: labelW - 8, y: y + row / 2 + 4, 'text-anchor': 'end', class: 'axis' }, label, s('title', null, b.label)),
      s('rect', { x: labelW, y: y + 3, width: Math.max(w, b.value > 0 ? 2 : 0), height: row - 8, class: 'bar' }, s('title', null, `${b.label}: ${b.value}`)),
      s('text', { x: labelW + w + 6, y: y + row / 2 + 4, class: 'value' }, `${compact(b.value)}${b.note ? ` · ${b.note}` : ''}`),
    );
  });
  if (shown.length === 0) svg.append(s('text', { x: W / 2, y: 18, 'text-anchor': 'middle', class: 'axis' }, 'no data'));
  return svg;
}

// columnChart draws one column per label in the given order (hours 0-23).
export function columnChart(bars: Bar[], title: string): SVGSVGElement {
  const W = 720;
  const H = 200;
  const M = { l: 44, r: 8, t: 10, b: 28 };
  const iw = W - M.l - M.r;
  const ih = H - M.t - M.b;
  const max = countMax(Math.max(0, ...bars.map((b) => b.value)));
  const slot = iw / Math.max(1, bars.length);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, class: 'chart column-chart' }, s('title', null, title));
  for (const v of ticks(max, tickCount(max))) {
    const y = M.t + ih - (v / max) * ih;
    svg.append(
      s('line', { x1: M.l, x2: W - M.r, y1: y, y2: y, class: 'grid' }),
      s('text', { x: M.l - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, compact(v)),
    );
  }
  bars.forEach((b, i) => {
    const h = (b.value / max) * ih;
    const x = M.l + i * slot;
    svg.append(
      s('rect', { x: x + slot * 0.15, y: M.t + ih - h, width: slot * 0.7, height: h, class: 'bar' }, s('title', null, `${b.label}: ${b.value}${b.note ? ` (${b.note})` : ''}`)),
      s('text', { x: x + slot / 2, y: H - M.b + 16, 'text-anchor': 'middle', class: 'axis' }, b.label),
    );
  });
  return svg;
}
