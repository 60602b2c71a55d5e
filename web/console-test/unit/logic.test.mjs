import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseError } from '../../src/api.ts';
import { apiQuery, filterFrom, problem, days } from '../../src/views/report-query.ts';
import { addCondition } from '../../src/views/rule-editor.ts';
import { describeContext } from '../../src/views/context.ts';
import { breakSummary } from '../../src/views/explain.ts';
import { groupValue } from '../../src/views/report-table.ts';
import { countMax, niceMax, tickCount } from '../../src/charts/scale.ts';
import { fromLocalInput, toLocalInput, validDate } from '../../src/format.ts';

test('parseError reads both error shapes and plain text', () => {
  const cases = [
    [422, '{"error":"end: must be after start","code":"invalid","field":"end"}', { code: 'invalid', message: 'end: must be after start', field: 'end' }],
    [422, '{"error":{"code":"invalid_spot","message":"no audio stream","field":"file"}}', { code: 'invalid_spot', message: 'no audio stream', field: 'file' }],
    [400, '{"error":{"code":"bad"}}', { code: 'bad', message: 'HTTP 400', field: '' }],
    [502, '<html>bad gateway</html>', { code: '', message: '<html>bad gateway</html>', field: '' }],
    [500, '', { code: '', message: 'The server answered HTTP 500.', field: '' }],
  ];
  for (const [status, body, want] of cases) {
    const e = parseError(status, body);
    assert.deepEqual({ code: e.code, message: e.message, field: e.field }, want, body);
    assert.equal(e.status, status);
  }
});

test('report filters: inclusive days, defaults, validation', () => {
  const now = new Date('2026-03-10T15:00:00Z');
  const f = filterFrom(new URLSearchParams('group_by=city,nope,city,hour'), now);
  assert.deepEqual(f, { from: '2026-03-04', to: '2026-03-10', groupBy: ['city', 'hour'] });
  assert.equal(days(f), 7);
  assert.deepEqual(apiQuery(f), { from: '2026-03-04', to: '2026-03-11', group_by: 'city,hour', format: 'json' });
  assert.deepEqual(apiQuery(f, [], 'csv'), { from: '2026-03-04', to: '2026-03-11', format: 'csv' });
  assert.equal(problem(f), '');
  assert.match(problem({ ...f, from: '2026-02-30' }), /From/);
  assert.match(problem({ ...f, to: '2026-03-01' }), /before/);
});

test('addCondition', () => {
  const c = { city: { in: ['Madrid'] } };
  assert.deepEqual(addCondition(undefined, c), { all: [c] });
  assert.deepEqual(addCondition({ all: [1] }, c), { all: [1, c] });
  assert.deepEqual(addCondition({ any: [1] }, c), { all: [{ any: [1] }, c] });
  assert.deepEqual(addCondition({ all: [1], x: 2 }, c), { all: [{ all: [1], x: 2 }, c] });
});

test('describeContext', () => {
  assert.equal(describeContext({ city: 'Madrid', local_time: '08:30', interest: 'running' }), 'viewer in Madrid, 08:30, interests: running');
  assert.equal(describeContext({ ip: '198.51.100.7', interests: ['a', 'b'], viewer: 'v1' }), 'viewer v1 at 198.51.100.7, interests: a, b');
  assert.equal(describeContext({ city: 'Madrid', region: 'Madrid', country: 'ES', lang: 'es' }), 'viewer in Madrid, ES, lang: es');
  assert.equal(describeContext(undefined), 'any viewer');
});

test('breakSummary reads like a sentence', () => {
  const av = {
    avail_id: 'm30000',
    duration: 30,
    snapshot_version: 4,
    ads: ['crv_1', 'house-10s'],
    picks: [{ campaign_id: 'cmp_1', advertiser_id: 'adv_1', creative_id: 'crv_1', duration: 15, priority: 5 }],
    eligible: ['cmp_1'],
    rejected: [{ campaign_id: 'cmp_2', reason: 'targeting' }],
  };
  const names = { campaigns: new Map([['cmp_1', 'Acme Madrid'], ['cmp_2', 'Nike NYC']]), advertisers: new Map() };
  assert.equal(breakSummary(2, av, names), 'Break 3 (m30000, 30 s): picked Acme Madrid (15 s), house ad house-10s; rejected: Nike NYC — targeting.');
  const empty = { ...av, ads: [], picks: [], rejected: [] };
  assert.equal(breakSummary(0, empty, names), 'Break 1 (m30000, 30 s): nothing fit: the break plays the slate or the content.');
});

test('groupValue', () => {
  assert.equal(groupValue('hour', '2026-03-10T07:00:00Z'), '2026-03-10 07:00 UTC');
  assert.equal(groupValue('local_hour', '8'), '08:00');
  assert.equal(groupValue('variant', ''), '(not personalized)');
  assert.equal(groupValue('city', ''), '(unknown)');
});

test('chart scales and time inputs', () => {
  assert.deepEqual([0, 1, 3, 7, 12, 180, 2400].map(niceMax), [1, 1, 5, 10, 20, 200, 2500]);
  assert.equal(countMax(1), 4);
  for (const v of [1, 3, 5, 7, 12, 40, 90, 180, 240, 499, 2400]) {
    const m = countMax(v);
    assert.ok(Number.isInteger(m / tickCount(m)), `${v}: max ${m} in ${tickCount(m)} whole steps`);
  }
  assert.equal(fromLocalInput('2026-01-02T03:04'), '2026-01-02T03:04:00Z');
  assert.equal(fromLocalInput('2026-01-02T03:04:05'), '2026-01-02T03:04:05Z');
  assert.equal(fromLocalInput(''), '');
  assert.equal(toLocalInput('2026-01-02T03:04:00Z'), '2026-01-02T03:04');
  assert.ok(validDate('2026-02-28') && !validDate('2026-02-29') && !validDate('26-1-1'));
});

test('spot probe summary', async () => {
  const { probeSummary, frameRate } = await import('../../src/views/spots.ts');
  assert.equal(frameRate('30000/1001'), '29.97');
  assert.equal(frameRate('25/1'), '25');
  assert.equal(frameRate('0/0'), '0/0');
  const probe = { duration: 6, video: { codec: 'h264', width: 640, height: 360, frame_rate: '25/1' }, audio: { codec: 'aac', sample_rate: 44100, channels: 1 } };
  assert.equal(probeSummary(probe), 'h264 640x360 25 fps · aac 44100 Hz 1 ch');
  assert.equal(probeSummary(undefined), '');
});

test('prettyJSON keeps short nodes on one line', async () => {
  const { prettyJSON } = await import('../../src/format.ts');
  const rule = { all: [{ city: { in: ['Madrid'] } }, { interests: { any: ['running', 'sports'] } }] };
  const text = prettyJSON(rule, 50);
  assert.equal(text, '{\n  "all": [\n    {"city": {"in": ["Madrid"]}},\n    {"interests": {"any": ["running", "sports"]}}\n  ]\n}');
  assert.deepEqual(JSON.parse(text), rule);
  assert.equal(prettyJSON({ a: 1 }), '{"a": 1}');
  assert.equal(prettyJSON('x"y'), '"x\\"y"');
  assert.equal(prettyJSON([]), '[]');
});
