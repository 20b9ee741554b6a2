// kpi.js - the data behind the ten KPIs, measured on an intervention at
// its start, its end and on release from custody: accommodation,
// education/training/employment, SEND, the mental health and substance
// misuse funnels (need -> offered -> attending) and wider services. Every
// answer may be "not known" (null): the measures leave those out.
import * as api from '../api.js';
import {
  mount, h, heading, link, setTitle, formatDate, personName, summaryList, backLink, buttonLink, actions, tag, p, h2,
  takeFlash, setFlash,
} from '../ui.js';
import { Form } from '../form.js';
import { explainConflict } from './common.js';
import { yjClose } from './offences.js';
import {
  KPI_POINTS, ACCOMMODATION, ETE_PROVISION, LEARNING_PLANS, label, outcomeLabel, yesNo, triField, triValue, triInitial,
  formPage, changedBody, NOT_KNOWN,
} from './yj_common.js';

const BOOLS = [
  ['accommodation_suitable', 'Is the accommodation suitable?'],
  ['ete_suitable', 'Is the education, training or employment suitable?'],
  ['ete_attending', 'Is the child attending it?'],
  ['send_identified', 'Has a special educational need or disability been identified?'],
  ['mental_health_need', 'Mental health or emotional wellbeing need screened or identified?'],
  ['mental_health_offered', 'Mental health intervention planned or offered?'],
  ['mental_health_attending', 'Attending the mental health intervention?'],
  ['substance_misuse_need', 'Substance misuse need screened or identified?'],
  ['substance_misuse_offered', 'Specialist substance misuse treatment planned or offered?'],
  ['substance_misuse_attending', 'Attending substance misuse treatment?'],
  ['early_help', 'On an early help plan?'],
  ['child_in_need', 'On a child in need plan?'],
  ['child_protection', 'On a child protection plan?'],
  ['looked_after', 'Looked after?'],
];
const BOOL_NAMES = BOOLS.map(([n]) => n);
const SHORT = {
  accommodation_suitable: 'Suitable accommodation', ete_suitable: 'Suitable ETE', ete_attending: 'Attending ETE',
  send_identified: 'SEND identified', mental_health_need: 'Mental health need', mental_health_offered: 'Mental health intervention offered',
  mental_health_attending: 'Attending the mental health intervention', substance_misuse_need: 'Substance misuse need',
  substance_misuse_offered: 'Substance misuse treatment offered', substance_misuse_attending: 'Attending substance misuse treatment',
  early_help: 'Early help plan', child_in_need: 'Child in need plan', child_protection: 'Child protection plan', looked_after: 'Looked after',
  ete_hours_offered: 'Hours offered', ete_hours_attended: 'Hours attended',
};
const tri = (name) => ({ ...triField(name, BOOLS.find(([n]) => n === name)[1]), errorLabel: SHORT[name] });

// wordsFor(err): the API's field names inside a message, as words.
function wordsFor(err) {
  if (err && err.message) {
    err.message = err.message.replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (k) => (k === err.field ? k : (SHORT[k] ? SHORT[k].toLowerCase() : k)));
  }
  return err;
}

function kpiFields(points, dateHint) {
  return [
    { name: 'point', label: 'When was this measured?', errorLabel: 'Point', type: 'radios', options: points },
    { name: 'measured_on', label: 'Date the facts were true', errorLabel: 'Date measured', type: 'date', hint: dateHint },
    { section: 'Accommodation' },
    { name: 'accommodation', label: 'Type of accommodation', type: 'select', options: [...ACCOMMODATION, [NOT_KNOWN, 'Not known']], prompt: 'Select an answer' },
    tri('accommodation_suitable'),
    { section: 'Education, training and employment' },
    { name: 'ete_provision', label: 'Provision', type: 'select', options: [...ETE_PROVISION, [NOT_KNOWN, 'Not known']], prompt: 'Select an answer' },
    tri('ete_suitable'),
    tri('ete_attending'),
    { name: 'ete_hours_offered', label: 'Hours offered a week (optional)', errorLabel: 'Hours offered', type: 'number', width: 3, hint: 'From 0 to 60' },
    { name: 'ete_hours_attended', label: 'Hours attended a week (optional)', errorLabel: 'Hours attended', type: 'number', width: 3, hint: 'No more than the hours offered' },
    { section: 'Special educational needs and disabilities' },
    tri('send_identified'),
    { name: 'learning_plan', label: 'Formal learning plan in place', type: 'radios', options: [...LEARNING_PLANS, [NOT_KNOWN, 'Not known']] },
    { section: 'Mental health and emotional wellbeing' },
    tri('mental_health_need'), tri('mental_health_offered'), tri('mental_health_attending'),
    { section: 'Substance misuse' },
    tri('substance_misuse_need'), tri('substance_misuse_offered'), tri('substance_misuse_attending'),
    { section: 'Wider services' },
    tri('early_help'), tri('child_in_need'), tri('child_protection'), tri('looked_after'),
  ];
}

