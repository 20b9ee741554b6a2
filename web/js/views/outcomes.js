// outcomes.js - outcomes and interventions: record one with the national
// vocabulary and the offences it disposed of, its page (kind, dates, how it
// ended, YRO requirements, transfers, what is due and overdue, its
// assessments and KPI data), change it, close it (entered in error).
import * as api from '../api.js';
import {
  mount, h, heading, p, h2, link, table, setTitle, formatDate, personName, summaryList, backLink, buttonLink,
  actions, tag, takeFlash, setFlash, button, warning,
} from '../ui.js';
import { Form } from '../form.js';
import { explainConflict } from './common.js';
import { loadRecord, accessForRecord } from './access.js';
import { yjClose } from './offences.js';
import {
  OUTCOME_TYPES, KINDS, END_REASONS, YRO_REQUIREMENTS, STAGES, LEVELS, ASSESSMENT_TYPES, KPI_POINTS, label,
  outcomeLabel, kindTag, dueTag, dueLabel, dueHref, formPage, changedBody, newBody, yesNo, recordsYouthJustice,
} from './yj_common.js';
import { interventionText } from './yj_case.js';
import { nextKpiPoints } from './kpi.js';

function outcomeFields(offences) {
  return [
    { name: 'outcome_type', label: 'Outcome', type: 'select', options: OUTCOME_TYPES.map(([v, t, k]) => [v, `${t} – ${KINDS[k].toLowerCase()}`]), hint: 'Each outcome is pre-court, court or custody' },
    { name: 'outcome_date', label: 'Date the outcome was given', errorLabel: 'Date the outcome was given', type: 'date', hint: 'The caution given, the sentence passed or the decision made. For a transfer in, the original date' },
    { name: 'offence_ids', label: 'Offences it disposed of', type: 'checkboxes', options: offences, empty: 'No offences have been recorded on this case.' },
    { section: 'Intervention' },
    { name: 'start_date', label: 'Intervention start date (optional)', errorLabel: 'Intervention start date', type: 'date', hint: 'When the youth justice service started working with the child on it. Leave blank when the service does not work with the child, for example a police-only community resolution or a fine' },
    { name: 'planned_end_date', label: 'Planned end date (optional)', errorLabel: 'Planned end date', type: 'date', example: 'future' },
    { name: 'next_review_date', label: 'Next review date (optional)', errorLabel: 'Next review date', type: 'date', example: 'future', hint: 'Leave blank to review three months after the start or the last review' },
    { name: 'yro_requirements', label: 'Youth rehabilitation order requirements', type: 'checkboxes', options: YRO_REQUIREMENTS, hint: 'For a youth rehabilitation order only' },
    { name: 'release_date', label: 'Release date (custody only)', errorLabel: 'Release date', type: 'date', example: 'future', hint: 'Release from the secure estate: for a detention and training order, the end of the custodial half' },
    { name: 'transition_plan_date', label: 'Transition plan made on (optional)', errorLabel: 'Transition plan date', type: 'date' },
    { name: 'transferred_in', label: 'Transferred in from another youth justice service', type: 'checkbox', sendFalse: true },
    { name: 'transferred_from', label: 'Transferred in from (optional)', errorLabel: 'Transferred in from', width: 30 },
    { section: 'How it ended' },
    { name: 'end_date', label: 'Actual end date (optional)', errorLabel: 'Actual end date', type: 'date' },
    { name: 'end_reason', label: 'How it ended', type: 'radios', options: END_REASONS, hint: 'Only once it has ended' },
    { name: 'transferred_to', label: 'Transferred out to', width: 30, hint: 'The youth justice service it went to, when transferred out' },
    { name: 'notes', label: 'Notes (optional)', errorLabel: 'Notes', type: 'textarea', rows: 4 },
  ];
}

const LINKS = ['offence_ids'];

function outcomeValues(v) {
  const out = { ...v };
  out.offence_ids = (v.offence_ids || []).map(Number);
  return out;
}

async function offenceOptions(caseId) {
  const r = await api.get('/offences' + api.qs({ case_id: caseId, limit: 100 }));
  return r.items.map((o) => [o.id, `${o.description} (${formatDate(o.offence_date)})`]);
}

