// peer.js - peer support kept by a team (docs/parenting.md "Peer support and
// referrals"): the team's groups and its register of peer mentors, a group
// with its dated sessions, a session's register, marked for every parent in
// one form, and the forms to add a group, a session and a mentor.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, h2, heading, p, link, table, tag, setTitle, formatDate, personName, backLink, buttonLink, actions,
  summaryList, today, setFlash, takeFlash,
} from '../ui.js';
import { Form } from '../form.js';
import { section, fetchPage, pager, explainConflict } from './common.js';

const yesNo = (v) => (v ? 'Yes' : 'No');
const list = (xs) => (xs && xs.length ? xs.join(', ') : 'None recorded');

// peerHome: the user's team's groups and mentors.
export async function peerHome(ctx) {
  const team = ctx.user.team_id;
  const title = 'Peer support';
  setTitle(title);
  const [groups, mentors] = await Promise.all([
    section(async () => {
      const r = await fetchPage(ctx, 'groups', '/peer-groups', { team_id: team, include_closed: false });
      return [
        r.items.length ? table({
          caption: 'Peer support groups', head: ['Group', 'Meets', 'Last session'],
          rows: r.items.map((g) => [link(g.name, `#/peer/groups/${g.id}`), g.meets || '', g.last_session_date ? formatDate(g.last_session_date) : 'None yet']),
        }) : [h2('Peer support groups'), p('Your team has no peer support groups.')],
        pager(ctx, 'groups', r, 'groups'),
        actions(buttonLink('Add a group', '#/peer/groups/new', true)),
      ];
    }),
    section(async () => {
      const r = await fetchPage(ctx, 'mentors', '/peer-mentors', { team_id: team, include_closed: false });
      return [
        r.items.length ? table({
          caption: 'Peer mentors', head: ['Mentor', 'Organisation', 'Languages', 'Gender', 'Faith', 'Available'],
          rows: r.items.map((m) => [link(m.name, `#/peer/mentors/${m.id}/change`), m.organisation || '', list(m.languages),
            vocab.label('mentor_genders', m.gender), m.faith || '', m.available ? tag('Available', 'green') : tag('Not available', 'grey')]),
        }) : [h2('Peer mentors'), p('Your team has no peer mentors on its register.')],
        pager(ctx, 'mentors', r, 'mentors'),
        actions(buttonLink('Add a mentor', '#/peer/mentors/new', true)),
      ];
    }),
  ]);
  if (ctx.stale()) return;
  mount(ctx.root, takeFlash(), ...heading(title, ctx.user.team_name || ''), groups, mentors);
}

// formPage(ctx, title, back, form, summary): a form in the two-thirds column.
function formPage(ctx, title, back, form, summary, caption) {
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, caption), form.el, p(link('Cancel', back)))));
}

const GROUP_FIELDS = [
  { name: 'name', label: 'Name of the group', width: 30, hint: 'For example, Friendship Group' },
  { name: 'meets', label: 'When it meets (optional)', width: 30, hint: 'For example, monthly, first Tuesday, 10am' },
  { name: 'venue', label: 'Where it meets (optional)', width: 30 },
  { name: 'description', label: 'What the group is for (optional)', type: 'textarea', rows: 3 },
];

export async function groupAdd(ctx) {
  const title = 'Add a peer support group';
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save group', fields: GROUP_FIELDS,
    onSubmit: async () => {
      const g = await api.post('/peer-groups', { team_id: ctx.user.team_id, ...form.body() });
      setFlash(`${g.name} has been added.`);
      ctx.go(`/peer/groups/${g.id}`);
    },
  });
  formPage(ctx, title, '#/peer', form, summary);
}

