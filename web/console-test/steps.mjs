// The console test's steps, in the order a person would take them.
import { readFile } from 'node:fs/promises';
import { apiJSON, apiText, fireBeacons, sessionPicking, waitUntil } from './http.mjs';
import { check, navLinks, shot, signIn, signOut, step } from './ui.mjs';

// A wrong key gets a message a person understands and the form stays
// usable; the marketer key then signs in and sees what a marketer may do.
export async function login(page, env) {
  await page.goto(env.console);
  await page.locator('#login-form').waitFor();
  await page.locator('#api-key').fill('not-a-key-of-this-server');
  await page.locator('#login-form button[type=submit]').click();
  const alert = page.locator('#login-form [role=alert]');
  await alert.waitFor();
  const text = await alert.textContent();
  check(/does not know that API key/.test(text), `wrong-key message: ${text}`);
  check(await page.locator('#api-key').isEditable(), 'the key field stays usable after a refused key');
  await shot(page, env, '01-wrong-key');
  step(`a wrong key is refused: "${text}"`);

  await page.locator('#api-key').fill(env.keys.marketer);
  await page.locator('#login-form button[type=submit]').click();
  await page.locator('#who [data-role=marketer]').waitFor();
  const who = await page.locator('#who [data-role]').textContent();
  check(who.includes(env.advertiser), `marketer header names the advertiser: ${who}`);
  const links = await navLinks(page);
  check(links.includes('Campaigns') && links.includes('Spots') && !links.includes('Reports'), `marketer nav: ${links}`);
  step(`marketer signed in (${who.trim()}), nav: ${links.join(', ')}`);
}