export async function outcomeRecord(ctx) {
  const caseId = Number(ctx.params[0]);
  const [c, offences] = await Promise.all([api.get(`/cases/${caseId}`), offenceOptions(caseId)]);
  if (ctx.stale()) return;
  const title = `Record an outcome for ${personName(c)}`;
  setTitle(title);
  const summary = h('div');
  const dupSlot = h('div');
  const send = async (allowDuplicate) => {
    const body = newBody(outcomeValues(form.values()));
    if (!body.transferred_in) delete body.transferred_in;
    if (allowDuplicate) body.allow_duplicate = true;
    try {
      const rec = await api.post('/outcomes', { case_id: caseId, ...body });
      setFlash(`${outcomeLabel(rec.outcome_type)} has been recorded.`);
      ctx.go(`/outcomes/${rec.id}`);
    } catch (err) {
      // The same outcome on the same day for the same offences: most likely
      // recorded already. Show it; record again only when confirmed.
      if (err.status === 409 && err.code === 'possible_duplicate') {
        const panel = h('div', { class: 'govuk-!-margin-bottom-6', id: 'duplicates' },
          h('h2', { class: 'govuk-heading-m', tabindex: '-1' }, 'This outcome may already be recorded'),
          warning('The child already has the same outcome on this date for the same offences. Recording it twice would count it twice.'),
          h('ul', { class: 'govuk-list' }, (err.error.duplicates || []).map((id) => h('li', {}, link('View the outcome recorded earlier', `#/outcomes/${id}`)))),
          button('Record it anyway', { secondary: true, id: 'record-anyway',
            onClick: () => send(true).catch((e2) => form.showErrors(e2.list ? e2.list() : [{ field: e2.field, message: e2.message }])) }));
        dupSlot.replaceChildren(panel);
        panel.querySelector('h2').focus();
        return;
      }
      throw err;
    }
  };
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save outcome',
    values: { offence_ids: [] },
    fields: outcomeFields(offences),
    onSubmit: async () => {
      dupSlot.replaceChildren();
      await send(false);
    },
  });
  formPage(ctx, { title, caption: c.team_name, back: `#/cases/${caseId}`, summary, form, intro: dupSlot });
}

export async function outcomeEdit(ctx) {
  const id = ctx.params[0];
  const o = await api.get(`/outcomes/${id}`);
  const offences = await offenceOptions(o.case_id);
  if (ctx.stale()) return;
  const title = `Change the ${outcomeLabel(o.outcome_type).toLowerCase()}`;
  setTitle(title);
  const summary = h('div');
  const fields = outcomeFields(offences);
  const initial = {};
  for (const f of fields) {
    if (f.section) continue;
    initial[f.name] = o[f.name] === undefined ? null : o[f.name];
  }
  initial.transferred_in = !!o.transferred_in;
  initial.yro_requirements = o.yro_requirements || [];
  initial.offence_ids = o.offence_ids || [];
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes',
    values: { ...initial, offence_ids: initial.offence_ids.map(String) },
    fields,
    onSubmit: async (v) => {
      const body = changedBody(initial, outcomeValues(v));
      for (const k of LINKS) if (k in body && body[k] === null) body[k] = [];
      if ('yro_requirements' in body && body.yro_requirements === null) body.yro_requirements = [];
      if (Object.keys(body).length) {
        try {
          await api.patch(`/outcomes/${id}`, { version: o.version, ...body });
        } catch (err) {
          throw explainConflict(err);
        }
        setFlash('The outcome has been changed.');
      }
      ctx.go(`/outcomes/${id}`);
    },
  });
  formPage(ctx, { title, caption: personName(await api.get(`/cases/${o.case_id}`)), back: `#/outcomes/${id}`, summary, form });
}

