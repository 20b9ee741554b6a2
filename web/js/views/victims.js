// victims.js - a victim of a child's offence: find the person on Spire (or
// add them), then record the work with them (consent to contact,
// restorative justice, information, support); change or remove it.
// Casework roles only; never part of any family view.
import * as api from '../api.js';
import { mount, h, heading, p, h2, link, table, setTitle, formatDate, personName, backLink, setFlash } from '../ui.js';
import { Form } from '../form.js';
import { fetchPage, pager, explainConflict } from './common.js';
import { duplicatePanel } from './person_form.js';
import { yjClose } from './offences.js';
import {
  triField, triValue, triInitial, formPage, changedBody, newBody, interventionOptions,
} from './yj_common.js';

const FACTS = ['consent_to_contact', 'rj_offered', 'rj_taken_part', 'information_requested', 'information_given', 'support_offered'];

function victimFields(outcomes) {
  return [
    triField('consent_to_contact', 'Has the victim consented to be contacted by the service?'),
    { name: 'contacted_on', label: 'Date of first contact (optional)', errorLabel: 'Date of first contact', type: 'date' },
    triField('rj_offered', 'Was restorative justice offered?'),
    triField('rj_taken_part', 'Did the victim take part in restorative justice?'),
    triField('information_requested', 'Did the victim ask for information about the case?'),
    triField('information_given', 'Was the victim given information about the case?'),
    triField('support_offered', 'Was the victim referred or offered support?'),
    { name: 'outcome_id', label: 'Intervention (optional)', errorLabel: 'Intervention', type: 'select', options: outcomes, hint: 'The intervention during which the work with the victim happened', placeholder: 'None' },
    { name: 'notes', label: 'Notes (optional)', errorLabel: 'Notes', type: 'textarea', rows: 4 },
  ];
}

function victimValues(v) {
  const out = { contacted_on: v.contacted_on, notes: v.notes, outcome_id: v.outcome_id ? Number(v.outcome_id) : '' };
  for (const k of FACTS) out[k] = triValue(v[k]);
  return out;
}

// victimAdd: #/offences/ID/victims/new[?q=NAME][&person=ID]
export async function victimAdd(ctx) {
  const offenceId = Number(ctx.params[0]);
  const o = await api.get(`/offences/${offenceId}`);
  if (ctx.stale()) return;
  const back = `#/offences/${offenceId}`;
  const personId = ctx.query.get('person');
  if (personId) return victimDetails(ctx, o, Number(personId), back);
  const title = 'Who is the victim?';
  setTitle(title);
  const summary = h('div');
  const q = ctx.query.get('q') || '';
  const find = new Form({
    title, summarySlot: summary, submitText: 'Search', values: { q },
    fields: [{ name: 'q', label: 'Name of the victim', hint: 'Search Spire first: the victim may already have a record', width: 20 }],
    onSubmit: async (v) => {
      if (!v.q) return find.showErrors([{ field: 'q', message: 'Enter a name to search for' }]);
      ctx.go(`/offences/${offenceId}/victims/new` + api.qs({ q: v.q }));
    },
  });
  find.button.classList.add('govuk-button--secondary');
  let results = null;
  if (q) {
    const r = await fetchPage(ctx, 'offset', '/people', { q });
    if (ctx.stale()) return;
    const choices = r.items.filter((x) => !x.closed_at && x.id !== o.person_id && x.in_scope !== false);
    results = choices.length ? [table({
      caption: 'People found', captionClass: 'govuk-table__caption--s',
      head: ['Name', 'Date of birth', 'Postcode', 'Action'],
      rows: choices.map((x) => [personName(x), formatDate(x.date_of_birth), x.postcode,
        link(['Choose', h('span', { class: 'govuk-visually-hidden' }, ` ${personName(x)} as the victim`)],
          `#/offences/${offenceId}/victims/new?person=${x.id}`)]),
    }), pager(ctx, 'offset', r, 'people')] : p('No one on Spire matches that name. Add them below.');
  }
  const addSummary = h('div');
  const dupSlot = h('div');
  const add = new Form({
    title, summarySlot: addSummary, submitText: 'Add the person and continue',
    fields: [
      { name: 'given_name', label: 'First name', width: 20, autocomplete: 'off' },
      { name: 'family_name', label: 'Last name', width: 20 },
      { name: 'date_of_birth', label: 'Date of birth (optional)', errorLabel: 'Date of birth', type: 'date', example: 'adult_birth' },
      { name: 'phone', label: 'Phone (optional)', errorLabel: 'Phone', type: 'tel', width: 20 },
    ],
    onSubmit: async () => {
      dupSlot.replaceChildren();
      await send(false);
    },
  });
  const chosen = (pid) => ctx.go(`/offences/${offenceId}/victims/new?person=${pid}`);
  const send = async (allowDuplicate) => {
    const body = add.body();
    if (allowDuplicate) body.allow_duplicate = true;
    try {
      const rec = await api.post('/people', body);
      chosen(rec.id);
    } catch (err) {
      if (err.status === 409 && err.code === 'possible_duplicate') {
        const panel = duplicatePanel(err.error.duplicates || [],
          () => send(true).catch((e2) => add.showErrors(e2.list ? e2.list() : [{ field: e2.field, message: e2.message }])),
          { anywayText: 'Add a new person anyway', onUse: (d) => chosen(d.id) });
        dupSlot.replaceChildren(panel);
        panel.querySelector('h2').focus();
        return;
      }
      throw err;
    }
  };
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, `Offence: ${o.description}`),
      find.el, results,
      h2('Add someone who is not on Spire'), addSummary, dupSlot, add.el,
      p(link('Cancel', back)))));
}

