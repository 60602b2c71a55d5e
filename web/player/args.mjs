// Command-line options of play.mjs: parsed and validated once, with defaults
// that depend on the mode (vod plays fast to the end, live plays in real time).
import { parseArgs } from 'node:util';

export const usage =
  'usage: play.mjs URL [--mode vod|live] [--seconds N] [--rate R] [--out FILE]';

const defaults = {
  vod: { seconds: 180, rate: 4 },
  live: { seconds: 60, rate: 1 },
};

// parsePlayArgs returns {url, mode, seconds, rate, out} or throws an Error
// whose message names the bad option.
export function parsePlayArgs(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mode: { type: 'string', default: 'vod' },
      seconds: { type: 'string' },
      rate: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new Error(usage);
  if (positionals.length !== 1) throw new Error(`want exactly one URL\n${usage}`);
  const url = positionals[0];
  try {
    new URL(url);
  } catch {
    throw new Error(`URL ${JSON.stringify(url)} is not absolute`);
  }
  const mode = values.mode;
  if (!(mode in defaults)) throw new Error(`--mode ${mode}: want vod or live`);
  const seconds = positiveNumber('--seconds', values.seconds, defaults[mode].seconds);
  const rate = positiveNumber('--rate', values.rate, defaults[mode].rate);
  if (rate > 16) throw new Error(`--rate ${rate}: Chromium plays at most 16x`);
  return { url, mode, seconds, rate, out: values.out };
}

function positiveNumber(name, text, fallback) {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} ${text}: want a positive number`);
  return n;
}
