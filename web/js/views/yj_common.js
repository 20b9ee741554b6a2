// yj_common.js - what the youth justice screens share: the national
// vocabularies (served by the API, see vocab.js), "yes / no / not
// known" answers (null means not recorded), what is due on an
// intervention as GOV.UK tags, and the page frame of a youth justice form.
// The values are the API's (docs/youth-justice-model.md); not for layout.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import { mount, h, heading, p, link, backLink, tag, formatDate, humanise, today, ukDate } from '../ui.js';

// The national vocabularies, from the API (vocab.js): [code, label, group]
// rows, filled before any view draws. An outcome type's group is its kind
// (pre-court, court or custody, as the API derives it); a board agency's
// is "statutory" for the board's five statutory partners.
export const OFFENCE_CATEGORIES = vocab.options('offence_categories');
export const OUTCOME_TYPES = vocab.options('outcome_types');
export const KINDS = vocab.labels('outcome_kinds');
const KIND_COLOURS = { pre_court: 'turquoise', court: 'blue', custody: 'purple' };
export const END_REASONS = vocab.options('end_reasons');
export const YRO_REQUIREMENTS = vocab.options('yro_requirements');
export const STAGES = vocab.options('assessment_stages');
export const LEVELS = vocab.options('levels');
export const INTERVENTION_LEVELS = vocab.options('intervention_levels');
export const ASSESSMENT_TYPES = vocab.options('assessment_types');
export const KPI_POINTS = vocab.options('kpi_points');
export const ACCOMMODATION = vocab.options('accommodation');
export const ETE_PROVISION = vocab.options('ete_provision');
export const LEARNING_PLANS = vocab.options('learning_plans');
export const AGENCIES = vocab.options('board_agencies');

const DUE_WHAT = {
  start_assessment: 'Start assessment', start_kpi: 'Start KPI data', review: 'Review',
  transition_plan: 'Transition plan', release_assessment: 'Release assessment', release_kpi: 'Release KPI data',
  end_assessment: 'End-of-order assessment', end_kpi: 'End KPI data',
};

// label(list, value): the words for a vocabulary value.
// recordsYouthJustice(user, c): may user record youth justice records on
// youth justice case c? Youth justice officers, and managers of the service
// (docs/access.md); the server refuses anyone else.
export function recordsYouthJustice(user, c) {
  return !!user && (user.role === 'yjs_officer' || (user.role === 'manager' && user.service_id === c.service_id));
}

export function label(list, v) {
  if (v === null || v === undefined || v === '') return '';
  const found = list.find((x) => x[0] === v);
  return found ? found[1] : humanise(v);
}

export const outcomeLabel = (t) => vocab.label('outcome_types', t);
export const dueLabel = (what) => DUE_WHAT[what] || humanise(what);

// kindTag(kind): pre-court, court or custody as a tag.
export function kindTag(kind) {
  return kind ? tag(KINDS[kind] || humanise(kind), KIND_COLOURS[kind]) : null;
}

// yesNo(v): "Yes", "No", or null (not recorded) for a nullable boolean.
export function yesNo(v) {
  if (v === true || v === 1) return 'Yes';
  if (v === false || v === 0) return 'No';
  return null;
}

// A field for a nullable boolean: Yes / No / Not known.
export function triField(name, labelText, hint) {
  return {
    name, label: labelText, hint, type: 'radios', inline: true,
    options: [['true', 'Yes'], ['false', 'No'], [NOT_KNOWN, 'Not known']],
  };
}

// The value of a "Not known" choice: an answer the practitioner chose, never
// preselected (GOV.UK radios start with nothing chosen).
export const NOT_KNOWN = 'unknown';

// triValue("true") -> true; "unknown" -> null (not known); "" -> undefined
// (not answered: left out of the body, so the API can say so).
export function triValue(v) {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === NOT_KNOWN) return null;
  return undefined;
}

// triInitial(rec, names): a stored record's booleans as the radios' values
// (null -> "Not known"). Not for a new record: nothing is chosen for it.
export function triInitial(rec, names) {
  const out = {};
  for (const n of names) out[n] = rec[n] === true ? 'true' : rec[n] === false ? 'false' : NOT_KNOWN;
  return out;
}

// dueTag(item): overdue (red), due today (orange: the UK date, as the API
// says in item.status), due within 14 days (yellow) or due (blue).
export function dueTag(item) {
  if (item.overdue || item.status === 'overdue') return tag('Overdue', 'red');
  if (item.status === 'today' || item.due_date === today()) return tag('Due today', 'orange');
  const soon = ukDate(Date.now() + 14 * 86400e3);
  return item.due_date <= soon ? tag('Due soon', 'yellow') : tag('Due', 'blue');
}

// dueHref(o, d): the form that clears due item d of intervention o: the
// assessment at its stage, the KPI data at its point, the intervention's
// own page for a transition plan (its date is on the intervention).
export function dueHref(o, d) {
  const stage = { start_assessment: 'start', review: 'review', release_assessment: 'release', end_assessment: 'end' }[d.what];
  if (stage) return `#/cases/${o.case_id}/assessments/new?type=assetplus&outcome_id=${o.id}&stage=${stage}`;
  const point = { start_kpi: 'start', end_kpi: 'end', release_kpi: 'release' }[d.what];
  if (point) return `#/outcomes/${o.id}/kpi/new?point=${point}`;
  if (d.what === 'transition_plan') return `#/outcomes/${o.id}/edit`;
  return null;
}

// dueList(items, o): what is due, soonest first, one line each; with the
// intervention o, each item links to the form that clears it.
export function dueList(items, o = null) {
  if (!items || !items.length) return h('span', {}, 'Nothing due');
  return h('ul', { class: 'govuk-list spire-due-list' }, items.map((d) => {
    const href = o ? dueHref(o, d) : null;
    const what = href ? h('a', { class: 'govuk-link', href }, dueLabel(d.what),
      h('span', { class: 'govuk-visually-hidden' }, ` on the ${outcomeLabel(o.outcome_type)} from ${formatDate(o.start_date)}`))
      : dueLabel(d.what);
    return h('li', {}, dueTag(d), ' ', h('span', {}, what, ': '), h('span', { class: 'spire-nowrap' }, formatDate(d.due_date)));
  }));
}

// changedBody(initial, now): the keys of now that differ from initial,
// with '' sent as null (a cleared answer).
export function changedBody(initial, now) {
  const out = {};
  for (const [k, v] of Object.entries(now)) {
    const was = initial[k] === undefined ? null : initial[k];
    const val = v === '' ? null : v;
    if (JSON.stringify(was) !== JSON.stringify(val)) out[k] = val;
  }
  return out;
}

// newBody(values): values without empty answers (null booleans stay out:
// not recorded).
export function newBody(values) {
  const out = {};
  for (const [k, v] of Object.entries(values)) if (v !== '' && v !== null && v !== undefined) out[k] = v;
  return out;
}

// formPage(ctx, {title, caption, back, summary, form, intro}): a form in
// the two-thirds column with Back and Cancel.
export function formPage(ctx, { title, caption, back, summary, form, intro }) {
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, caption), intro || null, form.el, p(link('Cancel', back)))));
}

// interventions(caseId, access): the case's open interventions (outcomes
// with a start date), as select options.
export async function interventionOptions(caseId, access) {
  const r = await api.get('/outcomes' + api.qs({ case_id: caseId, limit: 100 }), access);
  return r.items.filter((o) => o.start_date).map((o) => [o.id, `${outcomeLabel(o.outcome_type)} from ${formatDate(o.start_date)}`]);
}

export { today };
