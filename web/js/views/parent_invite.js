// parent_invite.js - parent accounts (docs/parenting.md "Parent accounts"):
// a practitioner invites a parent to the parent portal from the parent's
// record and reads the one-time code to hand to them; the parent, not
// signed in, redeems it on the start page, choosing a username and
// password, and is signed in. Spire never shows the practitioner a
// password, and shows the code once.
import * as api from '../api.js';
import {
  mount, h, heading, p, link, setTitle, formatDate, personName, backLink, inset, warning, summaryList, ukDate,
} from '../ui.js';
import { Form } from '../form.js';
import { loadPerson } from './access.js';

// The UK civil date an invitation was made (its created_at is an instant).
const madeOn = (inv) => formatDate(ukDate(Date.parse(inv.created_at)));

// The parent's start page, as an address to read out or write down.
const startAddress = () => `${location.origin}/#/parent/start`;

// parentInvite(ctx): #/people/{id}/parent-portal.
export async function parentInvite(ctx) {
  const id = ctx.params[0];
  const person = await loadPerson(ctx, id);
  if (!person || ctx.stale()) return;
  const name = personName(person);
  const status = await api.get(`/people/${id}/parent-account`);
  if (ctx.stale()) return;
  const title = `Invite ${name} to the parent portal`;
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, fields: [],
    // A second code replaces the one still pending (docs/parenting.md).
    submitText: status.pending ? 'Make a new code instead' : 'Create an invitation code',
    onSubmit: async () => {
      const inv = await api.post(`/people/${id}/parent-account`, {});
      showCode(ctx, person, inv);
    },
  });
  mount(ctx.root, backLink(`#/people/${id}`), summary, ...heading(title, 'Parent portal'),
    portalStatus(name, status),
    status.pending ? warning(`${name} already has an invitation code, made on ${madeOn(status.pending)}`
      + `${status.pending.created_by_name ? ` by ${status.pending.created_by_name}` : ''}. It works until the end of `
      + `${formatDate(status.pending.expires_on)}. Make a new code only if that one is lost: the new code stops it from working.`) : null,
    p(`${name} can see their family's plan, Steps to Change and their next session on the parent portal. `
      + 'Spire makes a code for them to set up their own account: you will not see or choose their password.'),
    p('The code works once, for 7 days. Making a new code stops any earlier one from working. '
      + 'If they already have an account, the code lets them choose a new username and password.'),
    form.el);
}

// portalStatus(name, status): whether the person has an account and a
// code still pending (GET /people/{id}/parent-account), as a summary list.
export function portalStatus(name, status) {
  const account = status.account
    ? `Yes, username ${status.account.username}${status.account.disabled ? ' (turned off)' : ''}`
    : 'No';
  const pending = status.pending
    ? `Yes, made on ${madeOn(status.pending)}, works until the end of ${formatDate(status.pending.expires_on)}`
    : 'No';
  return summaryList([['Parent portal account', account], ['Invitation code waiting to be used', pending]]);
}

function showCode(ctx, person, inv) {
  const name = personName(person);
  const title = 'Invitation code created';
  setTitle(title);
  mount(ctx.root,
    h('div', { class: 'govuk-panel govuk-panel--confirmation' },
      h('h1', { class: 'govuk-panel__title' }, title),
      h('div', { class: 'govuk-panel__body' }, 'The code is', h('br'),
        h('strong', { id: 'invitation-code', class: 'spire-code' }, inv.code))),
    p(`Give this code to ${name}. It works once, until the end of ${formatDate(inv.expires_on)}.`),
    inv.replaced ? warning(`The earlier code, made on ${madeOn(inv.replaced)}, no longer works.`) : null,
    inv.username ? p(`They already have an account (username ${inv.username}): the code lets them choose a new username and password.`) : null,
    p(['They set up their account at ', h('strong', {}, startAddress()), '.']),
    inset('You will not see this code again. If it is lost, make a new one: the new code stops this one from working.'),
    p(link(`Back to ${name}'s record`, `#/people/${person.id}`)));
}

// parentStart({root, onSignedIn, next}): #/parent/start, for a parent who
// is not signed in.
export async function parentStart({ root, onSignedIn, next }) {
  const title = 'Set up your parent portal account';
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Set up my account',
    fields: [
      { name: 'code', label: 'Invitation code', hint: 'Your worker gave you this code. For example, 7K3Q-M2XD-9RTA-4HVB', width: 20, autocomplete: 'one-time-code' },
      { name: 'username', label: 'Choose a username', errorLabel: 'Username', hint: '3 to 64 characters: lower case letters, numbers, dots, hyphens and underscores', width: 20, autocomplete: 'username' },
      { name: 'password', label: 'Choose a password', errorLabel: 'Password', type: 'password', hint: 'At least 12 characters. Three or four random words are a good choice', width: 20, autocomplete: 'new-password' },
    ],
    onSubmit: async (v) => {
      const missing = [];
      if (!v.code) missing.push({ field: 'code', message: 'Enter the invitation code your worker gave you' });
      if (!v.username) missing.push({ field: 'username', message: 'Enter a username' });
      if (!v.password) missing.push({ field: 'password', message: 'Enter a password' });
      if (missing.length) return form.showErrors(missing);
      const s = await api.post('/parent-invitations/redeem', v, { quiet401: true });
      onSignedIn(s.user, s.csrf_token);
      next();
    },
  });
  mount(root, h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
    summary, ...heading(title),
    p('Use the invitation code your worker gave you. You choose your own username and password.'),
    form.el,
    p(['Already set up? ', link('Sign in', '#/sign-in'), '.']))));
}
