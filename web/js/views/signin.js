// signin.js - the sign-in page.
import * as api from '../api.js';
import { mount, h, heading, setTitle, p, link } from '../ui.js';
import { Form } from '../form.js';

export async function signIn({ root, onSignedIn, next }) {
  const title = 'Sign in';
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Sign in',
    fields: [
      { name: 'username', label: 'Username', autocomplete: 'username', width: 20 },
      { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', width: 20 },
    ],
    onSubmit: async (v) => {
      const missing = [];
      if (!v.username) missing.push({ field: 'username', message: 'Enter your username' });
      if (!v.password) missing.push({ field: 'password', message: 'Enter your password' });
      if (missing.length) return form.showErrors(missing);
      try {
        const s = await api.post('/session', { username: v.username, password: v.password }, { quiet401: true });
        onSignedIn(s.user, s.csrf_token);
        next();
      } catch (err) {
        if (err.status === 401) {
          // A disabled account, after the right password (the API names
          // the field only then): say so, not that the password is wrong.
          if (err.field === 'username') return form.showErrors([{ field: 'username', message: err.message }]);
          return form.showErrors([{ field: 'username', message: 'Enter a correct username and password' }]);
        }
        throw err;
      }
    },
  });
  mount(root, h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
    summary, ...heading(title), form.el,
    p(['Parent or carer with an invitation code from your worker? ',
      link('Set up your parent portal account', '#/parent/start'), '.']))));
}
