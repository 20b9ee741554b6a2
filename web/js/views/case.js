// case.js - open a case for a child, a case's page (contacts and tasks, a
// page at a time), recording a contact as practitioners record it (time,
// duration, location, outcome, whether the child was seen and seen alone,
// significant) with its attendees from any service and follow-up tasks,
// and adding a task on a case for a practitioner of any service. Closing a
// case is in close.js.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, heading, p, h2, link, setTitle, formatDate, personName, summaryList, tag, backLink, buttonLink,
  actions, moreActions, humanise, today, takeFlash, setFlash, inset,
} from '../ui.js';
import { Form } from '../form.js';
import { loadPerson, accessFor, loadCase } from './access.js';
import { contactTable } from './person.js';
import { section, taskTable, doneAndReload, undoAndReload, memberPerson, fetchPage, pager, explainConflict, workerStatus } from './common.js';
import { reasonPage } from './close.js';
import { yjCaseSection } from './yj_case.js';
import { parentSupportSection } from './parenting.js';
import { resourceSections } from './resources.js';
import { referralSection } from './peer_parent.js';

const PRACTITIONER_ROLES = ['yjs_officer', 'parent_worker', 'fgc_coordinator', 'social_worker', 'hub_worker', 'manager'];

async function practitioners() {
  const r = await api.get('/users' + api.qs({ enabled: 1, limit: 200 }));
  return r.items.filter((u) => PRACTITIONER_ROLES.includes(u.role) && !u.disabled);
}

// casePractitioners(caseId): who may be added to the case's contacts,
// tasks and reports, from every service: the case's team first.
export async function casePractitioners(caseId) {
  return (await api.get(`/cases/${caseId}/practitioners`)).items;
}

// practitionerOptions(list): [[id, "Name – Team (Service)"]] for a picker.
export function practitionerOptions(list) {
  return list.map((u) => [u.id, u.case_team ? `${u.full_name} – ${u.team_name}` : `${u.full_name} – ${u.team_name} (${u.service_name})`]);
}

// May user hold work in team t (docs/access.md, policy_team): a
// practitioner in their own team, a manager in any team of their service.
function mayHoldWork(user, t) {
  return user.role === 'manager' ? t.service_id === user.service_id : t.id === user.team_id;
}

export async function caseOpen(ctx) {
  const personId = Number(ctx.params[0]);
  const [person, teams, users, services] = await Promise.all([
    loadPerson(ctx, personId), api.get('/teams'), practitioners(), api.get('/services'),
  ]);
  if (!person || ctx.stale()) return;
  const title = `Open a case for ${personName(person)}`;
  setTitle(title);
  // Only the services the user's role opens cases in (docs/access.md), held
  // by a team the user may hold work in: their own team's service.
  const mine = services.items.filter((x) => x.opens_cases && x.id === ctx.user.service_id);
  if (!mine.length) {
    mount(ctx.root, backLink(`#/people/${personId}`), ...heading(title),
      p('Your role does not open cases in your team’s service. Ask a practitioner or manager of the service to open the case; they can allocate it to you.'),
      p(link('Back to the record', `#/people/${personId}`)));
    return;
  }
  const summary = h('div');
  // The worker is one of the chosen team's (the API refuses any other).
  // and whose role works on cases of the team's service (`services`: null
  // for a manager).
  const serviceOf = (teamId) => services.items.find((x) => x.id === (teams.items.find((t) => t.id === Number(teamId)) || {}).service_id)?.code;
  const workersOf = (teamId) => [['', 'Not allocated yet'],
    ...users.filter((u) => u.team_id === Number(teamId) && (u.services == null || u.services.includes(serviceOf(teamId)))).map((u) => [u.id, `${u.full_name}${u.team_name ? ' – ' + u.team_name : ''}`])];
  const form = new Form({
    title, summarySlot: summary, submitText: 'Open case',
    // A practitioner opens a case for themselves; a manager allocates it
    // to someone (docs/team-week.md), so nobody is chosen for them. The
    // only service there is to choose is chosen.
    values: {
      service: mine.length === 1 ? mine[0].code : '',
      team_id: ctx.user.team_id, worker_id: ctx.user.role === 'manager' ? '' : ctx.user.id, start_date: today(),
    },
    fields: [
      { name: 'service', label: 'Service', type: 'radios', hint: 'The service that will work with the child', options: mine.map((x) => [x.code, x.name]) },
      { name: 'team_id', label: 'Team', type: 'select', options: teams.items.filter((t) => !t.closed_at && mayHoldWork(ctx.user, t)).map((t) => [t.id, `${t.name} (${t.service_name || humanise(t.service_code)})`]) },
      { name: 'worker_id', label: 'Allocated worker', type: 'select', options: workersOf(ctx.user.team_id).slice(1), placeholder: 'Not allocated yet' },
      { name: 'start_date', label: 'Start date', type: 'date' },
      { name: 'reason', label: 'Reason for involvement', type: 'textarea', rows: 4, hint: 'Why the service is opening a case: the referral, or what it will work on' },
    ],
    onSubmit: async () => {
      const b = form.body();
      for (const k of ['team_id', 'worker_id']) if (b[k]) b[k] = Number(b[k]);
      // A case is a write: no break-glass reason goes with it.
      const rec = await api.post('/cases', { person_id: personId, ...b });
      ctx.go(`/cases/${rec.id}`);
    },
  });
  // Another team chosen: its workers, nobody allocated yet.
  const teamSelect = form.el.querySelector('select[name="team_id"]');
  const workerSelect = form.el.querySelector('select[name="worker_id"]');
  teamSelect.addEventListener('change', () => {
    workerSelect.replaceChildren(...workersOf(teamSelect.value).map(([v, t]) => h('option', { value: String(v) }, t)));
  });
  mount(ctx.root, backLink(`#/people/${personId}`),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title), form.el, p(link('Cancel', `#/people/${personId}`)))));
}

