// assessments.js - assessment results: an AssetPlus assessment's stage,
// date and the practitioner's judgements (Spire records them, it does not
// reimplement AssetPlus), and the prevention and diversion assessment,
// which is a form in Spire. Record, read, change, close.
import * as api from '../api.js';
import {
  mount, h, heading, link, setTitle, formatDate, personName, summaryList, backLink, buttonLink, actions, tag, p,
  takeFlash, setFlash,
} from '../ui.js';
import { Form } from '../form.js';
import { explainConflict } from './common.js';
import { yjClose } from './offences.js';
import {
  ASSESSMENT_TYPES, STAGES, LEVELS, INTERVENTION_LEVELS, label, formPage, changedBody, newBody, interventionOptions,
  today, outcomeLabel, dueLabel,
} from './yj_common.js';

// The due item (yj_due.c) an assessment at each stage clears.
const CLEARS = { start: 'start_assessment', review: 'review', release: 'release_assessment', end: 'end_assessment' };
const STAGE_OF = Object.fromEntries(Object.entries(CLEARS).map(([stage, what]) => [what, stage]));

// The assessment items due on intervention o.
const assessmentsDue = (o) => (o.due || []).filter((d) => STAGE_OF[d.what]);

// What saving an assessment at stage for intervention o (or none) clears,
// in words.
function clearsText(o, stage) {
  if (!o) return 'It is not for an intervention, so it will not clear anything due.';
  const item = stage && (o.due || []).find((d) => d.what === CLEARS[stage]);
  const which = `the ${outcomeLabel(o.outcome_type)} from ${formatDate(o.start_date)}`;
  if (!stage) return `Choose the stage: it says which item due on ${which} the assessment clears.`;
  return item ? `It will clear: ${dueLabel(item.what)}, due ${formatDate(item.due_date)}, on ${which}.`
    : `Nothing due on ${which} is cleared by an assessment at this stage.`;
}

// The prevention and diversion assessment's sections come from its form
// definition (forms/prevention-diversion.json, docs/forms.md): [linkId,
// question] for each question, in the form's order.
async function pdForm() {
  const def = await api.get('/forms/definition' + api.qs({ id: 'prevention-diversion' }));
  const out = [];
  const walk = (items) => {
    for (const it of items || []) {
      if (it.item) walk(it.item);
      else if (it.type !== 'display') out.push([it.linkId, it.text]);
    }
  };
  walk(def.item);
  return out;
}

function assessmentFields(type, outcomes, pd) {
  const assetplus = type === 'assetplus';
  const judgement = (name, text) => ({ name, label: assetplus ? text : `${text} (optional)`, errorLabel: text, type: 'radios', inline: true, options: LEVELS });
  return [
    { name: 'outcome_id', label: 'Intervention (optional)', errorLabel: 'Intervention', type: 'select', options: outcomes, placeholder: 'None', hint: 'The intervention the assessment belongs to' },
    { name: 'stage', label: 'Stage', type: 'radios', inline: true, options: STAGES },
    { name: 'assessment_date', label: 'Date completed', errorLabel: 'Date completed', type: 'date', hint: 'When the assessment was signed off' },
    ...(assetplus ? [{ section: 'The practitioner’s judgements' }] : []),
    judgement('likelihood_of_reoffending', 'Likelihood of reoffending'),
    judgement('risk_of_serious_harm', 'Risk of serious harm'),
    judgement('safety_wellbeing', 'Safety and wellbeing'),
    { name: 'intervention_level', label: 'Intervention level (optional)', errorLabel: 'Intervention level', type: 'radios', inline: true, options: INTERVENTION_LEVELS },
    ...(assetplus ? [] : [{ section: 'The assessment' },
      ...pd.map(([name, text]) => ({ name, label: text, type: 'textarea', rows: 4 }))]),
  ];
}

function assessmentValues(v) {
  return { ...v, outcome_id: v.outcome_id ? Number(v.outcome_id) : '' };
}

