import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorPath, JsonSyntaxError, lineCol, locate, parseSpans, pathSegments } from '../../src/jsonspan.ts';

const rule = `{
  "all": [
    {"city": {"in": ["Madrid"]}},
    {"city": {"eq": "Madrid"}}
  ]
}`;

test('locate marks the node an API path names', () => {
  const cases = [
    { path: 'all[1].city', want: '"city": {"eq": "Madrid"}' },
    { path: 'all[0].city.in[0]', want: '"Madrid"' },
    { path: 'all[1]', want: '{"city": {"eq": "Madrid"}}' },
    { path: 'all', want: rule.slice(rule.indexOf('"all"'), rule.lastIndexOf(']') + 1) },
    { path: '', want: rule },
    // Deeper than the text: the deepest node that exists.
    { path: 'all[1].city.eq.x', want: '"eq": "Madrid"' },
    { path: 'all[7].city', want: rule.slice(rule.indexOf('"all"'), rule.lastIndexOf(']') + 1) },
    { path: 'any[0]', want: rule },
  ];
  const root = parseSpans(rule);
  for (const c of cases) {
    const span = locate(root, pathSegments(c.path));
    assert.equal(rule.slice(span.start, span.end), c.want, c.path);
  }
});

test('pathSegments', () => {
  assert.deepEqual(pathSegments('targeting.all[1].city'), ['targeting', 'all', 1, 'city']);
  assert.deepEqual(pathSegments('creatives[0].template.text[12]'), ['creatives', 0, 'template', 'text', 12]);
  assert.deepEqual(pathSegments(''), []);
});

test('parseSpans accepts what JSON.parse accepts and points at syntax errors', () => {
  for (const ok of ['{}', '[]', '"a\\"b"', '-1.5e3', 'true', ' null ', '{"a":[1,{"b":"\\u00e9"}]}']) {
    JSON.parse(ok);
    parseSpans(ok);
  }
  const bad = [
    { text: '{"a": 1,}', offset: 8 },
    { text: '{"a" 1}', offset: 5 },
    { text: '[1 2]', offset: 3 },
    { text: '{"a": tru}', offset: 6 },
    { text: '{"a": 1} x', offset: 9 },
    { text: '{"a": "x', offset: 8 },
    { text: '', offset: 0 },
  ];
  for (const c of bad) {
    assert.throws(() => JSON.parse(c.text));
    assert.throws(
      () => parseSpans(c.text),
      (err) => err instanceof JsonSyntaxError && err.offset === c.offset,
      c.text,
    );
  }
});

test('lineCol', () => {
  assert.deepEqual(lineCol('ab\ncd', 4), { line: 2, col: 2 });
  assert.deepEqual(lineCol('ab', 0), { line: 1, col: 1 });
});

test('errorPath extends the field by a path the message starts with', () => {
  const cases = [
    ['targeting.all[1].city', 'targeting.all[1].city: unknown operator "eq"', 'targeting.all[1].city'],
    ['creatives[0]', 'creatives[0]: template.text[1].font: unknown font "Comic"', 'creatives[0].template.text[1].font'],
    ['creatives[0]', 'creatives[0]: spot_id: no spot "x" exists', 'creatives[0].spot_id'],
    ['end', 'end: must be after start', 'end'],
    ['', 'name: required', 'name'],
    ['', 'invalid JSON at byte 3', ''],
    ['targeting', 'rule can never match: city', 'targeting'],
  ];
  for (const [field, msg, want] of cases) assert.equal(errorPath(field, msg), want, msg);
});
