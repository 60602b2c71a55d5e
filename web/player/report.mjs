// The report play.mjs prints: every recorded event plus the views the Go
// side asserts on (FRAG_CHANGED in order, LEVEL_LOADED, ERROR) and a verdict.

const dropKeys = (obj, keys) =>
  Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k)));

export function buildReport(opts, run) {
  const { events, reason, final } = run;
  const frags = events.filter((e) => e.type === 'FRAG_CHANGED').map((e) => dropKeys(e, ['seq', 'type']));
  const levels = events.filter((e) => e.type === 'LEVEL_LOADED').map((e) => dropKeys(e, ['seq', 'type']));
  const errors = events
    .filter((e) => e.type === 'ERROR')
    .map((e) => ({ t: e.t, type: e.errorType, details: e.details, fatal: e.fatal, url: e.url, code: e.code, reason: e.reason }));

  const videoError = final?.error ?? events.find((e) => e.type === 'videoError')?.error ?? null;
  const ended = reason === 'ended' || final?.ended === true;
  const lastSample = events.filter((e) => e.type === 'time').at(-1);
  const finalTime = final?.currentTime ?? lastSample?.currentTime ?? 0;
  const fatal = fatalError(reason, errors, videoError, events);

  return {
    ok: fatal === null && (opts.mode === 'vod' ? ended : finalTime > 0),
    ended,
    fatalError: fatal,
    stopReason: reason,
    mode: opts.mode,
    url: opts.url,
    rate: opts.rate,
    wallSeconds: run.wallSeconds,
    finalTime,
    videoError,
    events,
    frags,
    levels,
    errors,
  };
}

// fatalError names what ended playback unexpectedly, or null.
function fatalError(reason, errors, videoError, events) {
  const fatal = errors.find((e) => e.fatal);
  if (fatal) return `${fatal.type}:${fatal.details}`;
  if (videoError) return `videoError:${videoError.code} ${videoError.message}`.trim();
  if (reason === 'crash') return 'pageCrashed';
  if (reason === 'harness') {
    const h = events.find((e) => e.type === 'harness' && e.fatal);
    return `harness:${h?.reason ?? 'unknown'}`;
  }
  return null;
}
