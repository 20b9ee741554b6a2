// my_family.js - a parent's own page (docs/parenting.md, "The parent's own
// page"), what a parent account lands on: their family, the family's plan
// in plain language (what the family wants to change, who will do what by
// when, the reviews), the Steps to Change chart with the family's own
// scores beside the practitioner's, and the next session of their
// support. Read-only, from GET /api/v1/my-family.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import { mount, h, h2, p, table, heading, setTitle, formatDate, personName, summaryList, inset } from '../ui.js';
import { ownerText } from './parenting_family_plan.js';
import { stepsChart, stepsTable } from './steps.js';

const label = (name, code) => (code ? vocab.label(name, code) : '');

function planSection(plan) {
  if (!plan) return [h2('Your family’s plan'), p('Your family does not have a plan yet. Your worker will write it with you.')];
  return [
    h2('Your family’s plan'),
    summaryList([
      ['What we want to change', plan.wants_to_change],
      plan.strengths ? ['What is going well', plan.strengths] : null,
      ['Agreed on', formatDate(plan.agreed_on)],
      plan.next_review_date ? ['Next looked at together', formatDate(plan.next_review_date)] : null,
    ].filter(Boolean)),
    plan.actions.length ? table({
      caption: 'Who will do what, and by when', captionClass: 'govuk-table__caption--s',
      head: ['Who', 'What', 'By when', 'Where it is'],
      rows: plan.actions.map((a) => [ownerText(a), a.action, a.due_date ? formatDate(a.due_date) : 'No date set',
        label('family_plan_action_statuses', a.status) || a.status]),
    }) : p('Nothing has been added to the plan yet.'),
    plan.reviews.length ? table({
      caption: 'When we looked at the plan together', captionClass: 'govuk-table__caption--s',
      head: ['Date', 'What the family said', 'What the worker said'],
      rows: plan.reviews.map((r) => [formatDate(r.review_date), r.family_words || '', r.practitioner_words || '']),
    }) : null,
  ];
}

function stepsSection(d) {
  if (!d || !d.scorings.length) return [h2('Steps to Change'), p('Your family has not been scored on Steps to Change yet.')];
  return [
    h2('Steps to Change'),
    p(`Your family’s own scores (“Family”) beside your worker’s (“Practitioner”), from ${formatDate(d.first.authored)} to ${formatDate(d.latest.authored)}.`),
    h('div', { class: 'spire-chart-box spire-steps-box' }, stepsChart(d)),
    stepsTable(d),
  ];
}

function nextSection(s) {
  return [h2('Your next session'), s
    ? summaryList([
      ['Date', formatDate(s.session_date)],
      ['What kind', label('parent_session_types', s.session_type)],
      s.topic ? ['About', label('parent_session_topics', s.topic)] : null,
      s.worker_name ? ['With', s.worker_name] : null,
    ].filter(Boolean))
    : p('No session is planned yet. Your worker will arrange the next one with you.')];
}

// #/ for a parent account.
export async function myFamily(ctx) {
  setTitle('Your family');
  let d;
  try {
    d = await api.get('/my-family');
  } catch (err) {
    if (err.status !== 403 && err.status !== 404) throw err;
    if (ctx.stale()) return;
    mount(ctx.root, ...heading('Your family'), p(err.message));
    return;
  }
  if (ctx.stale()) return;
  const me = d.members.find((m) => m.person_id === d.person_id);
  mount(ctx.root, ...heading(d.family.name || 'Your family', me ? personName(me) : null),
    inset('This page is for you to read. Talk to your worker if anything here is not right.'),
    h2('Who is in your family'),
    h('ul', { class: 'govuk-list govuk-list--bullet' },
      d.members.map((m) => h('li', {}, `${personName(m)}${m.relationship ? ` (${label('family_relationships', m.relationship) || m.relationship})` : ''}`))),
    ...nextSection(d.next_session),
    ...planSection(d.plan),
    ...stepsSection(d.steps_to_change));
}
