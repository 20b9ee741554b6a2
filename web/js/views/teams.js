// teams.js - the organisation for admins and managers: the six services
// and the teams inside each; admins add teams. Users are in users.js.
import * as api from '../api.js';
import {
  mount, h, heading, h2, p, link, table, tag, setTitle, formatDate, backLink, buttonLink, actions, setFlash, takeFlash,
} from '../ui.js';
import { Form } from '../form.js';

export async function teamsList(ctx) {
  const title = 'Teams and services';
  setTitle(title);
  const [services, teams] = await Promise.all([api.get('/services'), api.get('/teams')]);
  if (ctx.stale()) return;
  const isAdmin = ctx.user.role === 'admin';
  mount(ctx.root,
    takeFlash(),
    ...heading(title),
    p('Every user, case and task belongs to a team, and every team to one of the services.'),
    isAdmin ? actions(buttonLink('Add a team', '#/admin/teams/new')) : null,
    services.items.map((s) => {
      const list = teams.items.filter((t) => t.service_id === s.id);
      if (!list.length) return [h2(s.name), p('This service has no teams yet.')];
      return table({
        caption: s.name,
        head: ['Team', 'Status', 'Added'],
        rows: list.map((t) => [
          t.name,
          t.closed_at ? tag('Closed') : tag('Open'),
          formatDate((t.created_at || '').slice(0, 10)),
        ]),
      });
    }));
}

export async function teamAdd(ctx) {
  const title = 'Add a team';
  setTitle(title);
  const services = await api.get('/services');
  if (ctx.stale()) return;
  const summary = h('div');
  const back = '#/admin/teams';
  const form = new Form({
    title, summarySlot: summary, submitText: 'Add team',
    fields: [
      { name: 'service_id', label: 'Which service is the team in?', type: 'radios', legendSize: 'm', options: services.items.map((s) => [s.id, s.name]) },
      { name: 'name', label: 'Team name', width: 20, hint: 'For example, YJ East' },
    ],
    onSubmit: async (v) => {
      // Sent as it is, empty or not: the API names every missing answer at once.
      const t = await api.post('/teams', { service_id: v.service_id ? Number(v.service_id) : undefined, name: v.name });
      setFlash(`${t.name} has been added to ${t.service_name}.`);
      ctx.go('/admin/teams');
    },
  });
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title), form.el, p(link('Cancel', back)))));
}
