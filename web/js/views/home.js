// home.js - my caseload (open cases and tasks due) and my tasks (mine,
// open or otherwise, and my team's overdue ones), each list a page at a
// time.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, heading, p, link, table, tag, setTitle, formatDate, personName, buttonLink, actions, takeFlash,
} from '../ui.js';
import { Form } from '../form.js';
import { section, taskTable, doneAndReload, undoAndReload, fetchPage, pager } from './common.js';
import { missesSection } from './parenting.js';
import { caseloadTable } from './team.js';

// Open cases (from /cases) as a plain table captioned caption.
function casesTable(items, caption) {
  return table({
    caption,
    head: ['Person', 'Date of birth', 'Service', 'Team', 'Started', 'Status', 'Family'],
    rows: items.map((c) => [
      link(personName(c), `#/people/${c.person_id}`),
      formatDate((c.child || c).date_of_birth),
      c.service_name || c.service_code,
      c.team_name,
      link(formatDate(c.start_date), `#/cases/${c.id}`),
      tag(c.status),
      // The family the case is worked with: its page and plan.
      c.family_id ? link(['Family', h('span', { class: 'govuk-visually-hidden' }, ` of ${personName(c)}`)], `#/families/${c.family_id}`) : '',
    ]),
  });
}

export async function caseload(ctx) {
  setTitle('My caseload');
  const [cases, tasks, misses] = await Promise.all([
    // A practitioner in a team: their cases at a glance (order, risk
    // levels, alerts, next due, last seen), from the team's caseload; the
    // cases they hold in another team (kept after a move, a secondment)
    // below it, from their own cases.
    ctx.user.team_id ? section(async () => {
      const [r, elsewhere] = await Promise.all([
        fetchPage(ctx, 'cases', `/teams/${ctx.user.team_id}/caseload`, { worker_id: ctx.user.id }),
        api.get('/cases?mine=1&status=open&limit=100'),
      ]);
      const others = (elsewhere.items || []).filter((c) => c.team_id !== ctx.user.team_id);
      const out = [];
      if (r.items.length || r.offset) out.push(caseloadTable(ctx, r.items, 'My open cases', { showWorker: false, allocate: false }), pager(ctx, 'cases', r, 'cases'));
      if (others.length) out.push(casesTable(others, 'My open cases in other teams'));
      if (!out.length) return [h('h2', { class: 'govuk-heading-m' }, 'My open cases'), p('You have no open cases.')];
      return out;
    }) : section(async () => {
      const r = await fetchPage(ctx, 'cases', '/cases', { mine: 1, status: 'open' });
      if (!r.items.length && !r.offset) return [h('h2', { class: 'govuk-heading-m' }, 'My open cases'), p('You have no open cases.')];
      return [casesTable(r.items, 'My open cases'), pager(ctx, 'cases', r, 'cases')];
    }),
    section(async () => {
      const r = await fetchPage(ctx, 'tasks', '/tasks', { mine: 1, status: 'open' });
      return [taskTable({ caption: 'My tasks due', items: r.items }), pager(ctx, 'tasks', r, 'tasks')];
    }),
    ctx.user.role === 'manager' ? missesSection() : null,
  ]);
  if (ctx.stale()) return;
  mount(ctx.root, ...heading('My caseload', ctx.user.full_name),
    actions(buttonLink('Find a person', '#/search', true), buttonLink('Add a person', '#/people/new', true)),
    h('div', {}, cases), h('div', {}, tasks), misses ? h('div', {}, misses) : null);
}

// The API's task statuses (vocab.js), and all of them.
const taskStatuses = () => [...vocab.options('task_statuses'), ['all', 'All']];

export async function myTasks(ctx) {
  setTitle('My tasks');
  const status = taskStatuses().some(([k]) => k === ctx.query.get('status')) ? ctx.query.get('status') : 'open';
  const reload = () => myTasks(ctx);
  const [mine, team] = await Promise.all([
    section(async () => {
      const r = await fetchPage(ctx, 'mine', '/tasks', { mine: 1, status: status === 'all' ? '' : status });
      return [taskTable({ caption: 'My tasks', items: r.items, onDone: (t) => doneAndReload(ctx, t, reload), onUndo: (t) => undoAndReload(ctx, t, reload) }),
        pager(ctx, 'mine', r, 'my tasks')];
    }),
    ctx.user.team_id ? section(async () => {
      const r = await fetchPage(ctx, 'team', '/tasks', { team: 1, overdue: 1 });
      return [taskTable({ caption: "My team's overdue tasks", items: r.items, showOwner: true }),
        pager(ctx, 'team', r, "my team's overdue tasks")];
    }) : null,
  ]);
  if (ctx.stale()) return;
  const filter = new Form({
    title: 'My tasks', summarySlot: h('div'), submitText: 'Show tasks', values: { status },
    fields: [{ name: 'status', label: 'Which of my tasks to show', type: 'radios', inline: true, options: taskStatuses() }],
    onSubmit: async (v) => ctx.go('/tasks' + api.qs({ status: v.status === 'open' ? '' : v.status })),
  });
  filter.button.classList.add('govuk-button--secondary');
  mount(ctx.root, takeFlash(), ...heading('My tasks'),
    filter.el,
    h('div', {}, mine), team ? h('div', {}, team) : null);
}