export async function casePage(ctx) {
  const id = ctx.params[0];
  // Outside the user's caseload: the break-glass form, as on a person's
  // page (or, when no reason opens it, who to ask).
  const c = await loadCase(ctx, id);
  if (!c || ctx.stale()) return;
  const access = accessFor(c.person_id);
  const name = personName(c);
  const title = `${humanise(c.service_name || c.service_code)} case – ${name}`;
  setTitle(title);
  const open = c.status !== 'closed';
  const [contacts, tasks, yj, described, parents, referrals] = await Promise.all([
    section(async () => {
      const r = await fetchPage(ctx, 'contacts', '/contacts', { case_id: id }, { access });
      return [r.items.length ? contactTable(r.items, 'Contacts', open && !access.breakGlass) : [h2('Contacts'), p('No contacts have been recorded.')],
        pager(ctx, 'contacts', r, 'contacts')];
    }),
    section(async () => {
      const r = await fetchPage(ctx, 'tasks', '/tasks', { case_id: id }, { access });
      return [taskTable({ caption: 'Tasks', items: r.items, showOwner: true, onDone: (t) => doneAndReload(ctx, t, () => casePage(ctx)), onUndo: (t) => undoAndReload(ctx, t, () => casePage(ctx)) }),
        pager(ctx, 'tasks', r, 'tasks')];
    }),
    c.service_code === 'youth_justice' ? yjCaseSection(ctx, c, access, open) : null,
    resourceSections(ctx, 'case', c, access, open),
    c.service_code === 'youth_justice' ? parentSupportSection(ctx, c, access) : null,
    c.service_code === 'parenting' && ctx.user.role !== 'yjs_officer' ? referralSection(ctx, c, access, open) : null,
  ]);
  if (ctx.stale()) return;
  mount(ctx.root, backLink(`#/people/${c.person_id}`, `Back to ${name}`),
    takeFlash(),
    ...heading(title, c.team_name),
    summaryList([
      // A parenting case is the parent's own (docs/parenting.md).
      [c.service_code === 'parenting' ? 'Parent or carer' : 'Child', link(name, `#/people/${c.person_id}`)],
      ['Status', tag(c.status)],
      ['Service', c.service_name || humanise(c.service_code)],
      ['Team', c.team_name],
      // A disabled or moved worker is marked (session 27).
      ['Allocated worker', h('span', {}, c.worker_name || 'Not allocated', ' ',
        workerStatus(c) ? [workerStatus(c), ' '] : null,
        // Offered only when the server's rule allows it (policy_reassign, docs/access.md).
        open && !access.breakGlass && c.can && c.can.reassign
          ? link(c.worker_id ? 'Reallocate' : 'Allocate', `#/cases/${id}/allocate?back=${encodeURIComponent(`/cases/${id}`)}`) : null)],
      ['Started', formatDate(c.start_date)],
      c.end_date ? ['Ended', formatDate(c.end_date)] : null,
      ['Reason', c.reason],
      c.closure_reason ? ['Closure reason', c.closure_reason] : null,
    ]),
    access.breakGlass ? inset('You are viewing this case with a reason. This view is recorded. Nothing can be changed from it.') : null,
    // One main action; the rest as links (a phone showed 10 buttons).
    access.breakGlass ? null : open ? [actions(buttonLink('Record a contact', `#/cases/${id}/contacts/new`)),
      moreActions('Other actions on this case', [
        ['Add a task', `#/cases/${id}/tasks/new`],
        ['Forms', `#/cases/${id}/forms`],
        ['Close case', `#/cases/${id}/close`]])]
      : actions(buttonLink('Reopen case', `#/cases/${id}/close`, true)),
    yj, parents ? h('div', {}, parents) : null, referrals ? h('div', {}, referrals) : null, h('div', {}, contacts), h('div', {}, tasks), described);
}

