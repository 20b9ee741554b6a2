// users.js - user administration for admins: the list (a page at a
// time), adding a user, changing a user's name, role and team (keeping
// their open cases, or not), resetting
// their password (which signs them out everywhere), disabling and
// enabling accounts. Roles are shown in the one set of words (ui.js
// ROLE_LABELS, the same as src/service/roles.c).
import * as api from '../api.js';
import {
  mount, h, heading, p, link, table, tag, setTitle, backLink, buttonLink, button, actions, humanise, roleLabel, setFlash, takeFlash,
  counted, warning,
} from '../ui.js';
import { Form } from '../form.js';
import { fetchPage, pager } from './common.js';

// Staff roles only: a parent's account is made by the parent, from an
// invitation their worker issues from their record (docs/parenting.md
// "Parent accounts"), never here.
const ROLES = ['manager', 'yjs_officer', 'parent_worker', 'fgc_coordinator', 'social_worker', 'hub_worker', 'analyst', 'admin']
  .map((r) => [r, roleLabel(r)]);

const teamOptions = (teams) => teams.items.filter((t) => !t.closed_at)
  .map((t) => [t.id, `${t.name} (${t.service_name || humanise(t.service_code)})`]);

const STATUSES = [['active', 'Active'], ['disabled', 'Disabled']];

// The Users page's filters, from its address (#/admin/users?q=sam&role=
// manager&team_id=2&status=disabled); anything not one of the choices
// is left out. The API does the filtering, a page at a time, so it works
// for hundreds of accounts.
function userFilters(ctx) {
  const q = ctx.query;
  return {
    q: (q.get('q') || '').trim(),
    role: [...ROLES, ['parent']].some(([v]) => v === q.get('role')) ? q.get('role') : '',
    team_id: /^\d+$/.test(q.get('team_id') || '') ? q.get('team_id') : '',
    status: STATUSES.some(([v]) => v === q.get('status')) ? q.get('status') : '',
  };
}

function filterForm(ctx, teams, f) {
  const form = new Form({
    submitText: 'Apply filters', summarySlot: h('div'), values: f,
    fields: [
      { name: 'q', label: 'Name or username', width: 20, hint: 'Part of a name or username is enough' },
      { name: 'team_id', label: 'Team', type: 'select', options: teamOptions(teams), placeholder: 'Any team' },
      { name: 'role', label: 'Role', type: 'select', options: ROLES, placeholder: 'Any role' },
      { name: 'status', label: 'Status', type: 'select', options: STATUSES, placeholder: 'Active or disabled' },
    ],
    onSubmit: async (v) => ctx.go('/admin/users' + api.qs(v)),
    secondary: link('Clear filters', '#/admin/users'),
  });
  form.button.classList.add('govuk-button--secondary');
  form.el.classList.add('spire-filter');
  form.el.setAttribute('role', 'search');
  form.el.setAttribute('aria-label', 'Find user accounts');
  return form;
}

export async function usersList(ctx) {
  setTitle('Users');
  const f = userFilters(ctx);
  const filtered = Object.values(f).some(Boolean);
  const [r, teams] = await Promise.all([
    fetchPage(ctx, 'offset', '/users', {
      q: f.q, role: f.role, team_id: f.team_id,
      enabled: f.status === 'active' ? 'true' : '', disabled: f.status === 'disabled' ? 'true' : '',
    }),
    api.get('/teams'),
  ]);
  if (ctx.stale()) return;
  const found = r.offset || r.has_more ? `User accounts ${r.offset + 1} to ${r.offset + r.items.length}` : counted(r.items.length, 'user account');
  // Enabling is one click; disabling asks first, on a page of its own
  // that says what they leave for a manager (userDisable).
  const enable = async (u) => {
    try {
      await api.post(`/users/${u.id}/enable`, { version: u.version });
      setFlash(`${u.full_name} (${u.username}) has been enabled.`);
    } catch (err) {
      setFlash(`${u.username} could not be changed: ${err.message}`, false);
    }
    await usersList(ctx);
  };
  mount(ctx.root,
    takeFlash(),
    ...heading('Users'),
    actions(buttonLink('Add a user', '#/admin/users/new')),
    filterForm(ctx, teams, f).el,
    !r.items.length ? p(filtered ? 'No user accounts match these filters. Check the spelling, or clear the filters.' : 'There are no user accounts.')
    : table({
      caption: filtered ? `${found} matching the filters` : found,
      captionClass: 'govuk-table__caption--s',
      head: ['Name', 'Username', 'Role', 'Team', 'Status', 'Action'],
      rows: r.items.map((u) => [
        link(u.full_name, `#/admin/users/${u.id}`), u.username, roleLabel(u.role), u.team_name,
        isDisabled(u) ? tag('Disabled') : tag('Active'),
        u.id === ctx.user.id ? '' : isDisabled(u) ? h('button', {
          class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', type: 'button', on: { click: () => enable(u) },
        }, 'Enable', h('span', { class: 'govuk-visually-hidden' }, ` ${u.username}`))
          : link(['Disable', h('span', { class: 'govuk-visually-hidden' }, ` ${u.username}`)], `#/admin/users/${u.id}/disable`),
      ]),
    }),
    pager(ctx, 'offset', r, 'user accounts'));
}

