// The sign-in form: one API key, checked against the server before it is
// kept. A refused key leaves the form as it was, with a message.
import { h, field, replace } from '../dom';
import { identify, LoginError, saveIdentity, type Identity } from '../auth';
import { explain } from '../api';
import { notice } from './view';

export function loginView(root: HTMLElement, done: (id: Identity) => void): void {
  const key = h('input', {
    type: 'password',
    name: 'api-key',
    id: 'api-key',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    placeholder: 'adm_…, ana_…, svc_… or ask_…',
  });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const message = h('div', { class: 'login-message', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'login card', id: 'login-form' },
    h('h1', null, 'Sign in'),
    h('p', null, 'Use an adstitch API key. It stays in this browser tab only and is forgotten when the tab closes.'),
    field('API key', key),
    submit,
    message,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    replace(message, h('p', { class: 'loading' }, 'Checking the key…'));
    try {
      const id = await identify(key.value);
      saveIdentity(id);
      done(id);
    } catch (err) {
      const text = err instanceof LoginError ? err.message : explain(err);
      replace(message, notice('error', text));
      key.select();
      key.focus();
    } finally {
      submit.disabled = false;
    }
  });
  replace(root, form);
  key.focus();
}