// A campaign whose rule has an unknown operator is refused with the bad
// node marked; the rule is fixed with the helper and the campaign saved.
export async function createCampaign(page, env, name) {
  await page.locator('#new-campaign').click();
  await page.locator('#campaign-form').waitFor();
  await page.locator('input[name=name]').fill(name);
  await page.locator('#json-targeting').fill(`{\n  "all": [\n    {"city": {"in": ["${env.city}"]}},\n    {"city": {"eq": "${env.city}"}}\n  ]\n}`);
  await page.locator('input[name=creative-name]').first().fill('spot-a');
  await page.locator('input[name=creative-hls]').first().fill(env.adHLS);
  await page.locator('#save-campaign').click();
  const err = page.locator('#json-targeting-error [role=alert]');
  await err.waitFor();
  const msg = await err.textContent();
  check(msg.includes('targeting.all[1].city') && msg.includes('unknown operator'), `rule error names the path: ${msg}`);
  const marked = await page.locator('.json-backdrop mark').textContent();
  check(marked.includes('"eq"') && !marked.includes('"in"'), `the bad node is marked: ${marked}`);
  check(page.url().includes('#/campaigns/new'), 'a refused campaign stays on the form');
  await shot(page, env, '02-rule-error');
  step(`rule error shown inline: "${msg}", marked ${marked}`);

  await page.locator('#json-targeting').fill('');
  await page.locator('select[name=rule-field]').selectOption('city');
  await page.locator('select[name=rule-op]').selectOption('in');
  await page.locator('input[name=rule-values]').fill(env.city);
  await page.locator('button[name=rule-add]').click();
  const rule = JSON.parse(await page.locator('#json-targeting').inputValue());
  check(JSON.stringify(rule) === JSON.stringify({ all: [{ city: { in: [env.city] } }] }), `helper wrote ${JSON.stringify(rule)}`);
  await page.locator('#save-campaign').click();
  await page.waitForURL(/#\/campaigns\/cmp_[^/?]+/);
  const id = decodeURIComponent(new URL(page.url()).hash.match(/#\/campaigns\/([^/?]+)/)[1]);
  await page.locator('.notice.ok', { hasText: 'Campaign created' }).waitFor();
  await shot(page, env, '03-campaign-saved');
  await page.locator('#nav a', { hasText: 'Campaigns' }).click();
  await page.locator(`#campaign-list tr[data-id="${id}"]`).waitFor();
  step(`campaign ${id} saved after the fix and listed`);
  return id;
}

// Real events: a viewer in the campaign's city gets it, its beacons are
// fired through the tracking API, and the report counts them.
export async function driveEvents(env, campaignID) {
  const sid = await sessionPicking(env, campaignID);
  const fired = await fireBeacons(env, sid);
  const camp = await apiJSON(env.base, 'GET', `/v1/campaigns/${campaignID}`, env.keys.admin);
  const creatives = new Set(camp.creatives.map((c) => c.id));
  const tracking = await apiJSON(env.base, 'GET', `/v1/tracking/${sid}`);
  const ours = tracking.avails.flatMap((a) => a.ads).filter((ad) => creatives.has(ad.creative_id)).length;
  check(ours > 0, 'the session has ads of the campaign');
  await waitUntil('the report to count the beacons', 15000, async () => {
    const r = await apiJSON(env.base, 'GET', `/v1/reports/campaigns/${campaignID}`, env.keys.analyst);
    return r.rows.reduce((n, row) => n + row.impressions, 0) >= ours;
  });
  step(`session fired ${fired} beacons, ${ours} impression(s) of the campaign counted`);
  return { sessionID: sid, impressions: ours };
}

const intMetrics = ['impressions', 'starts', 'first_quartiles', 'midpoints', 'third_quartiles', 'completes', 'unique_viewers'];

// The analyst opens the report grouped by city: the table shows exactly
// the API's numbers, the charts are drawn and the CSV is the same query.
export async function report(page, env, campaignID, name, impressions) {
  await signOut(page);
  await signIn(page, env, env.keys.analyst);
  const links = await navLinks(page);
  check(links.includes('Reports') && !links.includes('Spots'), `analyst nav: ${links}`);
  await page.locator(`#campaign-list tr[data-id="${campaignID}"] a`, { hasText: 'Report' }).click();
  await page.locator('#report-table').waitFor();
  await page.locator('input[name=group_by][value=city]').check();
  await page.locator('#report-filters button[type=submit]').click();
  await page.locator('#report-table thead th[data-key=city]').waitFor();
  await page.locator('h1', { hasText: name }).waitFor();

  const query = await page.locator('#report-table').getAttribute('data-query');
  check(query.includes('group_by=city') && query.includes('format=json'), `table query: ${query}`);
  const want = await apiJSON(env.base, 'GET', `/v1/reports/campaigns/${campaignID}?${query}`, env.keys.analyst);
  const shown = await page.$$eval('#report-table tbody tr', (rows) =>
    rows.map((tr) => Object.fromEntries([...tr.querySelectorAll('[data-key]')].map((c) => [c.dataset.key, { value: c.dataset.value, text: c.textContent }]))),
  );
  check(shown.length === want.rows.length, `rows shown ${shown.length}, API ${want.rows.length}`);
  let total = 0;
  want.rows.forEach((row, i) => {
    const cells = shown[i];
    check(cells.city.value === row.city, `row ${i} city ${cells.city.value} != ${row.city}`);
    for (const m of [...intMetrics, 'completion_rate', 'avg_frequency', 'fill_rate']) {
      check(Number(cells[m].value) === row[m], `row ${i} ${m}: shown ${cells[m].value}, API ${row[m]}`);
    }
    for (const m of intMetrics) {
      check(cells[m].text.replace(/,/g, '') === String(row[m]), `row ${i} ${m} text ${cells[m].text} != ${row[m]}`);
    }
    check(cells.completion_rate.text === `${(row.completion_rate * 100).toFixed(1)}%`, `completion rate text ${cells.completion_rate.text}`);
    total += row.impressions;
  });
  check(total === impressions, `the report shows ${total} impressions, the session played ${impressions}`);
  const cityRow = want.rows.find((r) => r.city === env.city);
  check(cityRow && cityRow.impressions > 0 && cityRow.completes > 0, `${env.city} has impressions and completes`);

  for (const key of ['time', 'variant', 'city', 'local_hour']) {
    await page.locator(`figure[data-chart=${key}] svg`).waitFor();
  }
  const bars = await page.locator('figure[data-chart=city] rect.bar').count();
  check(bars === want.rows.length, `city chart has ${bars} bars for ${want.rows.length} cities`);
  await shot(page, env, '04-report');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const csv = await readFile(await download.path(), 'utf8');
  const apiCSV = await apiText(env.base, `/v1/reports/campaigns/${campaignID}?${query.replace('format=json', 'format=csv')}`, env.keys.analyst);
  check(csv === apiCSV, `exported CSV differs from the API's:\n${csv}\n---\n${apiCSV}`);
  check(csv.split('\n')[0].startsWith('city,impressions'), `CSV header: ${csv.split('\n')[0]}`);
  step(`report shows ${total} impression(s) in ${want.rows.length} row(s), equal to the API; CSV export (${download.suggestedFilename()}) equals format=csv`);
}

// An admin starts a session as a viewer in the city and reads why its
// breaks got their ads; the stitched stream loads in the player.
export async function explainSession(page, env, name) {
  await signOut(page);
  await signIn(page, env, env.keys.admin);
  await page.locator('#nav a', { hasText: 'Sessions' }).click();
  await page.locator('#session-form').waitFor();
  await page.locator('#session-form input[name=stream]').fill(env.stream);
  await page.locator('#session-form input[name=viewer_id]').fill('console-viewer');
  await page.locator('#session-form input[name=ip]').fill(env.viewerIP);
  await page.locator('#session-form input[name=interests]').fill('running');
  await page.locator('#session-form button[type=submit]').click();
  await page.waitForURL(/#\/sessions\/[^/?]+$/);
  const summary = page.locator('#explanation .summary').first();
  await summary.waitFor();
  const text = await summary.textContent();
  check(/^Break 1 \(pre(roll)?, \d+(\.\d)? s\): picked /.test(text) && text.includes(`${name} (`), `explanation: ${text}`);
  const context = await page.locator('#session-context').textContent();
  check(context.includes(env.city) && context.includes('running'), `session context (resolved from the viewer's IP): ${context}`);
  await page.locator('#play-session').click();
  await page.locator('.player-status', { hasText: 'Playlist loaded' }).waitFor({ timeout: 15000 });
  await shot(page, env, '05-session');
  step(`session explained: "${text}"`);
}