const CONTACT_TYPES = vocab.options('contact_types');

// attendeePeople(person): the child and everyone in their families.
function attendeePeople(person) {
  const seen = new Map([[String(person.id), `${personName(person)} (the child)`]]);
  for (const f of person.families || []) {
    for (const m of f.members || []) {
      if (!seen.has(String(m.person_id))) seen.set(String(m.person_id), `${personName(memberPerson(m))} (${vocab.label('family_relationships', m.relationship)})`);
    }
  }
  return [...seen.entries()];
}

const YES_NO = [['true', 'Yes'], ['false', 'No']];
const yesNo = (v) => (v === 'true' ? true : v === 'false' ? false : undefined);
// A whole number as the API takes it; anything else as typed, for the API
// to name.
const whole = (v) => (v === '' ? undefined : /^\d+$/.test(v) ? Number(v) : v);

// attendeeStaff(users, me): the practitioners a contact may name, the
// user's own team first, then the case's, then every other team's; and
// those two teams' ids, listed before any filtering (form.js filtered).
function attendeeStaff(users, me) {
  const rank = (u) => (u.team_id === me.team_id ? 0 : u.case_team ? 1 : 2);
  const sorted = users.map((u, i) => [rank(u), i, u]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , u]) => u);
  return { options: practitionerOptions(sorted), pinned: sorted.filter((u) => rank(u) < 2).map((u) => u.id) };
}

// The fields of a contact as practitioners record (and correct) it.
function contactFields(person, staff) {
  return [
    { name: 'contact_date', label: 'Date of contact', type: 'date' },
    { name: 'contact_time', label: 'Time of contact (optional)', errorLabel: 'Time of contact', width: 5, hint: 'On a 24-hour clock, for example, 14:30' },
    { name: 'duration_minutes', label: 'Duration (minutes) (optional)', errorLabel: 'Duration (minutes)', width: 4, inputmode: 'numeric' },
    { name: 'contact_type', label: 'Type of contact', type: 'radios', options: CONTACT_TYPES },
    { name: 'location', label: 'Location (optional)', errorLabel: 'Location', width: 30, hint: 'For example, the family home, school, the youth justice office' },
    { name: 'outcome', label: 'What happened', type: 'radios', options: vocab.options('contact_outcomes') },
    // Asked whenever the contact took place: the child's "Last seen" is read from it.
    { name: 'child_seen', label: 'Was the child seen?', errorLabel: 'Whether the child was seen', type: 'radios', inline: true, options: YES_NO, hint: 'Answer this if the contact took place' },
    { name: 'seen_alone', label: 'Was the child seen alone?', errorLabel: 'Whether the child was seen alone', type: 'radios', inline: true, options: YES_NO },
    { name: 'joint', label: 'Joint contact (with another practitioner or agency)', type: 'checkbox', sendFalse: true },
    { name: 'significant', label: 'Significant: show it in the child’s chronology', type: 'checkbox', sendFalse: true },
    { name: 'people', label: 'Family members who attended', type: 'checkboxes', apiField: 'attendees.people', options: attendeePeople(person) },
    // About 40 in a service: the user's and the case's teams are listed,
    // and everyone else in Spire is found by typing.
    {
      name: 'practitioners', label: 'Practitioners who attended', type: 'checkboxes', apiField: 'attendees.practitioners',
      hint: 'Your team and the case’s team are listed. To add someone from another team or service, find them by name or team',
      options: staff.options, filter: { label: 'Find a practitioner', noun: ['practitioner', 'practitioners'], pinned: staff.pinned },
    },
    { name: 'summary', label: 'Summary', type: 'textarea', rows: 8, hint: 'What happened, what was agreed, how the child is' },
  ];
}

