// Viewer contexts for people: {"city":"Madrid","local_time":"08:30",
// "interest":"running"} reads "viewer in Madrid, 08:30, interests: running".

export function describeContext(c: Record<string, unknown> | undefined | null): string {
  if (!c) return 'any viewer';
  const v = (k: string): string => {
    const x = c[k];
    if (Array.isArray(x)) return x.join(', ');
    return x === undefined || x === null ? '' : String(x);
  };
  const parts: string[] = [];
  const place = [v('city'), v('region'), v('country')].filter((p, i, all) => p && all.indexOf(p) === i);
  const who = v('viewer') ? `viewer ${v('viewer')}` : 'viewer';
  parts.push(place.length ? `${who} in ${place.join(', ')}` : v('ip') ? `${who} at ${v('ip')}` : who);
  if (v('local_time')) parts.push(v('local_time'));
  else if (v('local_hour')) parts.push(`${v('local_hour').padStart(2, '0')}:00`);
  if (v('daypart')) parts.push(v('daypart'));
  if (v('greeting')) parts.push(`greeting “${v('greeting')}”`);
  const interests = v('interests') || v('interest');
  if (interests) parts.push(`interests: ${interests}`);
  if (v('device')) parts.push(`on ${v('device')}`);
  if (v('stream')) parts.push(`watching ${v('stream')}`);
  if (v('utc_offset')) parts.push(`UTC${Number(v('utc_offset')) >= 0 ? '+' : ''}${Number(v('utc_offset')) / 60} h`);
  const known = new Set(['viewer', 'ip', 'city', 'region', 'country', 'local_time', 'local_hour', 'daypart', 'greeting', 'interests', 'interest', 'device', 'stream', 'utc_offset']);
  for (const k of Object.keys(c).sort()) {
    if (!known.has(k) && v(k)) parts.push(`${k}: ${v(k)}`);
  }
  return parts.join(', ');
}
