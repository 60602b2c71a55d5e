// Formatting of numbers, durations and times for people. Times are UTC
// everywhere in the console, and say so.

export function fmtInt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

export function fmtNum(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function fmtPct(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

export function fmtSeconds(s: number): string {
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

export function fmtBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

// fmtTime is "2026-01-02 08:30 UTC".
export function fmtTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// isoDate is the UTC date of d, YYYY-MM-DD.
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

// addDays shifts a YYYY-MM-DD date.
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDate(d);
}

// validDate reports whether s is a real YYYY-MM-DD date.
export function validDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && isoDate(new Date(`${s}T00:00:00Z`)) === s;
}

// toLocalInput turns RFC 3339 into the value of a datetime-local input
// that shows UTC ("2026-01-01T00:00").
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 16);
}

// fromLocalInput reads a datetime-local input that shows UTC back into
// RFC 3339, or "" when it is empty or invalid.
export function fromLocalInput(v: string): string {
  if (!v) return '';
  const d = new Date(`${v.length === 16 ? `${v}:00` : v}Z`);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// prettyJSON lays JSON out for editing: what fits in width stays on one
// line ({"city": {"in": ["Madrid"]}}), the rest is indented.
export function prettyJSON(v: unknown, width = 72, indent = ''): string {
  const flat = oneLine(v);
  if (v === null || typeof v !== 'object' || indent.length + flat.length <= width) return flat;
  const next = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => next + prettyJSON(x, width, next)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${next}${JSON.stringify(k)}: ${prettyJSON(x, width, next)}`).join(',\n')}\n${indent}}`;
}

function oneLine(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(oneLine).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${oneLine(x)}`).join(', ')}}`;
}
