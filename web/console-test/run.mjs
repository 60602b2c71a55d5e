#!/usr/bin/env node
// run.mjs: the console's end-to-end test in headless Chromium against a
// running `adstitch serve` (cmd/adstitch/console_test.go starts one and
// sets the environment; see env.mjs). Prints one "ok" line per step;
// exit 1 with the reason on the first failure, a screenshot of the page
// in web/test-results/console-failure.png.
import { mkdir } from 'node:fs/promises';
import { launchBrowser } from '../player/browser.mjs';
import { readEnv } from './env.mjs';
import { createCampaign, driveEvents, explainSession, login, report } from './steps.mjs';
import { uploadSpotAndWatchVariants } from './uploads.mjs';
import { shot } from './ui.mjs';

async function main() {
  const env = readEnv();
  await mkdir(env.results, { recursive: true });
  const started = Date.now();
  const browser = await launchBrowser();
  const pageErrors = [];
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(10000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    try {
      const name = `Console ${env.city} ${Date.now().toString(36)}`;
      await login(page, env);
      const id = await createCampaign(page, env, name);
      const { impressions } = await driveEvents(env, id);
      await report(page, env, id, name, impressions);
      await explainSession(page, env, name);
      if (env.spotFile) await uploadSpotAndWatchVariants(page, env);
      else process.stdout.write('skip upload a spot and watch its variants render: no CONSOLE_SPOT_FILE (ADSTITCH_CONSOLE_UPLOADS=0)\n');
      if (pageErrors.length) throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
    } catch (err) {
      await shot(page, env, 'failure').catch(() => undefined);
      throw new Error(`${err.message}\n  at ${page.url()}${pageErrors.length ? `\n  page errors: ${pageErrors.join('; ')}` : ''}`);
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`console test passed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((err) => {
  process.stderr.write(`run.mjs: ${err.stack || err.message}\n`);
  process.exitCode = 1;
});
