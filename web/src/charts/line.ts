// The time chart: impressions (left axis, solid) and completion rate
// (right axis, dashed, 0-100%) per hour or day. Hand-written SVG.
import { s } from '../dom';
import { compact, countMax, tickCount, ticks } from './scale';

export interface TimePoint {
  t: number; // bucket start, ms since the epoch
  label: string; // the bucket, for people
  impressions: number;
  rate: number | null; // completes / impressions; null without impressions
}

const W = 720;
const H = 260;
const M = { l: 52, r: 52, t: 14, b: 34 };

export function timeChart(points: TimePoint[], title: string): SVGSVGElement {
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, class: 'chart time-chart' }, s('title', null, title));
  const iw = W - M.l - M.r;
  const ih = H - M.t - M.b;
  const t0 = points.length ? points[0].t : 0;
  const t1 = points.length ? points[points.length - 1].t : 1;
  const x = (t: number) => M.l + (t1 === t0 ? iw / 2 : ((t - t0) / (t1 - t0)) * iw);
  const max = countMax(Math.max(0, ...points.map((p) => p.impressions)));
  const yl = (v: number) => M.t + ih - (v / max) * ih;
  const yr = (r: number) => M.t + ih - r * ih;

  for (const v of ticks(max, tickCount(max))) {
    svg.append(
      s('line', { x1: M.l, x2: W - M.r, y1: yl(v), y2: yl(v), class: 'grid' }),
      s('text', { x: M.l - 6, y: yl(v) + 4, 'text-anchor': 'end', class: 'axis' }, compact(v)),
    );
  }
  for (const r of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(s('text', { x: W - M.r + 6, y: yr(r) + 4, class: 'axis rate' }, `${r * 100}%`));
  }
  const every = Math.max(1, Math.ceil(points.length / 6));
  points.forEach((p, i) => {
    if (i % every === 0) {
      svg.append(s('text', { x: x(p.t), y: H - M.b + 18, 'text-anchor': 'middle', class: 'axis' }, p.label));
    }
  });
  svg.append(s('line', { x1: M.l, x2: W - M.r, y1: M.t + ih, y2: M.t + ih, class: 'baseline' }));

  const line = (pts: [number, number][], cls: string) => {
    if (pts.length === 0) return;
    const d = pts.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`).join('');
    svg.append(s('path', { d, class: cls }));
  };
  line(points.map((p) => [x(p.t), yl(p.impressions)]), 'series impressions');
  // The rate line breaks where a bucket had no impressions.
  let run: [number, number][] = [];
  for (const p of points) {
    if (p.rate === null) {
      line(run, 'series rate');
      run = [];
    } else {
      run.push([x(p.t), yr(p.rate)]);
    }
  }
  line(run, 'series rate');
  for (const p of points) {
    const tip = `${p.label}: ${p.impressions} impressions${p.rate === null ? '' : `, ${(p.rate * 100).toFixed(1)}% completed`}`;
    svg.append(s('circle', { cx: x(p.t), cy: yl(p.impressions), r: 3, class: 'dot impressions' }, s('title', null, tip)));
    if (p.rate !== null) svg.append(s('circle', { cx: x(p.t), cy: yr(p.rate), r: 3.5, class: 'dot rate' }, s('title', null, tip)));
  }
  return svg;
}
