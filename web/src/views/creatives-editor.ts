// The creatives of a campaign: each either an encoded HLS ad or a base
// spot with a template the renderer personalizes per viewer.
import { h, field, replace } from '../dom';
import { fmtSeconds } from '../format';
import type { Creative, Spot } from '../types';
import { jsonEditor, type JsonEditor } from './json-editor';

export const exampleTemplate = {
  text: [{ value: 'Hello {city}!', position: 'bottom' }],
  voice: 'Good {greeting} from {city}',
};

interface Row {
  el: HTMLElement;
  creative: Creative;
  name: HTMLInputElement;
  kind: HTMLSelectElement;
  hls: HTMLInputElement;
  spot: HTMLSelectElement | HTMLInputElement;
  template: JsonEditor;
  message: HTMLElement;
}

export interface CreativesEditor {
  el: HTMLElement;
  // read returns the creatives, or null when a template is not JSON.
  read(): Creative[] | null;
  // showError places an API error whose path starts with creatives[i].
  showError(path: string, message: string): boolean;
  clearErrors(): void;
}

export function creativesEditor(initial: Creative[], spots: Spot[] | null, readOnly: boolean): CreativesEditor {
  const list = h('div', { class: 'creatives' });
  const rows: Row[] = [];
  const renumber = () =>
    rows.forEach((r, i) => {
      r.el.dataset.field = `creatives[${i}]`;
      r.name.dataset.field = `creatives[${i}].name`;
      r.hls.dataset.field = `creatives[${i}].hls`;
      r.spot.dataset.field = `creatives[${i}].spot_id`;
      r.template.textarea.dataset.field = `creatives[${i}].template`;
      r.el.querySelector('legend')!.textContent = `Creative ${i + 1}`;
    });
  const add = (c: Creative) => {
    const r = row(c, spots, readOnly, () => {
      rows.splice(rows.indexOf(r), 1);
      r.el.remove();
      renumber();
    });
    rows.push(r);
    list.append(r.el);
    renumber();
  };
  initial.forEach(add);
  const addBtn = h('button', { type: 'button', class: 'secondary', id: 'add-creative' }, 'Add creative');
  addBtn.addEventListener('click', () => add({ name: '' }));
  const el = h('fieldset', { class: 'creatives-box', disabled: readOnly }, h('legend', null, 'Creatives'), list, readOnly ? null : addBtn);
  return {
    el,
    read() {
      const out: Creative[] = [];
      for (const r of rows) {
        const c: Creative = { name: r.name.value.trim() };
        if (r.creative.id) c.id = r.creative.id;
        if (r.kind.value === 'hls') {
          c.hls = r.hls.value.trim();
        } else {
          c.spot_id = r.spot.value.trim();
          const t = r.template.read();
          if (!t.ok) return null;
          if (!t.empty) c.template = t.value;
        }
        out.push(c);
      }
      return out;
    },
    showError(path, message) {
      const m = /^creatives\[(\d+)\]\.?(.*)$/.exec(path);
      const r = m ? rows[Number(m[1])] : undefined;
      if (!r) return false;
      const rest = m![2];
      if (rest === 'template' || rest.startsWith('template.') || rest.startsWith('template[')) {
        r.template.showError(rest.replace(/^template\.?/, ''), message);
        return true;
      }
      const input = rest === 'hls' ? r.hls : rest === 'spot_id' ? r.spot : rest === 'name' ? r.name : null;
      input?.classList.add('invalid');
      replace(r.message, h('p', { class: 'notice error', role: 'alert' }, message));
      (input ?? r.name).focus();
      return true;
    },
    clearErrors() {
      for (const r of rows) {
        replace(r.message);
        r.template.clearError();
        for (const i of [r.name, r.hls, r.spot]) i.classList.remove('invalid');
      }
    },
  };
}

function row(c: Creative, spots: Spot[] | null, readOnly: boolean, remove: () => void): Row {
  const name = h('input', { name: 'creative-name', value: c.name, required: true, maxlength: 200 });
  const kind = h(
    'select',
    { name: 'creative-kind' },
    h('option', { value: 'hls', selected: !c.spot_id }, 'Encoded HLS ad'),
    h('option', { value: 'spot', selected: !!c.spot_id }, 'Base spot + template (personalized)'),
  );
  const hls = h('input', { name: 'creative-hls', type: 'url', value: c.hls ?? '', placeholder: 'https://cdn.example/ad/master.m3u8' });
  let spot: HTMLSelectElement | HTMLInputElement;
  if (spots) {
    const known = spots.some((sp) => sp.id === c.spot_id);
    spot = h(
      'select',
      { name: 'creative-spot' },
      h('option', { value: '' }, spots.length ? 'Choose a spot…' : 'No spots uploaded yet'),
      spots.map((sp) => h('option', { value: sp.id, selected: sp.id === c.spot_id }, `${sp.name ?? sp.id}${sp.duration ? ` · ${fmtSeconds(sp.duration)}` : ''} · ${sp.id}`)),
      c.spot_id && !known ? h('option', { value: c.spot_id, selected: true }, c.spot_id) : null,
    );
  } else {
    spot = h('input', { name: 'creative-spot', value: c.spot_id ?? '', placeholder: 'spot_…' });
  }
  const template = jsonEditor({
    name: 'template',
    label: 'Template (JSON)',
    value: c.template ?? (c.spot_id ? undefined : exampleTemplate),
    rows: 6,
    hint: 'Variables: {city} {region} {country} {greeting} {daypart} {interest} {local_time} {device}.',
  });
  template.textarea.readOnly = readOnly;
  const hlsBox = field('HLS master playlist URL', hls);
  const spotBox = h('div', { class: 'spot-box' }, field('Base spot', spot), template.el);
  const sync = () => {
    hlsBox.hidden = kind.value !== 'hls';
    spotBox.hidden = kind.value === 'hls';
  };
  kind.addEventListener('change', sync);
  sync();
  const message = h('div', { class: 'row-message' });
  const el = h(
    'fieldset',
    { class: 'creative' },
    h('legend', null, 'Creative'),
    field('Name', name),
    field('Kind', kind),
    hlsBox,
    spotBox,
    c.duration ? h('p', { class: 'muted' }, `Duration ${fmtSeconds(c.duration)}${c.id ? ` · ${c.id}` : ''}`) : null,
    message,
    readOnly ? null : h('button', { type: 'button', class: 'link danger', onclick: remove }, 'Remove this creative'),
  );
  return { el, creative: c, name, kind, hls, spot, template, message };
}