export async function outcomePage(ctx) {
  const id = ctx.params[0];
  // Outside the caseload, a reason given here opens the outcome and what
  // its page shows: its case, offences, assessments and KPI data.
  const o = await loadRecord(ctx, `/outcomes/${id}`, 'this outcome');
  if (!o || ctx.stale()) return;
  const access = accessForRecord(`/outcomes/${id}`);
  const [c, offences, assessments, snapshots] = await Promise.all([
    api.get(`/cases/${o.case_id}`, access),
    Promise.all((o.offence_ids || []).map((x) => api.get(`/offences/${x}`, access))),
    api.get('/assessments' + api.qs({ case_id: o.case_id, limit: 200 }), access),
    o.start_date ? api.get('/kpi-snapshots' + api.qs({ case_id: o.case_id, limit: 200 }), access) : { items: [] },
  ]);
  if (ctx.stale()) return;
  const name = personName(c);
  const title = outcomeLabel(o.outcome_type);
  setTitle(`${title} – ${name}`);
  // Only youth justice roles change youth justice records.
  const open = !o.closed_at && c.status !== 'closed' && recordsYouthJustice(ctx.user, c);
  const mine = (x) => String(x.outcome_id) === String(o.id);
  const myAssessments = assessments.items.filter(mine);
  const mySnapshots = snapshots.items.filter(mine);
  // Only the next step: the start first, then the release and the end.
  const missing = nextKpiPoints(o, mySnapshots);
  mount(ctx.root, backLink(`#/cases/${o.case_id}`, `Back to ${name}’s case`), takeFlash(),
    ...heading(title, name),
    o.closed_at ? h('div', {}, tag('Closed'), p(`Closed on ${formatDate(o.closed_at)}: ${o.closed_reason || ''}`)) : null,
    summaryList([
      ['Child', link(name, `#/people/${o.person_id}`)],
      ['Kind', kindTag(o.kind)],
      ['Caution or conviction', o.substantive ? 'Yes' : 'No'],
      ['Given on', formatDate(o.outcome_date)],
      ['Offences', offences.length ? h('ul', { class: 'govuk-list' }, offences.map((x) => h('li', {}, link(x.description, `#/offences/${x.id}`)))) : null],
      ['Intervention', interventionText(o)],
      ['Planned end', formatDate(o.planned_end_date)],
      // The date set on the intervention, else the review its rule makes
      // due (three months after the start or the last review: "What is due").
      ['Next review', o.next_review_date ? formatDate(o.next_review_date)
        : ((o.due || []).find((d) => d.what === 'review') ? `${formatDate(o.due.find((d) => d.what === 'review').due_date)} (three months after the start or the last review)` : 'Not due')],
      o.outcome_type === 'youth_rehabilitation_order'
        ? ['Requirements', (o.yro_requirements || []).length ? h('ul', { class: 'govuk-list' }, o.yro_requirements.map((r) => h('li', {}, label(YRO_REQUIREMENTS, r)))) : null]
        : null,
      o.kind === 'custody' ? ['Release date', formatDate(o.release_date)] : null,
      ['Transition plan made', formatDate(o.transition_plan_date)],
      o.transferred_in ? ['Transferred in from', o.transferred_from || 'Yes'] : null,
      ['Ended', o.end_date ? `${formatDate(o.end_date)}: ${label(END_REASONS, o.end_reason)}` : null],
      o.transferred_to ? ['Transferred out to', o.transferred_to] : null,
      ['Notes', o.notes],
      ['Recorded by', o.created_by_name],
    ]),
    open ? actions(buttonLink('Change the outcome', `#/outcomes/${id}/edit`, true),
      buttonLink('Close as entered in error', `#/outcomes/${id}/close`, true))
      // Reopened by those who may close it, on an open case.
      : o.closed_at && c.status !== 'closed' && recordsYouthJustice(ctx.user, c)
        ? actions(buttonLink('Reopen the outcome', `#/outcomes/${id}/close`, true)) : null,
    o.start_date ? [
      h2('What is due'),
      (o.due || []).length ? table({
        caption: 'Due and overdue for this intervention', captionClass: 'govuk-table__caption--s',
        head: ['What', 'Due by', 'Status'],
        rows: o.due.map((d) => [dueHref(o, d) ? link(dueLabel(d.what), dueHref(o, d)) : dueLabel(d.what), h('span', { class: 'spire-nowrap' }, formatDate(d.due_date)), dueTag(d)]),
      }) : p('Nothing is due on this intervention.'),
      h2('Assessments'),
      open ? actions(
        buttonLink('Record an AssetPlus assessment', `#/cases/${o.case_id}/assessments/new?type=assetplus&outcome_id=${id}`, true),
        buttonLink('Record a prevention and diversion assessment', `#/cases/${o.case_id}/assessments/new?type=prevention_diversion&outcome_id=${id}`, true)) : null,
      myAssessments.length ? table({
        caption: 'Assessments for this intervention', captionClass: 'govuk-table__caption--s',
        head: ['Assessment', 'Stage', 'Date', 'Likelihood of reoffending', 'Risk of serious harm', 'Safety and wellbeing'],
        rows: myAssessments.map((a) => [link(label(ASSESSMENT_TYPES, a.assessment_type), `#/assessments/${a.id}`),
          label(STAGES, a.stage), formatDate(a.assessment_date), label(LEVELS, a.likelihood_of_reoffending),
          label(LEVELS, a.risk_of_serious_harm), label(LEVELS, a.safety_wellbeing)]),
      }) : p('No assessments have been recorded for this intervention.'),
      h2('KPI data'),
      open && missing.length ? actions(...missing.map(([pt]) => buttonLink(`Record KPI data at the ${pt === 'release' ? 'release' : pt}`, `#/outcomes/${id}/kpi/new?point=${pt}`, true))) : null,
      mySnapshots.length ? table({
        caption: 'KPI data for this intervention', captionClass: 'govuk-table__caption--s',
        head: ['Point', 'Measured on', 'Suitable accommodation', 'Suitable ETE', 'SEND identified', 'Mental health need'],
        rows: mySnapshots.map((s) => [link(label(KPI_POINTS, s.point), `#/kpi-snapshots/${s.id}`), formatDate(s.measured_on),
          yesNo(s.accommodation_suitable) || 'Not known', yesNo(s.ete_suitable) || 'Not known',
          yesNo(s.send_identified) || 'Not known', yesNo(s.mental_health_need) || 'Not known']),
      }) : p('No KPI data has been recorded for this intervention.'),
    ] : p('This outcome has no youth justice intervention (no start date), so nothing is due on it.'));
}

export async function outcomeClose(ctx) {
  const id = ctx.params[0];
  const o = await api.get(`/outcomes/${id}`);
  if (ctx.stale()) return;
  yjClose(ctx, {
    reopenable: true,
    title: `Close the ${outcomeLabel(o.outcome_type).toLowerCase()}`, back: `#/outcomes/${id}`, what: 'outcome',
    rows: [['Outcome', outcomeLabel(o.outcome_type)], ['Given on', formatDate(o.outcome_date)]],
    path: `/outcomes/${id}`, rec: o, done: `/cases/${o.case_id}`,
  });
}
