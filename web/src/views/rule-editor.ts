// The targeting rule editor: the rule as JSON, plus a helper that adds a
// condition without typing JSON. The API's errors name the bad node
// ("targeting.all[1].city: unknown operator \"eq\""); it is marked in the
// text.
import { h, field } from '../dom';
import { jsonEditor, type JsonEditor } from './json-editor';

// The rule language (adserver/targeting): field -> operators.
const fields: Record<string, string[]> = {
  city: ['in', 'not_in'],
  region: ['in', 'not_in'],
  country: ['in', 'not_in'],
  device: ['in', 'not_in'],
  stream: ['in', 'not_in'],
  genre: ['in', 'not_in'],
  daypart: ['in', 'not_in'],
  local_hour: ['in', 'between'],
  day_of_week: ['in', 'not_in'],
  interests: ['any', 'all', 'none'],
};

const examples: Record<string, string> = {
  city: 'Madrid, Barcelona',
  region: 'Catalonia',
  country: 'ES, PT',
  device: 'tv, mobile',
  stream: 'vod',
  genre: 'sports',
  daypart: 'morning, afternoon',
  local_hour: '7, 8, 9  (between: 7, 19)',
  day_of_week: 'mon, tue, sat',
  interests: 'running, sports',
};

export interface RuleEditor extends JsonEditor {
  // showApiError marks the node an API error names (its field starts with
  // "targeting").
  showApiError(fieldPath: string, message: string): void;
}

export function ruleEditor(value: unknown, readOnly: boolean): RuleEditor {
  const editor = jsonEditor({
    name: 'targeting',
    label: 'Targeting rule (JSON)',
    value,
    rows: 10,
    hint: 'Empty: everyone. {"all":[…]}, {"any":[…]}, {"not":…} or {"<field>":{"<op>":[values]}}. Strings compare case-insensitively.',
  });
  editor.textarea.readOnly = readOnly;
  const rule = editor as RuleEditor;
  rule.showApiError = (fieldPath, message) => {
    const rel = fieldPath.replace(/^targeting\.?/, '');
    editor.showError(rel, message);
  };
  if (!readOnly) editor.el.append(helper(editor));
  return rule;
}

// helper adds {"<field>":{"<op>":[values]}} to the rule's "all" list.
function helper(editor: JsonEditor): HTMLElement {
  const fieldSel = h('select', { name: 'rule-field', 'aria-label': 'Condition field' }, Object.keys(fields).map((f) => h('option', { value: f }, f)));
  const opSel = h('select', { name: 'rule-op', 'aria-label': 'Operator' });
  const values = h('input', { name: 'rule-values', type: 'text', 'aria-label': 'Values, comma separated' });
  const fillOps = () => {
    opSel.replaceChildren(...fields[fieldSel.value].map((o) => h('option', { value: o }, o)));
    values.placeholder = examples[fieldSel.value];
  };
  fieldSel.addEventListener('change', fillOps);
  fillOps();
  const add = h('button', { type: 'button', class: 'secondary', name: 'rule-add' }, 'Add condition');
  add.addEventListener('click', () => {
    const current = editor.read();
    if (!current.ok) return;
    const list = values.value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (list.length === 0) {
      editor.showError('', `Type the values for ${fieldSel.value} first, separated by commas.`);
      values.focus();
      return;
    }
    const numeric = fieldSel.value === 'local_hour';
    const vals = numeric ? list.map((v) => (/^\d+$/.test(v) ? Number(v) : v)) : list;
    const cond = { [fieldSel.value]: { [opSel.value]: vals } };
    editor.set(addCondition(current.value, cond));
    values.value = '';
  });
  return h(
    'div',
    { class: 'rule-helper' },
    field('Field', fieldSel),
    field('Operator', opSel),
    field('Values', values),
    add,
  );
}

// addCondition puts cond into rule's top-level "all", wrapping a rule of
// another shape: {"all":[rule, cond]}.
export function addCondition(rule: unknown, cond: object): unknown {
  if (rule === undefined || rule === null) return { all: [cond] };
  if (typeof rule === 'object' && !Array.isArray(rule)) {
    const r = rule as Record<string, unknown>;
    if (Object.keys(r).length === 1 && Array.isArray(r.all)) return { all: [...r.all, cond] };
  }
  return { all: [rule, cond] };
}
