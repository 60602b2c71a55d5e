// Launching the system Chromium through playwright-core with a fresh,
// throw-away profile. No browser is downloaded: the harness uses the
// distribution's /usr/bin/chromium (or $ADSTITCH_CHROMIUM).
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const chromiumPath = process.env.ADSTITCH_CHROMIUM || '/usr/bin/chromium';

// Playwright adds --headless and --user-data-dir itself (headless: true and
// launchPersistentContext); these are the rest of the required flags.
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

// launchBrowser resolves to {context, close}; close also removes the profile.
export async function launchBrowser() {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'adstitch-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args,
      timeout: 30000,
    });
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw new Error(`launch ${chromiumPath}: ${err.message}`);
  }
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