const isDisabled = (u) => !!(u.disabled || u.disabled_at);

// "Test manager", "A or B", "A, B or C": who re-allocates their work.
const namesOr = (names) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);

// #/admin/users/N/disable: the confirmation step before disabling an
// account (GOV.UK: a page that asks, not a browser dialog), saying how
// many open cases and tasks they hold and that a manager re-allocates
// them (GET /users/{id}: open_cases, open_tasks, team_managers; counts
// only, as an admin opens no case).
export async function userDisable(ctx) {
  const id = Number(ctx.params[0]);
  const u = await api.get(`/users/${id}`);
  if (ctx.stale()) return;
  const title = `Disable ${u.full_name}’s account`;
  setTitle(title);
  const back = backLink('#/admin/users');
  if (isDisabled(u)) {
    mount(ctx.root, back, ...heading(title, u.username), p('This account is already disabled.'), p(link('Back to users', '#/admin/users')));
    return;
  }
  const cases = u.open_cases || 0, tasks = u.open_tasks || 0;
  const work = [cases ? counted(cases, 'open case') : null, tasks ? counted(tasks, 'open task') : null].filter(Boolean).join(' and ');
  const managers = u.team_managers || [];
  // team_managers_of: no one else manages their team, so the names are
  // of their service's managers, each with their team.
  const of = u.team_managers_of;
  const who = !managers.length ? 'A manager of their service will'
    : of ? `A manager of ${of} (${namesOr(managers)}) will`
      : managers.length === 1 ? `Their manager, ${managers[0]}, will` : `A manager of their team (${namesOr(managers)}) will`;
  const disable = button('Disable account', {
    warning: true,
    onClick: async () => {
      disable.disabled = true;
      try {
        await api.post(`/users/${id}/disable`, { version: u.version });
        setFlash(`${u.full_name} (${u.username}) has been disabled.${work ? ` They hold ${work}: ask ${managers.length ? namesOr(managers) : 'a manager'} to re-allocate them.` : ''}`);
      } catch (err) {
        setFlash(`${u.username} could not be disabled: ${err.message}`, false);
      }
      ctx.go('/admin/users');
    },
  });
  mount(ctx.root, back,
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      ...heading(`Are you sure you want to disable ${u.full_name}’s account?`, u.username),
      p('They will be signed out at once and will not be able to sign in until an administrator enables the account again.'),
      work
        ? warning(`${u.full_name} holds ${work}. ${who} need to re-allocate ${cases + tasks === 1 ? 'it' : 'them'}: disabling the account does not move them.`)
        : p(`${u.full_name} holds no open cases or tasks.`),
      actions(disable, link('Cancel', '#/admin/users')))));
}

export async function userAdd(ctx) {
  const title = 'Add a user';
  setTitle(title);
  const teams = await api.get('/teams');
  if (ctx.stale()) return;
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Add user',
    fields: [
      { name: 'full_name', label: 'Full name', width: 20 },
      { name: 'username', label: 'Username', width: 20, hint: 'Letters, numbers, dots, hyphens and underscores' },
      { name: 'role', label: 'Role', type: 'select', options: ROLES },
      { name: 'team_id', label: 'Team', type: 'select', placeholder: 'No team', options: teamOptions(teams), hint: 'Practitioners and managers need a team, in a service their role works in' },
      { name: 'password', label: 'Temporary password', type: 'password', autocomplete: 'new-password', width: 20, hint: 'At least 12 characters and not a common word with numbers added: three or more random words work well. Give it to them in person.' },
    ],
    onSubmit: async () => {
      const b = form.body();
      if (b.team_id) b.team_id = Number(b.team_id);
      const u = await api.post('/users', b);
      setFlash(`${u.full_name} (${u.username}) has been added.`);
      ctx.go('/admin/users');
    },
  });
  mount(ctx.root, backLink('#/admin/users'),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title), form.el, p(link('Cancel', '#/admin/users')))));
}

