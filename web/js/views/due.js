// due.js - "Due and overdue": the interventions on my caseload (or my
// team's) with reviews, assessments, KPI data or transition plans due or
// overdue, soonest first, a page at a time; and the reports for court due
// on those cases (court work, docs/youth-justice-model.md section 11).
import * as api from '../api.js';
import { mount, h, heading, p, link, table, tag, setTitle, formatDate, personName } from '../ui.js';
import * as vocab from '../vocab.js';
import { Form } from '../form.js';
import { fetchPage, pager, section } from './common.js';
import { outcomeLabel, kindTag, dueList } from './yj_common.js';

const SCOPES = [['mine', 'My caseload'], ['team', 'My team']];
const WITHIN = [['14', 'The next 2 weeks'], ['28', 'The next 4 weeks'], ['91', 'The next 3 months'], ['366', 'The next year']];

export async function dueAndOverdue(ctx) {
  const title = 'Due and overdue';
  setTitle(title);
  const q = ctx.query;
  const scope = q.get('scope') === 'team' && ctx.user.team_id ? 'team' : 'mine';
  const within = WITHIN.some(([v]) => v === q.get('within')) ? q.get('within') : '28';
  const overdue = q.get('overdue') === 'true';
  const list = await section(async () => {
    const r = await fetchPage(ctx, 'offset', '/outcomes/due', { scope, within, overdue: overdue ? 'true' : '' });
    if (!r.items.length && !r.offset) return p(overdue ? 'Nothing is overdue.' : 'Nothing is due in this time.');
    return [table({
      caption: `${overdue ? 'Overdue' : 'Due and overdue'} on ${scope === 'team' ? 'my team’s' : 'my'} interventions`,
      head: ['Child', 'Intervention', 'Kind', 'Started', 'What is due'],
      rows: r.items.map((x) => [
        link(personName(x), `#/people/${x.person_id}`),
        link(outcomeLabel(x.outcome_type), `#/outcomes/${x.id}`),
        kindTag(x.kind),
        h('span', { class: 'spire-nowrap' }, formatDate(x.start_date)),
        dueList(x.due),
      ]),
    }), pager(ctx, 'offset', r, 'interventions')];
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
      { name: 'scope', label: 'Whose interventions', type: 'radios', inline: true, options: ctx.user.team_id ? SCOPES : SCOPES.slice(0, 1) },
      { name: 'within', label: 'Due within', type: 'select', options: WITHIN },
      { name: 'overdue', label: 'Only what is overdue', type: 'checkbox' },
    ],
    onSubmit: async (v) => ctx.go('/due' + api.qs({ scope: v.scope === 'mine' ? '' : v.scope, within: v.within === '28' ? '' : v.within, overdue: v.overdue ? 'true' : '' })),
  });
  filter.button.classList.add('govuk-button--secondary');
  mount(ctx.root, ...heading(title, 'Youth justice interventions'),
    p('Reviews, assessments, KPI data and transition plans due on open interventions, end-of-order work after they end, and reports for court not yet submitted.'),
    filter.el, h('div', {}, list),
    h('section', { 'aria-labelledby': 'court-reports-heading', class: 'govuk-!-margin-top-6' },
      h('h2', { class: 'govuk-heading-m', id: 'court-reports-heading' }, 'Reports for court'), reports));
}
