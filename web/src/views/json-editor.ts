// A JSON text editor that can point at a node: a textarea over a backdrop
// that repeats its text with the bad node marked, and the error right
// under it. Used for targeting rules and variant templates.
import { h, replace } from '../dom';
import { prettyJSON } from '../format';
import { JsonSyntaxError, lineCol, locate, parseSpans, pathSegments, type Span } from '../jsonspan';

export type Parsed = { ok: true; value: unknown; empty: boolean } | { ok: false };

export interface JsonEditor {
  el: HTMLElement;
  textarea: HTMLTextAreaElement;
  // read validates the text; a syntax error is shown and ok is false.
  read(): Parsed;
  set(value: unknown): void;
  // showError marks the node at path (relative to the editor's value, ""
  // for all of it) and shows message under the editor.
  showError(path: string, message: string): void;
  clearError(): void;
}

export interface JsonEditorOptions {
  name: string; // form field path, e.g. "targeting"
  label: string;
  value?: unknown;
  rows?: number;
  hint?: string;
}

export function jsonEditor(opts: JsonEditorOptions): JsonEditor {
  const id = `json-${opts.name.replace(/[^a-z0-9]+/gi, '-')}`;
  const textarea = h('textarea', {
    id,
    name: opts.name,
    rows: opts.rows ?? 8,
    spellcheck: 'false',
    wrap: 'off',
    'data-field': opts.name,
    'aria-describedby': `${id}-error`,
  });
  const backdrop = h('pre', { class: 'json-backdrop', 'aria-hidden': 'true' });
  const error = h('div', { class: 'json-error', id: `${id}-error`, 'aria-live': 'polite' });
  const el = h(
    'div',
    { class: 'json-editor field' },
    h('label', { for: id, class: 'label' }, opts.label),
    h('div', { class: 'json-stack' }, backdrop, textarea),
    opts.hint ? h('small', null, opts.hint) : null,
    error,
  );
  let marked: Span | null = null;

  const paint = () => {
    const text = textarea.value;
    if (!marked || marked.end > text.length) {
      replace(backdrop, `${text}\n`);
      return;
    }
    replace(
      backdrop,
      text.slice(0, marked.start),
      h('mark', null, text.slice(marked.start, marked.end)),
      `${text.slice(marked.end)}\n`,
    );
  };
  const sync = () => {
    backdrop.scrollTop = textarea.scrollTop;
    backdrop.scrollLeft = textarea.scrollLeft;
  };
  textarea.addEventListener('scroll', sync);
  textarea.addEventListener('input', () => {
    // The text moved under the mark: drop it, keep the message.
    marked = null;
    paint();
    textarea.classList.remove('invalid');
  });

  const showAt = (span: Span | null, where: string, message: string) => {
    marked = span;
    paint();
    textarea.classList.add('invalid');
    textarea.setAttribute('aria-invalid', 'true');
    replace(error, h('p', { class: 'notice error', role: 'alert' }, where ? h('code', null, where) : null, where ? ' ' : null, message));
    if (span) {
      textarea.setSelectionRange(span.start, span.end);
      // Bring the mark into view: roughly its line times the line height.
      const line = lineCol(textarea.value, span.start).line;
      const lh = parseFloat(getComputedStyle(textarea).lineHeight) || 18;
      textarea.scrollTop = Math.max(0, (line - 3) * lh);
      sync();
    }
  };

  const editor: JsonEditor = {
    el,
    textarea,
    read() {
      const text = textarea.value.trim();
      if (!text) return { ok: true, value: undefined, empty: true };
      try {
        return { ok: true, value: JSON.parse(text), empty: false };
      } catch (err) {
        let offset = 0;
        let why = err instanceof Error ? err.message : String(err);
        try {
          parseSpans(textarea.value);
        } catch (e) {
          if (e instanceof JsonSyntaxError) {
            offset = e.offset;
            why = e.message;
          }
        }
        const { line, col } = lineCol(textarea.value, offset);
        const end = Math.min(textarea.value.length, offset + 1);
        showAt({ start: Math.min(offset, end), end }, `line ${line}, column ${col}:`, `not valid JSON: ${why}.`);
        return { ok: false };
      }
    },
    set(value) {
      textarea.value = value === undefined || value === null ? '' : prettyJSON(value);
      editor.clearError();
    },
    showError(path, message) {
      let span: Span | null = null;
      try {
        span = locate(parseSpans(textarea.value), pathSegments(path));
      } catch {
        span = null;
      }
      showAt(span, '', message);
    },
    clearError() {
      marked = null;
      paint();
      textarea.classList.remove('invalid');
      textarea.removeAttribute('aria-invalid');
      replace(error);
    },
  };
  editor.set(opts.value);
  return editor;
}