// groupPage: a group and its sessions, newest first.
export async function groupPage(ctx) {
  const id = ctx.params[0];
  const g = await api.get(`/peer-groups/${id}`);
  if (ctx.stale()) return;
  setTitle(g.name);
  const sessions = await section(async () => {
    const r = await fetchPage(ctx, 'sessions', '/peer-group-sessions', { group_id: id, include_closed: false });
    return [
      r.items.length ? table({
        caption: 'Sessions', head: ['Date', 'Topic', 'Attended', 'Register'],
        rows: r.items.map((s) => [link(formatDate(s.session_date), `#/peer/sessions/${s.id}`), s.topic || '',
          `${s.attended_count} of ${s.register_count}`, link(['Mark the register', h('span', { class: 'govuk-visually-hidden' }, ` for ${formatDate(s.session_date)}`)], `#/peer/sessions/${s.id}/register`)]),
      }) : [h2('Sessions'), p('No sessions have been recorded.')],
      pager(ctx, 'sessions', r, 'sessions'),
    ];
  });
  if (ctx.stale()) return;
  const open = !g.closed_at;
  mount(ctx.root, backLink('#/peer', 'Back to peer support'), takeFlash(),
    ...heading(g.name, g.team_name),
    summaryList([['Meets', g.meets || 'Not recorded'], ['Venue', g.venue || 'Not recorded'], ['About the group', g.description || 'Not recorded']]),
    open ? actions(buttonLink('Add a session', `#/peer/groups/${id}/sessions/new`, true)) : p('This group has been closed.'),
    sessions);
}

export async function sessionAdd(ctx) {
  const groupId = Number(ctx.params[0]);
  const g = await api.get(`/peer-groups/${groupId}`);
  if (ctx.stale()) return;
  const title = 'Add a session';
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save session', values: { session_date: today(), venue: g.venue },
    fields: [
      { name: 'session_date', label: 'Date of the session', type: 'date' },
      { name: 'topic', label: 'Topic (optional)', width: 30 },
      { name: 'venue', label: 'Where (optional)', width: 30 },
      { name: 'notes', label: 'Notes (optional)', type: 'textarea', rows: 3 },
    ],
    onSubmit: async () => {
      const s = await api.post('/peer-group-sessions', { group_id: groupId, ...form.body() });
      setFlash('The session has been added. Mark who attended.');
      ctx.go(`/peer/sessions/${s.id}/register`);
    },
  });
  formPage(ctx, title, `#/peer/groups/${groupId}`, form, summary, g.name);
}

// The register's lines of session id (every page of them).
async function registerOf(id) {
  const out = [];
  for (let offset = 0; ; offset += 200) {
    const r = await api.get(`/peer-group-attendance${api.qs({ session_id: id, include_closed: false, limit: 200, offset })}`);
    out.push(...r.items);
    if (!r.has_more) return out;
  }
}

export async function sessionPage(ctx) {
  const id = ctx.params[0];
  const s = await api.get(`/peer-group-sessions/${id}`);
  const [g, lines] = await Promise.all([api.get(`/peer-groups/${s.group_id}`), registerOf(id)]);
  if (ctx.stale()) return;
  const title = `${g.name}: ${formatDate(s.session_date)}`;
  setTitle(title);
  mount(ctx.root, backLink(`#/peer/groups/${g.id}`, `Back to ${g.name}`), takeFlash(),
    ...heading(title, s.topic || 'Session'),
    lines.length ? table({
      caption: 'Register', head: ['Parent', 'Attended', 'Notes'],
      rows: lines.map((l) => [link(personName(l), `#/people/${l.person_id}`), yesNo(l.attended), l.notes || '']),
    }) : p('No one is on the register yet.'),
    actions(buttonLink('Mark the register', `#/peer/sessions/${id}/register`)));
}

// The parents a register may list: those with an open parent support
// case in the user's team, and those already on it.
async function candidates(lines) {
  const seen = new Map(lines.map((l) => [l.person_id, personName(l)]));
  try {
    const r = await api.get(`/cases${api.qs({ team: true, status: 'open', limit: 200 })}`);
    for (const c of r.items) if (c.service_code === 'parenting' && !seen.has(c.person_id)) seen.set(c.person_id, personName(c));
  } catch { /* the register's own lines are enough */ }
  return [...seen.entries()].sort((a, b) => a[1].localeCompare(b[1]));
}