// #/cases/ID/assessments/new?type=assetplus|prevention_diversion[&outcome_id=N]
// The intervention is chosen for the practitioner when exactly one is due
// an assessment (and the stage of the soonest assessment due on it); with
// several due, one must be chosen (or why none said:
// the API refuses otherwise), and the page says which due item the
// assessment will clear.
export async function assessmentRecord(ctx) {
  const caseId = Number(ctx.params[0]);
  const type = ctx.query.get('type') === 'prevention_diversion' ? 'prevention_diversion' : 'assetplus';
  const [c, list, pd] = await Promise.all([api.get(`/cases/${caseId}`),
    api.get('/outcomes' + api.qs({ case_id: caseId, limit: 100 })),
    type === 'prevention_diversion' ? pdForm() : []]);
  if (ctx.stale()) return;
  const running = list.items.filter((o) => o.start_date);
  const outcomes = running.map((o) => [o.id, `${outcomeLabel(o.outcome_type)} from ${formatDate(o.start_date)}`]);
  // AssetPlus only: a prevention and diversion assessment is seldom an
  // intervention's (the API asks only AssetPlus to choose).
  const due = type === 'assetplus' ? running.filter((o) => assessmentsDue(o).length) : [];
  const only = due.length === 1 ? due[0] : null;
  const outcomeId = ctx.query.get('outcome_id') || (only ? String(only.id) : '');
  const chosen = running.find((o) => String(o.id) === String(outcomeId));
  const stageDue = chosen ? assessmentsDue(chosen) : [];
  const title = `Record ${type === 'assetplus' ? 'an AssetPlus' : 'a prevention and diversion'} assessment`;
  setTitle(title);
  const summary = h('div');
  const back = ctx.query.get('outcome_id') ? `#/outcomes/${outcomeId}` : `#/cases/${caseId}`;
  const fields = assessmentFields(type, outcomes, pd);
  if (due.length >= 2) {
    fields[0] = { ...fields[0], label: 'Intervention', hint: `${due.length} interventions on this case are due an assessment. Choose the one this assessment is for.` };
    fields.splice(1, 0, { name: 'no_intervention_reason', label: 'If it is for none of them, say why (optional)', errorLabel: 'Why it is for no intervention', type: 'textarea', rows: 2 });
  }
  const clears = h('div', { class: 'govuk-inset-text', id: 'assessment-clears', 'aria-live': 'polite' });
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save assessment',
    // The stage a due item's link names (yj_common.js dueHref), else the
    // soonest assessment due on the intervention.
    values: {
      outcome_id: outcomeId, assessment_date: today(),
      stage: CLEARS[ctx.query.get('stage')] ? ctx.query.get('stage') : stageDue.length ? STAGE_OF[stageDue[0].what] : '',
    },
    fields,
    onSubmit: async (v) => {
      const rec = await api.post('/assessments', { case_id: caseId, assessment_type: type, ...newBody(assessmentValues(v)) });
      setFlash('The assessment has been recorded.');
      ctx.go(rec.outcome_id ? `/outcomes/${rec.outcome_id}` : `/assessments/${rec.id}`);
    },
  });
  const showClears = () => {
    const v = form.values();
    clears.textContent = clearsText(running.find((o) => String(o.id) === String(v.outcome_id)), v.stage);
  };
  form.el.addEventListener('change', showClears);
  showClears();
  formPage(ctx, {
    title, caption: personName(c), back, summary, form,
    intro: [type === 'assetplus' ? p('Record the results of the AssetPlus assessment as signed off.') : null,
      due.length ? p(`Due on this case: ${due.map((o) => assessmentsDue(o).map((d) => `${dueLabel(d.what)} on the ${outcomeLabel(o.outcome_type)} from ${formatDate(o.start_date)}`).join('; ')).join('; ')}.`) : null,
      clears],
  });
}