// "a youth justice officer", "an administrator", "an FGC coordinator".
const aRole = (role) => {
  const label = roleLabel(role).replace(/^[A-Z][a-z]/, (x) => x.toLowerCase());
  return `${/^([aeiou]|FGC)/i.test(label) ? 'an' : 'a'} ${label}`;
};

// changeSaid(before, after, body): what an account change did, in words
// (session 27: it said only "has been changed"): "Tom Keane has moved to
// YJ South and keeps 23 open cases and 4 open tasks". before is the admin's
// GET /users/{id} (open_cases, open_tasks); a change of role or team of a
// worker who holds work is refused unless they keep it (keep_cases).
export function changeSaid(before, after, body) {
  const what = [];
  if ('full_name' in body) what.push(`is now called ${after.full_name}`);
  if ('team_id' in body) what.push(after.team_name ? `has moved to ${after.team_name}` : 'is no longer in a team');
  if ('role' in body) what.push(`is now ${aRole(after.role)}`);
  const moves = 'team_id' in body || 'role' in body;
  const held = [before.open_cases ? counted(before.open_cases, 'open case') : null,
    before.open_tasks ? counted(before.open_tasks, 'open task') : null].filter(Boolean).join(' and ');
  if (moves && body.keep_cases && held) what.push(`keeps ${held}`);
  if (!what.length) return `${after.full_name} (${after.username}) has been changed.`;
  const last = what.pop();
  return `${before.full_name} ${what.length ? `${what.join(', ')} and ${last}` : last}.`;
}

// Change a user's name, role and team; reset their password.
export async function userEdit(ctx) {
  const id = Number(ctx.params[0]);
  const [u, teams] = await Promise.all([api.get(`/users/${id}`), api.get('/teams')]);
  if (ctx.stale()) return;
  const title = `Change ${u.full_name}’s account`;
  setTitle(title);
  const summary = h('div');
  const parent = u.role === 'parent';
  const details = new Form({
    title, summarySlot: summary, submitText: 'Save changes',
    // The team as the select reads it (a string), so that an unchanged
    // team is not sent as a change.
    values: { full_name: u.full_name, role: u.role, team_id: u.team_id ? String(u.team_id) : '' },
    fields: parent ? [{ name: 'full_name', label: 'Full name', width: 20 }] : [
      { name: 'full_name', label: 'Full name', width: 20 },
      { name: 'role', label: 'Role', type: 'select', options: ROLES },
      { name: 'team_id', label: 'Team', type: 'select', placeholder: 'No team', options: teamOptions(teams),
        hint: 'A new role or team can only be saved once a manager has re-allocated their open cases and tasks, unless they keep them. Tasks on closed cases stay with them' },
      // The API's keep_cases (docs/access.md "Changing an account"): sent
      // only with a new role or team, the change it is about.
      { name: 'keep_cases', label: 'They keep their open cases and tasks after the change', type: 'checkbox',
        hint: 'For example, on a secondment to another service: they still hold their cases. Leave it unticked to have a manager re-allocate their work first' },
    ],
    onSubmit: async () => {
      const b = details.body({ changedOnly: true });
      if (b.team_id) b.team_id = Number(b.team_id);
      if (!('role' in b || 'team_id' in b)) delete b.keep_cases;
      if (!Object.keys(b).length) { ctx.go('/admin/users'); return; }
      const done = await api.patch(`/users/${id}`, { version: u.version, ...b });
      setFlash(changeSaid(u, done, b));
      ctx.go('/admin/users');
    },
  });
  const reset = new Form({
    title, summarySlot: summary, submitText: 'Reset password', warning: true,
    fields: [
      { name: 'password', label: 'New temporary password', type: 'password', autocomplete: 'new-password', width: 20,
        hint: 'At least 12 characters and not a common word with numbers added. They are signed out everywhere at once. Give it to them in person.' },
    ],
    onSubmit: async (v) => {
      const done = await api.patch(`/users/${id}`, { version: u.version, password: v.password });
      setFlash(`${done.full_name}’s password has been reset. They have been signed out everywhere.`);
      ctx.go('/admin/users');
    },
  });
  mount(ctx.root, backLink('#/admin/users'),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, u.username),
      details.el,
      h('h2', { class: 'govuk-heading-m' }, 'Reset their password'),
      parent ? p('A parent or carer sets their own password. To reset it, their worker gives them a new '
        + 'invitation code from their record.') : reset.el,
      p(link('Cancel', '#/admin/users')))));
}