// A contact's values as the API takes them, from the form's values v.
function contactBody(v) {
  return {
    // A date left out is missing ("Enter the date…"), not one that is not real.
    contact_date: v.contact_date || undefined, contact_type: v.contact_type || undefined,
    contact_time: v.contact_time || undefined, duration_minutes: whole(v.duration_minutes),
    location: v.location || undefined, outcome: v.outcome || undefined,
    child_seen: yesNo(v.child_seen), seen_alone: yesNo(v.seen_alone),
    joint: v.joint, significant: v.significant, summary: v.summary,
    attendees: { people: v.people.map(Number), practitioners: v.practitioners.map(Number) },
  };
}

export async function contactRecord(ctx) {
  const caseId = Number(ctx.params[0]);
  const c = await api.get(`/cases/${caseId}`);
  const [person, users] = await Promise.all([loadPerson(ctx, c.person_id), casePractitioners(caseId)]);
  if (!person || ctx.stale()) return;
  const access = accessFor(c.person_id);
  const title = `Record a contact with ${personName(person)}`;
  setTitle(title);
  const summary = h('div');
  const staff = attendeeStaff(users, ctx.user);
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save contact',
    values: { contact_date: today(), task_owner: ctx.user.id, practitioners: [String(ctx.user.id)] },
    fields: [
      ...contactFields(person, staff),
      { section: 'Follow-up task (optional)' },
      { name: 'task_title', label: 'Task', apiField: 'tasks[0].title', width: 30 },
      { name: 'task_due', label: 'Due date', type: 'date', example: 'future', apiField: 'tasks[0].due_date' },
      { name: 'task_owner', label: 'Who will do it', type: 'select', apiField: 'tasks[0].owner_id', options: staff.options },
    ],
    onSubmit: async (v) => {
      const body = { case_id: caseId, ...contactBody(v), tasks: [] };
      if (v.task_title || v.task_due) {
        body.tasks.push({ title: v.task_title, due_date: v.task_due || undefined, owner_id: v.task_owner ? Number(v.task_owner) : undefined });
      }
      await api.post('/contacts', body, access);
      setFlash(body.tasks.length ? 'The contact and its task have been recorded.' : 'The contact has been recorded.');
      ctx.go(`/cases/${caseId}`);
    },
  });
  mount(ctx.root, backLink(`#/cases/${caseId}`),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, `${humanise(c.service_name || c.service_code)} – ${c.team_name}`),
      form.el, p(link('Cancel', `#/cases/${caseId}`)))));
}

// #/cases/N/tasks/new: a task on the case for anyone who works with the
// child, in any service; it is held by its owner's team.
export async function taskAdd(ctx) {
  const caseId = Number(ctx.params[0]);
  const c = await api.get(`/cases/${caseId}`);
  const users = await casePractitioners(caseId);
  if (ctx.stale()) return;
  const access = accessFor(c.person_id);
  const name = personName(c);
  const title = `Add a task on ${name}’s case`;
  setTitle(title);
  const summary = h('div');
  const back = `#/cases/${caseId}`;
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save task',
    values: { owner_id: ctx.user.id },
    fields: [
      { name: 'title', label: 'Task', width: 30, hint: 'What needs doing, in a line' },
      { name: 'due_date', label: 'Due date', type: 'date', example: 'future' },
      { name: 'owner_id', label: 'Who will do it', type: 'select', options: practitionerOptions(users), hint: 'Anyone who works with the child, in any service' },
      { name: 'details', label: 'Details (optional)', errorLabel: 'Details', type: 'textarea', rows: 4 },
    ],
    onSubmit: async () => {
      const b = form.body();
      if (b.owner_id) b.owner_id = Number(b.owner_id);
      await api.post('/tasks', { case_id: caseId, ...b }, access);
      setFlash('The task has been added.');
      ctx.go(`/cases/${caseId}`);
    },
  });
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, `${humanise(c.service_name || c.service_code)} – ${c.team_name}`),
      form.el, p(link('Cancel', back)))));
}