// registerForm: the whole register in one form, a row of radios a parent:
// attended, did not attend, or not on the register (nothing recorded).
export async function registerForm(ctx) {
  const id = Number(ctx.params[0]);
  const s = await api.get(`/peer-group-sessions/${id}`);
  const [g, lines] = await Promise.all([api.get(`/peer-groups/${s.group_id}`), registerOf(id)]);
  const people = await candidates(lines);
  if (ctx.stale()) return;
  const title = `Mark the register for ${formatDate(s.session_date)}`;
  setTitle(title);
  const byPerson = new Map(lines.map((l) => [l.person_id, l]));
  const OPTIONS = [['yes', 'Attended'], ['no', 'Did not attend'], ['', 'Not on the register']];
  const fields = people.map(([pid, name]) => ({
    name: `p${pid}`, label: name, type: 'radios', inline: true, options: OPTIONS, apiField: `p${pid}`, personId: pid,
  }));
  const values = Object.fromEntries(people.map(([pid]) => {
    const l = byPerson.get(pid);
    return [`p${pid}`, l ? (l.attended ? 'yes' : 'no') : ''];
  }));
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save the register', fields, values,
    onSubmit: async (v) => {
      const errors = [];
      for (const f of fields) {
        const want = v[f.name];
        const line = byPerson.get(f.personId);
        try {
          if (line && want === '') {
            await api.post(`/peer-group-attendance/${line.id}/close`, { version: line.version, reason: 'Taken off the register' });
          } else if (line && want && (want === 'yes') !== line.attended) {
            await api.patch(`/peer-group-attendance/${line.id}`, { version: line.version, attended: want === 'yes' });
          } else if (!line && want) {
            await api.post('/peer-group-attendance', { session_id: id, person_id: f.personId, attended: want === 'yes' });
          }
        } catch (err) {
          if (!err || err.status === undefined) throw err;
          explainConflict(err);
          errors.push({ field: f.name, message: `${f.label}: ${err.message}` });
        }
      }
      if (errors.length) {
        const e = Object.assign(new Error(errors[0].message), { status: 400, list: () => errors });
        throw e;
      }
      setFlash('The register has been saved.');
      ctx.go(`/peer/sessions/${id}`);
    },
  });
  mount(ctx.root, backLink(`#/peer/sessions/${id}`),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, g.name),
      people.length ? form.el : p('No parents with an open parent support case in your team to list.'),
      p(link('Cancel', `#/peer/sessions/${id}`)))));
}

const MENTOR_FIELDS = () => [
  { name: 'name', label: 'Name', width: 20 },
  { name: 'organisation', label: 'Organisation (optional)', width: 20, hint: 'For example, Kitchen Table Talks' },
  { name: 'languages', label: 'Languages spoken (optional)', type: 'lines', rows: 3, hint: 'One language on each line' },
  { name: 'cultural_background', label: 'Cultural background (optional)', width: 30, hint: 'As the mentor describes it' },
  { name: 'gender', label: 'Gender (optional)', type: 'radios', options: vocab.options('mentor_genders') },
  { name: 'faith', label: 'Faith (optional)', width: 20, hint: 'As the mentor describes it' },
  { name: 'available', label: 'Available to take on a parent now', type: 'checkbox', sendFalse: true },
  { name: 'notes', label: 'Notes (optional)', type: 'textarea', rows: 3 },
];

export async function mentorAdd(ctx) {
  const title = 'Add a peer mentor';
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save mentor', fields: MENTOR_FIELDS(), values: { available: true },
    onSubmit: async () => {
      const m = await api.post('/peer-mentors', { team_id: ctx.user.team_id, ...form.body() });
      setFlash(`${m.name} has been added to the register.`);
      ctx.go('/peer');
    },
  });
  formPage(ctx, title, '#/peer', form, summary);
}

export async function mentorChange(ctx) {
  const m = await api.get(`/peer-mentors/${ctx.params[0]}`);
  if (ctx.stale()) return;
  const title = `Change ${m.name}'s details`;
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes', fields: MENTOR_FIELDS(), values: m,
    onSubmit: async () => {
      try {
        await api.patch(`/peer-mentors/${m.id}`, { version: m.version, ...form.body({ changedOnly: true }) });
      } catch (err) { throw explainConflict(err); }
      setFlash(`${m.name}'s details have been changed.`);
      ctx.go('/peer');
    },
  });
  formPage(ctx, title, '#/peer', form, summary);
}
