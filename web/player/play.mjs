#!/usr/bin/env node
// play.mjs URL [--mode vod|live] [--seconds N] [--rate R] [--out FILE]
//
// Plays an HLS stream with hls.js in headless Chromium and prints one JSON
// report of exactly what the player did (see report.mjs). Exit status 0 means
// the run completed, whether or not playback succeeded: the caller judges.
// Non-zero means the harness itself broke (bad arguments: 2, browser or page
// server failure: 1), with the reason on stderr.
import { writeFile } from 'node:fs/promises';
import { parsePlayArgs } from './args.mjs';
import { servePage } from './serve.mjs';
import { launchBrowser } from './browser.mjs';
import { playSession } from './session.mjs';
import { buildReport } from './report.mjs';

async function main() {
  let opts;
  try {
    opts = parsePlayArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`play.mjs: ${err.message}\n`);
    return 2;
  }
  const pageServer = await servePage();
  try {
    const browser = await launchBrowser();
    try {
      const run = await playSession(browser.context, pageServer.url, opts);
      const json = JSON.stringify(buildReport(opts, run)) + '\n';
      if (opts.out) await writeFile(opts.out, json);
      else process.stdout.write(json);
    } finally {
      await browser.close();
    }
  } finally {
    await pageServer.close();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`play.mjs: ${err.stack || err.message}\n`);
    process.exitCode = 1;
  },
);