const yesNoValue = (b) => (b === true ? 'true' : b === false ? 'false' : '');

// A contact and its case, for the pages that correct it.
async function loadContact(ctx) {
  const id = Number(ctx.params[0]);
  const x = await api.get(`/contacts/${id}`);
  const c = await api.get(`/cases/${x.case_id}`);
  return { id, x, c, access: accessFor(c.person_id) };
}

// #/contacts/N/edit: correct a contact recorded wrongly (the date, who
// attended, the summary...). The version read goes with the change: a
// contact someone else changed meanwhile is not overwritten (409).
export async function contactChange(ctx) {
  const { id, x, c, access } = await loadContact(ctx);
  const [person, users] = await Promise.all([loadPerson(ctx, c.person_id), casePractitioners(c.id)]);
  if (!person || ctx.stale()) return;
  const back = `#/cases/${c.id}`;
  const title = `Change the contact on ${formatDate(x.contact_date)}`;
  setTitle(title);
  const summary = h('div');
  const staff = attendeeStaff(users, ctx.user);
  const ids = (list) => (list || []).map((a) => String(a.id ?? a.person_id ?? a.user_id));
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes',
    values: {
      ...x, duration_minutes: x.duration_minutes ?? '', child_seen: yesNoValue(x.child_seen), seen_alone: yesNoValue(x.seen_alone),
      people: ids(x.attendees && x.attendees.people), practitioners: ids(x.attendees && x.attendees.practitioners),
    },
    fields: contactFields(person, staff),
    onSubmit: async (v) => {
      try {
        await api.patch(`/contacts/${id}`, { version: x.version, ...contactBody(v) }, access);
      } catch (err) {
        throw explainConflict(err);
      }
      setFlash('The contact has been changed.');
      ctx.go(`/cases/${c.id}`);
    },
  });
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, `${personName(person)} – ${humanise(c.service_name || c.service_code)}`),
      form.el, p(link('Cancel', back)))));
}

// #/contacts/N/close: mark a contact entered in error, with a reason. It
// is kept, with its history, and leaves the case's list and chronology.
export async function contactClose(ctx) {
  const { id, x, c, access } = await loadContact(ctx);
  if (ctx.stale()) return;
  const back = `#/cases/${c.id}`;
  // Marking it entered in error cancels its open follow-up tasks (docs/youth-justice-model.md).
  const followUps = (x.tasks || []).filter((t) => t.status === 'open').length;
  reasonPage(ctx, {
    title: `Mark the contact on ${formatDate(x.contact_date)} as entered in error`,
    caption: `${personName(c)} – ${humanise(c.service_name || c.service_code)}`,
    back, submitText: 'Mark as entered in error',
    rows: [['Date', formatDate(x.contact_date)], ['Type', vocab.label('contact_types', x.contact_type)], ['Summary', x.summary]],
    warn: 'The contact will be kept, with its history, but no longer shown on the case or in the chronology.'
      + (followUps ? ` ${followUps === 1 ? 'Its follow-up task that is not done' : `Its ${followUps} follow-up tasks that are not done`} will be cancelled.` : ''),
    reasonLabel: 'What was wrong with it?', reasonHint: 'For example, it was recorded on the wrong child’s case',
    missing: 'Enter what was wrong with the contact to mark it as entered in error',
    closedText: x.closed_at ? `This contact was marked as entered in error on ${formatDate(x.closed_at)}.` : null,
    reasonOf: (v) => (v.reason ? `Entered in error: ${v.reason}` : v.reason),
    send: async (reason) => {
      await api.post(`/contacts/${id}/close`, { version: x.version, reason }, access);
      setFlash('The contact has been marked as entered in error.');
      ctx.go(`/cases/${c.id}`);
    },
  });
}
