// Where things are in a JSON text: the API names a bad node by its path
// ("targeting.all[1].city"), and the editors highlight that node in the
// text the person typed. JSON.parse stays the judge of validity; this
// parser only maps paths to character ranges and finds where a syntax
// error is.

export interface Span {
  start: number;
  end: number;
}

interface Node extends Span {
  members?: Map<string, { key: Span; value: Node }>;
  items?: Node[];
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

// parseSpans reads text into a tree of spans, or throws JsonSyntaxError.
export function parseSpans(text: string): Node {
  let i = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i >= text.length ? `unexpected end of text, expected ${what}` : `expected ${what}`, i);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const str = (): Span => {
    const start = i;
    if (text[i] !== '"') fail('a string');
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail('no control characters in a string');
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
    return { start, end: i };
  };
  const value = (): Node => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members = new Map<string, { key: Span; value: Node }>();
      ws();
      if (text[i] === '}') {
        i++;
        return { start, end: i, members };
      }
      for (;;) {
        ws();
        const key = str();
        const name = JSON.parse(text.slice(key.start, key.end)) as string;
        ws();
        if (text[i] !== ':') fail('":" after a name');
        i++;
        members.set(name, { key, value: value() });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { start, end: i, members };
        }
        fail('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: Node[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { start, end: i, items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { start, end: i, items };
        }
        fail('"," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (!m) fail('a value');
    i += m![0].length;
    return { start, end: i };
  };
  const root = value();
  ws();
  if (i < text.length) fail('the end of the text');
  return root;
}

// pathSegments splits "targeting.all[1].city" into ["targeting", "all", 1, "city"].
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  }
  return out;
}

// locate returns the span of the deepest node of root along segs: an
// object member spans its name and value.
export function locate(root: Node, segs: (string | number)[]): Span {
  let node = root;
  let span: Span = root;
  for (const seg of segs) {
    if (typeof seg === 'number' && node.items && seg < node.items.length) {
      node = node.items[seg];
      span = node;
    } else if (typeof seg === 'string' && node.members?.has(seg)) {
      const m = node.members.get(seg)!;
      node = m.value;
      span = { start: m.key.start, end: m.value.end };
    } else {
      break;
    }
  }
  return span;
}

// lineCol is the 1-based line and column of offset.
export function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

// errorPath is the most precise path an API error names: its field,
// extended by a path the message starts with ("creatives[0]" and
// "creatives[0]: template.text[1].font: unknown font" give
// "creatives[0].template.text[1].font").
export function errorPath(field: string, message: string): string {
  let rest = message;
  if (field && rest.startsWith(`${field}: `)) rest = rest.slice(field.length + 2);
  const m = /^([a-z_][a-z0-9_]*(?:\[\d+\]|\.[a-z_][a-z0-9_]*)*):\s/i.exec(rest);
  if (!m) return field;
  const p = m[1];
  if (!field || p === field || p.startsWith(`${field}.`) || p.startsWith(`${field}[`)) return p;
  if (field.startsWith(`${p}.`) || field.startsWith(`${p}[`)) return field;
  return `${field}.${p}`;
}