// The answers the API must be given on a new snapshot (FF_ANSWER): each one
// chosen, "Not known" included; nothing is chosen for the practitioner.
const ANSWERS = ['accommodation', 'ete_provision', 'learning_plan', ...BOOL_NAMES];
const CHOICES = ['accommodation', 'ete_provision', 'learning_plan'];

// kpiValues(v): the form's values as the API's: "Not known" -> null, an
// unanswered question left out (undefined) so the API names it.
function kpiValues(v) {
  const out = { ...v };
  for (const k of BOOL_NAMES) out[k] = triValue(v[k]);
  for (const k of CHOICES) out[k] = v[k] === NOT_KNOWN ? null : v[k] === '' || v[k] === undefined ? undefined : v[k];
  return out;
}

// answersOf(rec): a stored snapshot's answers as the form's ("Not known" for null).
function answersOf(rec) {
  const out = triInitial(rec, BOOL_NAMES);
  for (const k of CHOICES) out[k] = rec[k] === null || rec[k] === undefined ? NOT_KNOWN : rec[k];
  return out;
}

// dateHint(o): the intervention's dates, to help with the date (not filled in).
function dateHint(o) {
  const parts = [];
  if (o.start_date) parts.push(`started on ${formatDate(o.start_date)}`);
  if (o.release_date) parts.push(`release on ${formatDate(o.release_date)}`);
  if (o.end_date) parts.push(`ended on ${formatDate(o.end_date)}`);
  return parts.length ? `The intervention ${parts.join(', ')}` : undefined;
}

function pointsFor(o) {
  return KPI_POINTS.filter(([pt]) => pt !== 'release' || o.kind === 'custody');
}

// nextKpiPoints(o, snapshots): the points that may be recorded next on the
// intervention o, given its snapshots (open ones): the start first, then
// the release (custody) and the end, each once. The API refuses the others.
export function nextKpiPoints(o, snapshots) {
  const have = new Set(snapshots.filter((s) => String(s.outcome_id) === String(o.id) && !s.closed_at).map((s) => s.point));
  const points = pointsFor(o).filter(([pt]) => !have.has(pt));
  return have.has('start') ? points : points.filter(([pt]) => pt === 'start');
}

// #/outcomes/ID/kpi/new?point=start|end|release
export async function kpiRecord(ctx) {
  const outcomeId = Number(ctx.params[0]);
  const o = await api.get(`/outcomes/${outcomeId}`);
  const [c, snapshots] = await Promise.all([
    api.get(`/cases/${o.case_id}`), api.get('/kpi-snapshots' + api.qs({ case_id: o.case_id, limit: 200 })),
  ]);
  if (ctx.stale()) return;
  const title = 'Record KPI data';
  setTitle(title);
  const summary = h('div');
  // Only the points that may come next: never the start again.
  const next = nextKpiPoints(o, snapshots.items);
  if (!next.length) {
    formPage(ctx, {
      title, caption: `${outcomeLabel(o.outcome_type)} – ${personName(c)}`, back: `#/outcomes/${outcomeId}`, summary: h('div'),
      form: { el: p('KPI data has been recorded at every point of this intervention. Change a snapshot from the intervention’s page.') },
    });
    return;
  }
  const asked = ctx.query.get('point') || '';
  const point = next.some(([pt]) => pt === asked) ? asked : next.length === 1 ? next[0][0] : '';
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save KPI data',
    values: { point },
    fields: kpiFields(next, dateHint(o)),
    onSubmit: async (v) => {
      try {
        const body = Object.fromEntries(Object.entries(kpiValues(v)).filter(([, x]) => x !== '' && x !== undefined));
        await api.post('/kpi-snapshots', { outcome_id: outcomeId, ...body });
      } catch (err) {
        throw wordsFor(err);
      }
      setFlash('The KPI data has been recorded.');
      ctx.go(`/outcomes/${outcomeId}`);
    },
  });
  formPage(ctx, {
    title, caption: `${outcomeLabel(o.outcome_type)} – ${personName(c)}`, back: `#/outcomes/${outcomeId}`, summary, form,
    intro: p('Answer every question. Choose “Not known” when the fact has not been checked: it is left out of the measures rather than counted as “No”.'),
  });
}

