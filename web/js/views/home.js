// home.js - my caseload (open cases and tasks due) and my tasks (mine and
// my team's overdue ones).
import * as api from '../api.js';
import { mount, h, heading, p, link, table, tag, setTitle, formatDate, personName, buttonLink, actions } from '../ui.js';
import { section, taskTable, markDone } from './common.js';

export async function caseload(ctx) {
  setTitle('My caseload');
  const [cases, tasks] = await Promise.all([
    section(async () => {
      const r = await api.get('/cases' + api.qs({ mine: 1, status: 'open', limit: 200 }));
      if (!r.items.length) return [h('h2', { class: 'govuk-heading-m' }, 'My open cases'), p('You have no open cases.')];
      return table({
        caption: 'My open cases',
        head: ['Child', 'Date of birth', 'Service', 'Team', 'Started', 'Status'],
        rows: r.items.map((c) => [
          link(personName(c), `#/people/${c.person_id}`),
          formatDate((c.child || c).date_of_birth),
          c.service_name || c.service_code,
          c.team_name,
          link(formatDate(c.start_date), `#/cases/${c.id}`),
          tag(c.status),
        ]),
      });
    }),
    section(async () => {
      const r = await api.get('/tasks' + api.qs({ mine: 1, limit: 200 }));
      const due = r.items.filter((t) => t.status === 'open');
      return taskTable({ caption: 'My tasks due', items: due });
    }),
  ]);
  if (ctx.stale()) return;
  mount(ctx.root, ...heading('My caseload', ctx.user.full_name),
    actions(buttonLink('Find a person', '#/search', true), buttonLink('Add a person', '#/people/new', true)),
    h('div', {}, cases), h('div', {}, tasks));
}

export async function myTasks(ctx) {
  setTitle('My tasks');
  const reload = () => myTasks(ctx);
  const done = async (t) => {
    try {
      await markDone(t);
    } finally {
      await reload();
    }
  };
  const [mine, team] = await Promise.all([
    section(async () => {
      const r = await api.get('/tasks' + api.qs({ mine: 1, limit: 200 }));
      return taskTable({ caption: 'My tasks', items: r.items, onDone: done });
    }),
    ctx.user.team_id ? section(async () => {
      const r = await api.get('/tasks' + api.qs({ team: 1, overdue: 1, limit: 200 }));
      return taskTable({ caption: "My team's overdue tasks", items: r.items, showOwner: true });
    }) : null,
  ]);
  if (ctx.stale()) return;
  mount(ctx.root, ...heading('My tasks'), h('div', {}, mine), team ? h('div', {}, team) : null);
}
