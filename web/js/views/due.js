// due.js - "Due and overdue": what is due in my work (or my team's) across
// every service, soonest first, a page at a time: youth justice
// interventions' reviews, assessments, KPI data and transition plans (each
// order type's own, none once an order has ended or its case is closed),
// tasks, family plan reviews and, for a parent worker, the parents'
// sessions and reviews (GET /api/v1/due, docs/team-week.md); and the reports
// for court due on those cases (court work, docs/youth-justice-model.md
// section 11).
import * as api from '../api.js';
import { mount, h, heading, p, link, table, tag, setTitle, formatDate, personName } from '../ui.js';
import * as vocab from '../vocab.js';
import { Form } from '../form.js';
import { fetchPage, pager, section } from './common.js';
import { dueTable, dueCounts } from './team.js';

const SCOPES = [['mine', 'My work'], ['team', 'My team']];
// "The next year" is the calendar year ahead (12 calendar months, "12m"),
// as the rest of Spire counts months, not 366 days.
const WITHIN = [['14', 'The next 2 weeks'], ['28', 'The next 4 weeks'], ['91', 'The next 13 weeks'], ['12m', 'The next year']];
const MAX_WITHIN = 366; /* GET /api/v1/due's most days (docs/team-week.md) */
const MAX_MONTHS = 12; /* and most calendar months ("12m") */
// A window's order among the choices: months after every number of days.
const windowOrder = (v) => (v.endsWith('m') ? 1000 + Number(v.slice(0, -1)) : Number(v));

export async function dueAndOverdue(ctx) {
  const title = 'Due and overdue';
  setTitle(title);
  const q = ctx.query;
  // A manager's work is the team's: their default; everyone else's is their own.
  const byDefault = ctx.user.role === 'manager' && ctx.user.team_id ? 'team' : 'mine';
  const askedScope = q.get('scope');
  const scope = askedScope === 'team' && ctx.user.team_id ? 'team' : askedScope === 'mine' ? 'mine' : byDefault;
  // Any window the API takes (0 to 366 days, or 1 to 12 calendar months
  // as "3m") is kept, and one outside the choices (a link to ?within=365)
  // is offered as a choice of its own, so that the select says what the
  // list shows.
  const asked = q.get('within') || '';
  const months = /^(\d{1,2})m$/.exec(asked);
  const within = /^\d{1,3}$/.test(asked) && Number(asked) <= MAX_WITHIN ? String(Number(asked))
    : months && Number(months[1]) >= 1 && Number(months[1]) <= MAX_MONTHS ? `${Number(months[1])}m` : '28';
  const label = (v) => (v === '0' ? 'Today' : v === '1' ? 'The next day' : v === '1m' ? 'The next month'
    : v.endsWith('m') ? `The next ${v.slice(0, -1)} months` : `The next ${v} days`);
  const windows = WITHIN.some(([v]) => v === within) ? WITHIN
    : [...WITHIN, [within, label(within)]].sort((a, b) => windowOrder(a[0]) - windowOrder(b[0]));
  const overdue = q.get('overdue') === 'true';
  const list = await section(async () => {
    const r = await fetchPage(ctx, 'offset', '/due', { scope, within, overdue: overdue ? 'true' : '' });
    if (!r.items.length && !r.offset) return p(overdue ? 'Nothing is overdue.' : 'Nothing is due in this time.');
    const counts = overdue ? `${r.overdue_total} overdue` : dueCounts(r);
    return [p(counts, 'govuk-body-l spire-due-counts'),
      dueTable(r.items, `${overdue ? 'Overdue' : 'Due and overdue'} in ${scope === 'team' ? 'my team’s' : 'my'} work`),
      pager(ctx, 'offset', r, 'items')];
  });
  const reports = await section(async () => {
    const r = await fetchPage(ctx, 'reports', '/court-reports/due', { scope, within, overdue: overdue ? 'true' : '' });
    if (!r.items.length && !r.offset) return p(overdue ? 'No report for court is overdue.' : 'No report for court is due in this time.');
    return [table({
      caption: `Reports for court ${overdue ? 'overdue' : 'due'} on ${scope === 'team' ? 'my team’s' : 'my'} cases`,
      captionClass: 'govuk-table__caption--s',
      head: ['Child', 'Report', 'Requested', 'Due', 'Written by'],
      rows: r.items.map((x) => [
        link(personName(x), `#/cases/${x.case_id}`),
        link(vocab.label('court_report_types', x.report_type), `#/r/court-reports/${x.id}`),
        h('span', { class: 'spire-nowrap' }, formatDate(x.requested_on)),
        h('span', {}, h('span', { class: 'spire-nowrap' }, formatDate(x.due_date)), x.overdue ? [' ', tag('Overdue', 'red')] : null),
        x.author_name || 'Not decided yet',
      ]),
    }), pager(ctx, 'reports', r, 'reports for court')];
  });
  if (ctx.stale()) return;
  const filter = new Form({
    title, summarySlot: h('div'), submitText: 'Show',
    values: { scope, within, overdue },
    fields: [
      { name: 'scope', label: 'Whose work', type: 'radios', inline: true, options: ctx.user.team_id ? SCOPES : SCOPES.slice(0, 1) },
      { name: 'within', label: 'Due within', type: 'select', options: windows },
      { name: 'overdue', label: 'Only what is overdue', type: 'checkbox' },
    ],
    onSubmit: async (v) => ctx.go('/due' + api.qs({ scope: v.scope === byDefault ? '' : v.scope, within: v.within === '28' ? '' : v.within, overdue: v.overdue ? 'true' : '' })),
  });
  filter.button.classList.add('govuk-button--secondary');
  mount(ctx.root, ...heading(title, 'Every service'),
    p('Reviews, assessments, KPI data and transition plans on running orders, tasks, family plan reviews, parenting sessions and reports for court not yet submitted. Nothing is due on an order that has ended or a case that is closed.'),
    filter.el, h('div', {}, list),
    h('section', { 'aria-labelledby': 'court-reports-heading', class: 'govuk-!-margin-top-6' },
      h('h2', { class: 'govuk-heading-m', id: 'court-reports-heading' }, 'Reports for court'), reports));
}