export async function assessmentEdit(ctx) {
  const id = ctx.params[0];
  const a = await api.get(`/assessments/${id}`);
  const [outcomes, pd] = await Promise.all([interventionOptions(a.case_id, {}),
    a.assessment_type === 'prevention_diversion' ? pdForm() : []]);
  if (ctx.stale()) return;
  const title = `Change the ${label(ASSESSMENT_TYPES, a.assessment_type)} assessment`;
  setTitle(title);
  const summary = h('div');
  const fields = assessmentFields(a.assessment_type, outcomes, pd);
  const initial = {};
  for (const f of fields) if (!f.section) initial[f.name] = a[f.name] === undefined ? null : a[f.name];
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes',
    values: { ...a, outcome_id: a.outcome_id ? String(a.outcome_id) : '' },
    fields,
    onSubmit: async (v) => {
      const body = changedBody(initial, assessmentValues(v));
      if (Object.keys(body).length) {
        try {
          await api.patch(`/assessments/${id}`, { version: a.version, ...body });
        } catch (err) {
          throw explainConflict(err);
        }
        setFlash('The assessment has been changed.');
      }
      ctx.go(`/assessments/${id}`);
    },
  });
  formPage(ctx, { title, back: `#/assessments/${id}`, summary, form });
}

export async function assessmentPage(ctx) {
  const id = ctx.params[0];
  const a = await api.get(`/assessments/${id}`);
  // The intervention by its name and start ("Referral order from 1 May
  // 2025"), not "View the intervention" (walker, session 23).
  const [c, pd, o] = await Promise.all([api.get(`/cases/${a.case_id}`),
    a.assessment_type === 'prevention_diversion' ? pdForm() : [],
    a.outcome_id ? api.get(`/outcomes/${a.outcome_id}`).catch(() => null) : null]);
  if (ctx.stale()) return;
  const name = personName(c);
  const title = `${label(ASSESSMENT_TYPES, a.assessment_type)} assessment (${label(STAGES, a.stage).toLowerCase()})`;
  setTitle(`${title} – ${name}`);
  const open = !a.closed_at && c.status !== 'closed';
  mount(ctx.root, backLink(a.outcome_id ? `#/outcomes/${a.outcome_id}` : `#/cases/${a.case_id}`), takeFlash(),
    ...heading(title, name),
    a.closed_at ? h('div', {}, tag('Closed'), p(`Closed on ${formatDate(a.closed_at)}: ${a.closed_reason || ''}`)) : null,
    summaryList([
      ['Child', link(name, `#/people/${a.person_id}`)],
      ['Intervention', a.outcome_id ? link(o && o.outcome_type
        ? `${outcomeLabel(o.outcome_type)}${o.start_date ? ` from ${formatDate(o.start_date)}` : ''}` : 'The intervention', `#/outcomes/${a.outcome_id}`) : null],
      a.no_intervention_reason ? ['Why it is for no intervention', a.no_intervention_reason] : null,
      ['Stage', label(STAGES, a.stage)],
      ['Date completed', formatDate(a.assessment_date)],
      ['Likelihood of reoffending', label(LEVELS, a.likelihood_of_reoffending)],
      ['Risk of serious harm', label(LEVELS, a.risk_of_serious_harm)],
      ['Safety and wellbeing', label(LEVELS, a.safety_wellbeing)],
      ['Intervention level', label(INTERVENTION_LEVELS, a.intervention_level)],
      ...pd.map(([k, t]) => [t, a[k]]),
      ['Recorded by', a.created_by_name],
    ]),
    open ? actions(buttonLink('Change the assessment', `#/assessments/${id}/edit`, true),
      buttonLink('Close as entered in error', `#/assessments/${id}/close`, true)) : null);
}

export async function assessmentClose(ctx) {
  const id = ctx.params[0];
  const a = await api.get(`/assessments/${id}`);
  if (ctx.stale()) return;
  yjClose(ctx, {
    title: 'Close the assessment', back: `#/assessments/${id}`, what: 'assessment',
    rows: [['Assessment', label(ASSESSMENT_TYPES, a.assessment_type)], ['Stage', label(STAGES, a.stage)], ['Date', formatDate(a.assessment_date)]],
    path: `/assessments/${id}`, rec: a, done: a.outcome_id ? `/outcomes/${a.outcome_id}` : `/cases/${a.case_id}`,
  });
}
