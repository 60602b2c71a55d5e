// Spots and variants in the console. run.mjs calls this when
// CONSOLE_SPOT_FILE names a video (cmd/adstitch/console_test.go sets it
// unless ADSTITCH_CONSOLE_UPLOADS=0). The API it drives:
//   POST /v1/spots (multipart, field "file") -> 201 {"id","probe":{...}}
//   GET /v1/variants?creative=ID -> {"variants":[{"id","status","context",
//     "progress","preview_url","error"}]}
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { apiJSON, waitUntil } from './http.mjs';
import { check, shot, signIn, signOut, step } from './ui.mjs';

// uploadSpotAndWatchVariants: the marketer uploads a spot (the progress
// bar reaches 100%), personalizes it in a new campaign for the city, and
// watches the variants render until one is ready and plays.
export async function uploadSpotAndWatchVariants(page, env) {
  await signOut(page);
  await signIn(page, env, env.keys.marketer);
  await page.locator('#nav a', { hasText: 'Spots' }).click();
  await page.locator('#upload-form').waitFor();
  const result = page.locator('#upload-result .notice');

  // A file that is not a video: the server's reason is shown, in words.
  const bogus = path.join(os.tmpdir(), `adstitch-not-a-video-${process.pid}.mp4`);
  await writeFile(bogus, 'this is text, not a video\n');
  try {
    await page.locator('#upload-form input[type=file]').setInputFiles(bogus);
    await page.locator('#upload-form button[type=submit]').click();
    await result.waitFor({ timeout: 30000 });
    const why = await result.textContent();
    check(/not a video/i.test(why), `a text file is refused with the reason: ${why}`);
    await shot(page, env, '06a-upload-refused');
    step(`a text file is refused: ${why}`);
  } finally {
    await rm(bogus, { force: true });
  }

  await page.locator('#upload-form input[type=file]').setInputFiles(env.spotFile);
  await page.locator('#upload-form button[type=submit]').click();
  const text = await waitUntil('the upload to finish', 60000, async () => {
    const t = await result.textContent({ timeout: 1000 });
    return /not a video/i.test(t) ? null : t;
  });
  check(text.startsWith('Uploaded'), `upload result: ${text}`);
  check((await page.locator('#upload-progress').evaluate((p) => p.value)) === 1, 'the progress bar reached 100%');
  const spotID = text.match(/as (\S+)\.$/)[1];
  step(`spot uploaded as ${spotID}`);

  await page.locator('#upload-result a', { hasText: 'Personalize it' }).click();
  await page.locator('#campaign-form').waitFor();
  check((await page.locator('select[name=creative-spot]').inputValue()) === spotID, 'the new campaign uses the spot');
  await page.locator('input[name=name]').fill('Personalized spot');
  await page.locator('select[name=rule-field]').selectOption('city');
  await page.locator('input[name=rule-values]').fill(env.city);
  await page.locator('button[name=rule-add]').click();
  await page.locator('#save-campaign').click();
  await page.waitForURL(/#\/campaigns\/cmp_[^/?]+/);
  const campaignID = decodeURIComponent(new URL(page.url()).hash.match(/#\/campaigns\/([^/?]+)/)[1]);

  // A Madrid viewer asks for the variant; the panel polls its progress.
  await apiJSON(env.base, 'POST', '/v1/sessions', env.keys.service, { stream: env.stream, ip: env.viewerIP, viewer_id: 'variant-viewer' }).then((s) =>
    fetch(`${env.base}/v1/s/${s.session_id}/master.m3u8`),
  );
  const progress = new Set();
  // The base (unpersonalized) variant may be ready first: wait for the city's.
  const ready = page.locator('.variants tr[data-status=ready]', { hasText: env.city }).first();
  await waitUntil('a ready variant', 90000, async () => {
    for (const v of await page.locator('.variants tr[data-status] progress').evaluateAll((ps) => ps.map((p) => p.value))) progress.add(v);
    return (await ready.count()) > 0;
  });
  const context = await ready.locator('td').first().textContent();
  check(context.includes(env.city), `the ready variant was made for ${env.city}: ${context}`);
  await ready.locator('button', { hasText: 'Preview' }).click();
  await page.locator('.variants .player-status', { hasText: 'Playlist loaded' }).waitFor({ timeout: 15000 });
  await shot(page, env, '06-variant-preview');
  step(`campaign ${campaignID}: variant for "${context}" rendered (progress seen: ${[...progress].map((p) => Math.round(p * 100)).join(', ')}%) and previewed`);
}