async function victimDetails(ctx, o, personId, back) {
  const [victim, outcomes] = await Promise.all([
    api.get(`/people/${personId}`),
    interventionOptions(o.case_id, {}),
  ]);
  if (ctx.stale()) return;
  const who = personName(victim);
  const title = `Record ${who} as a victim`;
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save victim',
    values: {},
    fields: victimFields(outcomes),
    onSubmit: async (v) => {
      await api.post('/victims', { offence_id: o.id, victim_id: personId, ...newBody(victimValues(v)) });
      setFlash(`${who} has been recorded as a victim of the offence.`);
      ctx.go(`/offences/${o.id}`);
    },
  });
  formPage(ctx, {
    title, caption: `Offence: ${o.description}`, back, summary, form,
    intro: p(link('Choose someone else', `#/offences/${o.id}/victims/new`)),
  });
}

export async function victimEdit(ctx) {
  const id = ctx.params[0];
  const v = await api.get(`/victims/${id}`);
  const outcomes = await interventionOptions(v.case_id, {});
  if (ctx.stale()) return;
  const who = `${v.given_name || ''} ${v.family_name || ''}`.trim();
  const title = `Change the victim record for ${who}`;
  setTitle(title);
  const summary = h('div');
  const initial = { contacted_on: v.contacted_on, notes: v.notes, outcome_id: v.outcome_id };
  for (const k of FACTS) initial[k] = v[k] === undefined ? null : v[k];
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes',
    values: { ...v, outcome_id: v.outcome_id ? String(v.outcome_id) : '', ...triInitial(v, FACTS) },
    fields: victimFields(outcomes),
    onSubmit: async (vals) => {
      const body = changedBody(initial, victimValues(vals));
      if (Object.keys(body).length) {
        try {
          await api.patch(`/victims/${id}`, { version: v.version, ...body });
        } catch (err) {
          throw explainConflict(err);
        }
        setFlash('The victim record has been changed.');
      }
      ctx.go(`/offences/${v.offence_id}`);
    },
  });
  formPage(ctx, { title, back: `#/offences/${v.offence_id}`, summary, form });
}

export async function victimClose(ctx) {
  const id = ctx.params[0];
  const v = await api.get(`/victims/${id}`);
  if (ctx.stale()) return;
  const who = `${v.given_name || ''} ${v.family_name || ''}`.trim();
  yjClose(ctx, {
    reopenable: true,
    title: `Remove ${who} as a victim of the offence`, back: `#/offences/${v.offence_id}`, what: 'victim record',
    rows: [['Victim', who]], path: `/victims/${id}`, rec: v, done: `/offences/${v.offence_id}`,
  });
}
