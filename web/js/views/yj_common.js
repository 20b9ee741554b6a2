// yj_common.js - what the youth justice screens share: the national
// vocabularies with the words the screens use for them, "yes / no / not
// known" answers (null means not recorded), what is due on an
// intervention as GOV.UK tags, and the page frame of a youth justice form.
// The values are the API's (docs/youth-justice-model.md); not for layout.
import * as api from '../api.js';
import { mount, h, heading, p, link, backLink, tag, formatDate, humanise, today, ukDate } from '../ui.js';

export const OFFENCE_CATEGORIES = [
  ['violence_against_person', 'Violence against the person'],
  ['robbery', 'Robbery'],
  ['drugs', 'Drugs'],
  ['theft', 'Theft and handling'],
  ['criminal_damage', 'Criminal damage'],
  ['motoring', 'Motoring'],
  ['sexual', 'Sexual offences'],
  ['public_order', 'Public order'],
  ['breach', 'Breach of an order, bail or licence'],
  ['other', 'Other'],
];

// The outcome vocabulary with each outcome's kind (pre-court, court,
// custody), as the API derives it.
export const OUTCOME_TYPES = [
  ['prevention', 'Prevention programme', 'pre_court'],
  ['diversion', 'Diversion (including police no further action with YJS diversion)', 'pre_court'],
  ['community_resolution', 'Community resolution (Enhanced when the YJS works with the child)', 'pre_court'],
  ['outcome_22', 'Outcome 22 (deferred prosecution)', 'pre_court'],
  ['youth_caution', 'Youth caution', 'pre_court'],
  ['youth_conditional_caution', 'Youth conditional caution', 'pre_court'],
  ['referral_order', 'Referral order', 'court'],
  ['youth_rehabilitation_order', 'Youth rehabilitation order', 'court'],
  ['reparation_order', 'Reparation order', 'court'],
  ['fine', 'Fine', 'court'],
  ['discharge', 'Discharge (absolute or conditional)', 'court'],
  ['other_court', 'Other court outcome (for example compensation)', 'court'],
  ['parenting_order', 'Parenting order', 'court'],
  ['remand_local_authority', 'Remand to local authority accommodation', 'court'],
  ['remand_youth_detention', 'Remand to youth detention accommodation', 'custody'],
  ['detention_training_order', 'Detention and training order', 'custody'],
  ['custodial_sentence', 'Other custodial sentence (s250, s259)', 'custody'],
];

export const KINDS = { pre_court: 'Pre-court', court: 'Court', custody: 'Custody' };
const KIND_COLOURS = { pre_court: 'turquoise', court: 'blue', custody: 'purple' };

export const END_REASONS = [
  ['completed', 'Completed'],
  ['breached', 'Breached'],
  ['revoked', 'Revoked'],
  ['transferred_out', 'Transferred out to another youth justice service'],
  ['other', 'Other (for example remand ended by bail, sentence or acquittal)'],
];

export const YRO_REQUIREMENTS = [
  ['supervision', 'Supervision'], ['activity', 'Activity'], ['programme', 'Programme'],
  ['unpaid_work', 'Unpaid work'], ['curfew', 'Curfew'], ['exclusion', 'Exclusion'], ['residence', 'Residence'],
  ['local_authority_residence', 'Local authority residence'], ['mental_health_treatment', 'Mental health treatment'],
  ['drug_treatment', 'Drug treatment'], ['drug_testing', 'Drug testing'],
  ['intoxicating_substance_treatment', 'Intoxicating substance treatment'], ['education', 'Education'],
  ['attendance_centre', 'Attendance centre'], ['prohibited_activity', 'Prohibited activity'],
  ['electronic_monitoring', 'Electronic monitoring'],
  ['intensive_supervision_surveillance', 'Intensive supervision and surveillance'],
  ['intensive_fostering', 'Intensive fostering'], ['fostering', 'Fostering'],
];

export const STAGES = [['start', 'Start'], ['review', 'Review'], ['end', 'End'], ['release', 'Release from custody']];
export const LEVELS = [['low', 'Low'], ['medium', 'Medium'], ['high', 'High'], ['very_high', 'Very high']];
export const INTERVENTION_LEVELS = [['standard', 'Standard'], ['enhanced', 'Enhanced'], ['intensive', 'Intensive']];
export const ASSESSMENT_TYPES = [['assetplus', 'AssetPlus'], ['prevention_diversion', 'Prevention and diversion']];
export const KPI_POINTS = [['start', 'Start of the intervention'], ['end', 'End of the intervention'], ['release', 'Release from custody']];

export const ACCOMMODATION = [
  ['with_parents', 'With parents'], ['with_family_or_friends', 'With other family or friends'],
  ['foster_care', 'Foster care'], ['residential_home', 'Residential children’s home'],
  ['supported_accommodation', 'Supported accommodation'], ['independent', 'Independent living'],
  ['secure_estate', 'Secure estate'], ['temporary', 'Temporary accommodation'],
  ['no_fixed_abode', 'No fixed abode'], ['other', 'Other'],
];
export const ETE_PROVISION = [
  ['mainstream_school', 'Mainstream school'], ['alternative_provision', 'Alternative provision'],
  ['special_school', 'Special school'], ['home_education', 'Home education'], ['college', 'College'],
  ['training', 'Training'], ['apprenticeship', 'Apprenticeship'], ['employment', 'Employment'],
  ['none', 'None'], ['other', 'Other'],
];
export const LEARNING_PLANS = [['none', 'None'], ['sen_support', 'SEN support'], ['ehcp', 'Education, health and care plan (EHCP)']];

export const AGENCIES = [
  ['childrens_social_care', 'Children’s social care', true], ['police', 'Police', true],
  ['probation', 'Probation', true], ['health', 'Health', true], ['education', 'Education', true],
  ['youth_justice', 'Youth justice service'], ['public_health', 'Public health'], ['early_help', 'Early help'],
  ['housing', 'Housing'], ['courts', 'Courts'], ['pcc', 'Police and crime commissioner'],
  ['voluntary_sector', 'Voluntary sector'], ['other', 'Other'],
];

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

export const outcomeLabel = (t) => label(OUTCOME_TYPES, t);
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
    options: [['true', 'Yes'], ['false', 'No'], ['', 'Not known']],
  };
}

// triValue("true") -> true; "" -> null.
export function triValue(v) {
  if (v === 'true') return true;
  if (v === 'false') return false;
  return null;
}

// triInitial(rec, names): rec's booleans as the radios' values.
export function triInitial(rec, names) {
  const out = {};
  for (const n of names) out[n] = rec[n] === true ? 'true' : rec[n] === false ? 'false' : '';
  return out;
}

// dueTag(item): overdue (red), due within 14 days (yellow) or due (blue).
export function dueTag(item) {
  if (item.overdue) return tag('Overdue', 'red');
  const soon = ukDate(Date.now() + 14 * 86400e3);
  return item.due_date <= soon ? tag('Due soon', 'yellow') : tag('Due', 'blue');
}

// dueList(items): what is due, soonest first, one line each.
export function dueList(items) {
  if (!items || !items.length) return h('span', {}, 'Nothing due');
  return h('ul', { class: 'govuk-list spire-due-list' }, items.map((d) => h('li', {},
    dueTag(d), ' ', h('span', {}, `${dueLabel(d.what)}: `), h('span', { class: 'spire-nowrap' }, formatDate(d.due_date)))));
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
