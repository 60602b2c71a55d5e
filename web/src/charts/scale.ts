// Axis arithmetic shared by the charts.

// niceMax rounds max up to 1, 2, 2.5 or 5 times a power of ten, so axis
// ticks fall on round numbers.
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (max <= m * p) return m * p;
  return 10 * p;
}

// ticks are count+1 evenly spaced values from 0 to max.
export function ticks(max: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}

export function compact(n: number): string {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${+(n / 1e3).toFixed(0)}k`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return `${+n.toFixed(2)}`;
}

// countMax is niceMax for counts: at least 4, so that four ticks fall on
// whole numbers.
export function countMax(max: number): number {
  return Math.max(4, niceMax(max));
}

// tickCount splits 0..max into whole steps when max came from countMax.
export function tickCount(max: number): number {
  return max % 4 === 0 ? 4 : 5;
}