export async function kpiEdit(ctx) {
  const id = ctx.params[0];
  const k = await api.get(`/kpi-snapshots/${id}`);
  const o = await api.get(`/outcomes/${k.outcome_id}`);
  if (ctx.stale()) return;
  const title = 'Change the KPI data';
  setTitle(title);
  const summary = h('div');
  const fields = kpiFields(pointsFor(o));
  const initial = {};
  for (const f of fields) if (!f.section) initial[f.name] = k[f.name] === undefined ? null : k[f.name];
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes',
    values: { ...k, ...answersOf(k) },
    fields,
    onSubmit: async (v) => {
      const body = changedBody(initial, kpiValues(v));
      if (Object.keys(body).length) {
        try {
          await api.patch(`/kpi-snapshots/${id}`, { version: k.version, ...body });
        } catch (err) {
          throw explainConflict(wordsFor(err));
        }
        setFlash('The KPI data has been changed.');
      }
      ctx.go(`/kpi-snapshots/${id}`);
    },
  });
  formPage(ctx, { title, caption: outcomeLabel(o.outcome_type), back: `#/kpi-snapshots/${id}`, summary, form });
}

export async function kpiPage(ctx) {
  const id = ctx.params[0];
  const k = await api.get(`/kpi-snapshots/${id}`);
  const [o, c] = await Promise.all([api.get(`/outcomes/${k.outcome_id}`), api.get(`/cases/${k.case_id}`)]);
  if (ctx.stale()) return;
  const name = personName(c);
  const title = `KPI data: ${label(KPI_POINTS, k.point).toLowerCase()}`;
  setTitle(`${title} – ${name}`);
  const open = !k.closed_at && c.status !== 'closed';
  const yn = (n) => yesNo(k[n]) || 'Not known';
  const group = (heading2, rows) => [h2(heading2), summaryList(rows)];
  mount(ctx.root, backLink(`#/outcomes/${k.outcome_id}`, 'Back to the intervention'), takeFlash(),
    ...heading(title, `${outcomeLabel(o.outcome_type)} – ${name}`),
    k.closed_at ? h('div', {}, tag('Closed'), p(`Closed on ${formatDate(k.closed_at)}: ${k.closed_reason || ''}`)) : null,
    summaryList([['Child', link(name, `#/people/${k.person_id}`)], ['Measured on', formatDate(k.measured_on)], ['Recorded by', k.created_by_name]]),
    open ? actions(buttonLink('Change the KPI data', `#/kpi-snapshots/${id}/edit`, true),
      buttonLink('Close as entered in error', `#/kpi-snapshots/${id}/close`, true)) : null,
    group('Accommodation', [['Type', label(ACCOMMODATION, k.accommodation) || 'Not known'], ['Suitable', yn('accommodation_suitable')]]),
    group('Education, training and employment', [
      ['Provision', label(ETE_PROVISION, k.ete_provision) || 'Not known'], ['Suitable', yn('ete_suitable')], ['Attending', yn('ete_attending')],
      ['Hours offered a week', k.ete_hours_offered ?? null], ['Hours attended a week', k.ete_hours_attended ?? null],
    ].map(([a, b]) => [a, b === null ? null : String(b)])),
    group('Special educational needs and disabilities', [['SEND identified', yn('send_identified')], ['Formal learning plan', label(LEARNING_PLANS, k.learning_plan) || 'Not known']]),
    group('Mental health and emotional wellbeing', [['Need screened or identified', yn('mental_health_need')], ['Intervention planned or offered', yn('mental_health_offered')], ['Attending', yn('mental_health_attending')]]),
    group('Substance misuse', [['Need screened or identified', yn('substance_misuse_need')], ['Treatment planned or offered', yn('substance_misuse_offered')], ['Attending', yn('substance_misuse_attending')]]),
    group('Wider services', [['Early help plan', yn('early_help')], ['Child in need plan', yn('child_in_need')], ['Child protection plan', yn('child_protection')], ['Looked after', yn('looked_after')]]));
}

export async function kpiClose(ctx) {
  const id = ctx.params[0];
  const k = await api.get(`/kpi-snapshots/${id}`);
  if (ctx.stale()) return;
  yjClose(ctx, {
    title: 'Close the KPI data', back: `#/kpi-snapshots/${id}`, what: 'KPI data',
    rows: [['Point', label(KPI_POINTS, k.point)], ['Measured on', formatDate(k.measured_on)]],
    path: `/kpi-snapshots/${id}`, rec: k, done: `/outcomes/${k.outcome_id}`,
  });
}
