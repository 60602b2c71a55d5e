// Small DOM helpers: pages are built with h() and s() instead of a
// framework, and every value reaches the page as text, never as HTML.

export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, unknown>;

// Properties set as DOM properties rather than attributes (a textarea's
// value has no attribute; checked/disabled take booleans).
const props = new Set(['value', 'checked', 'disabled', 'selected', 'indeterminate', 'multiple']);

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v as EventListener);
    } else if (k === 'dataset') {
      Object.assign((el as HTMLElement).dataset, v);
    } else if (props.has(k)) {
      (el as unknown as Record<string, unknown>)[k] = v;
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
}

function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// h builds an HTML element: h('a', {href: '#/x', class: 'btn'}, 'text').
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) setAttrs(el, attrs);
  append(el, children);
  return el;
}

const svgNS = 'http://www.w3.org/2000/svg';

// s builds an SVG element.
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(svgNS, tag);
  if (attrs) setAttrs(el, attrs);
  append(el, children);
  return el;
}

// replace empties el and appends children.
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

// field is a labelled form control.
export function field(label: string, control: HTMLElement, hint?: string): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), control, hint ? h('small', null, hint) : null);
}
