// offences.js - a child's offences: record one on a youth justice case,
// its page (details, the outcomes that disposed of it, its victims), edit
// it, and close it (entered in error). Victims are in victims.js; they are
// shown only here, to casework roles, never on a family view.
import * as api from '../api.js';
import {
  mount, h, heading, p, h2, link, table, setTitle, formatDate, personName, summaryList, backLink, buttonLink,
  actions, tag, takeFlash, setFlash,
} from '../ui.js';
import { Form } from '../form.js';
import { explainConflict } from './common.js';
import { loadRecord, accessForRecord } from './access.js';
import { reasonPage } from './close.js';
import {
  OFFENCE_CATEGORIES, label, yesNo, outcomeLabel, kindTag, formPage, changedBody, newBody, today, recordsYouthJustice,
} from './yj_common.js';

const GRAVITY = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [String(n), String(n)]);

function offenceFields() {
  return [
    { name: 'description', label: 'Offence', type: 'textarea', rows: 3, hint: 'The offence wording, for example theft from a shop (Theft Act 1968 s1)' },
    { name: 'offence_date', label: 'Date of the offence', type: 'date', hint: 'When it was committed. If over a period, the first day.' },
    { name: 'arrest_date', label: 'Date of arrest (optional)', errorLabel: 'Date of arrest', type: 'date', hint: 'Arrest or first police contact for it' },
    { name: 'category', label: 'Category', type: 'select', options: OFFENCE_CATEGORIES },
    { name: 'gravity', label: 'Gravity score', type: 'radios', inline: true, options: GRAVITY, hint: 'The police youth gravity matrix score, from 1 (least serious) to 8' },
    { name: 'co_accused', label: 'Committed with co-accused', type: 'checkbox', sendFalse: true },
    { name: 'weapon', label: 'A weapon was involved', type: 'checkbox', sendFalse: true },
    { name: 'notes', label: 'Notes (optional)', errorLabel: 'Notes', type: 'textarea', rows: 4 },
  ];
}

function offenceValues(v) {
  return { ...v, gravity: v.gravity === '' ? '' : Number(v.gravity) };
}

// caseAndChild(caseId): the case and its child's name.
async function caseOf(caseId, access = {}) {
  const c = await api.get(`/cases/${caseId}`, access);
  return { c, name: personName(c) };
}

export async function offenceRecord(ctx) {
  const caseId = Number(ctx.params[0]);
  const { c, name } = await caseOf(caseId);
  if (ctx.stale()) return;
  const title = `Record an offence by ${name}`;
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save offence',
    values: { offence_date: '' },
    fields: offenceFields(),
    onSubmit: async (v) => {
      const rec = await api.post('/offences', { case_id: caseId, ...newBody(offenceValues(v)) });
      setFlash('The offence has been recorded.');
      ctx.go(`/offences/${rec.id}`);
    },
  });
  formPage(ctx, { title, caption: c.team_name, back: `#/cases/${caseId}`, summary, form });
}

export async function offenceEdit(ctx) {
  const id = ctx.params[0];
  const o = await api.get(`/offences/${id}`);
  if (ctx.stale()) return;
  const title = 'Change the offence';
  setTitle(title);
  const summary = h('div');
  const initial = {
    description: o.description, offence_date: o.offence_date, arrest_date: o.arrest_date, category: o.category,
    gravity: o.gravity, co_accused: !!o.co_accused, weapon: !!o.weapon, notes: o.notes,
  };
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes',
    values: { ...initial, gravity: String(o.gravity) },
    fields: offenceFields(),
    onSubmit: async (v) => {
      const body = changedBody(initial, offenceValues(v));
      if (Object.keys(body).length) {
        try {
          await api.patch(`/offences/${id}`, { version: o.version, ...body });
        } catch (err) {
          throw explainConflict(err);
        }
        setFlash('The offence has been changed.');
      }
      ctx.go(`/offences/${id}`);
    },
  });
  formPage(ctx, { title, caption: o.description, back: `#/offences/${id}`, summary, form });
}

export async function offencePage(ctx) {
  const id = ctx.params[0];
  // Outside the caseload, a reason given here opens the offence and what
  // its page shows: its case and outcomes (never its victims: youth
  // justice roles see them only in their own scope).
  const o = await loadRecord(ctx, `/offences/${id}`, 'this offence');
  if (!o || ctx.stale()) return;
  const access = accessForRecord(`/offences/${id}`);
  const [{ c, name }, victims, outcomes] = await Promise.all([
    caseOf(o.case_id, access),
    Promise.all((o.victims || []).map((v) => api.get(`/victims/${v.id}`, access))),
    Promise.all((o.outcome_ids || []).map((x) => api.get(`/outcomes/${x}`, access))),
  ]);
  if (ctx.stale()) return;
  const title = `Offence: ${o.description}`;
  setTitle(title);
  // Only youth justice roles change youth justice records.
  const open = !o.closed_at && c.status !== 'closed' && recordsYouthJustice(ctx.user, c);
  mount(ctx.root, backLink(`#/cases/${o.case_id}`, `Back to ${name}’s case`), takeFlash(),
    ...heading(title, name),
    o.closed_at ? h('div', {}, tag('Closed'), p(`Closed on ${formatDate(o.closed_at)}: ${o.closed_reason || ''}`)) : null,
    summaryList([
      ['Child', link(name, `#/people/${o.person_id}`)],
      ['Date of the offence', formatDate(o.offence_date)],
      ['Date of arrest', formatDate(o.arrest_date)],
      ['Category', label(OFFENCE_CATEGORIES, o.category)],
      ['Gravity score', String(o.gravity)],
      ['Committed with co-accused', o.co_accused ? 'Yes' : 'No'],
      ['Weapon involved', o.weapon ? 'Yes' : 'No'],
      ['Notes', o.notes],
      ['Recorded by', o.created_by_name],
    ]),
    open ? actions(buttonLink('Change the offence', `#/offences/${id}/edit`, true),
      buttonLink('Add a victim', `#/offences/${id}/victims/new`, true),
      buttonLink('Close as entered in error', `#/offences/${id}/close`, true))
      // Reopened by those who may close it, on an open case.
      : o.closed_at && c.status !== 'closed' && recordsYouthJustice(ctx.user, c)
        ? actions(buttonLink('Reopen the offence', `#/offences/${id}/close`, true)) : null,
    h2('Outcomes for this offence'),
    outcomes.length ? table({
      caption: 'Outcomes that disposed of this offence', captionClass: 'govuk-table__caption--s',
      head: ['Outcome', 'Kind', 'Given on'],
      rows: outcomes.map((x) => [link(outcomeLabel(x.outcome_type), `#/outcomes/${x.id}`), kindTag(x.kind), formatDate(x.outcome_date)]),
    }) : p('No outcome has been linked to this offence yet. Link it when you record the outcome.'),
    h2('Victims'),
    p('Victims’ details are confidential: they are never shown to the child or their family.', 'govuk-inset-text'),
    // Victims are shown to youth justice officers and managers only.
    !recordsYouthJustice(ctx.user, c) ? p('Victims are recorded and seen by the youth justice service only.')
      : victims.length ? victimTable(victims, open) : p('No victims have been recorded for this offence.'));
}

function victimTable(victims, open) {
  return table({
    caption: 'Victims of this offence', captionClass: 'govuk-table__caption--s',
    head: ['Victim', 'Consent to contact', 'Restorative justice', 'Information', 'Support offered', ...(open ? ['Action'] : [])],
    rows: victims.map((v) => {
      const who = `${v.given_name || ''} ${v.family_name || ''}`.trim();
      return [
        link(who, `#/people/${v.victim_id}`),
        yesNo(v.consent_to_contact) || 'Not known',
        v.rj_taken_part ? 'Offered and taken part' : v.rj_offered ? 'Offered' : yesNo(v.rj_offered) === 'No' ? 'Not offered' : 'Not known',
        [v.information_requested ? 'Asked for' : null, v.information_given ? 'Given' : null].filter(Boolean).join(', ') || 'None recorded',
        yesNo(v.support_offered) || 'Not known',
        ...(open ? [h('span', {},
          link(['Change', h('span', { class: 'govuk-visually-hidden' }, ` victim record for ${who}`)], `#/victims/${v.id}/edit`),
          ' ',
          link(['Remove', h('span', { class: 'govuk-visually-hidden' }, ` ${who} as a victim`)], `#/victims/${v.id}/close`))] : []),
      ];
    }),
  });
}

// yjClose(ctx, opts): close a youth justice record with a reason, the
// first choice being "entered in error"; reopenable: a closed record's
// page offers to reopen it (offences, outcomes, victims).
export function yjClose(ctx, { title, caption, back, rows, path, rec, done, what, closedText, reopenable }) {
  reasonPage(ctx, {
    title, caption, back, rows, submitText: 'Close record',
    warn: `The ${what} is kept with its history and is left out of lists and measures.`,
    closedText: rec.closed_at ? (closedText || `This record was closed on ${formatDate(rec.closed_at)}.`) : null,
    fields: [
      { name: 'why', label: `Why are you closing this ${what}?`, type: 'radios', virtual: true, legendSize: 'm', options: [
        ['entered_in_error', 'It was entered in error, for example a duplicate'],
        ['other', 'Another reason'],
      ] },
      { name: 'reason', label: 'Details', errorLabel: 'The reason', type: 'textarea', rows: 3, hint: 'Needed for another reason' },
    ],
    reasonOf: (v, form) => {
      if (!v.why) {
        form.showErrors([{ field: 'why', message: `Choose why you are closing this ${what}` }]);
        return null;
      }
      if (v.why === 'entered_in_error') return v.reason ? `Entered in error: ${v.reason}` : 'Entered in error';
      return v.reason;
    },
    send: async (reason) => {
      await api.post(`${path}/close`, { version: rec.version, reason });
      setFlash(`The ${what} has been closed.`);
      ctx.go(done);
    },
    reopen: reopenable && {
      title: `Reopen the ${what}`,
      send: async (reason) => {
        await api.post(`${path}/reopen`, { version: rec.version, reason });
        setFlash(`The ${what} has been reopened.`);
        ctx.go(done);
      },
    },
  });
}

export async function offenceClose(ctx) {
  const id = ctx.params[0];
  const o = await api.get(`/offences/${id}`);
  if (ctx.stale()) return;
  yjClose(ctx, {
    reopenable: true,
    title: 'Close the offence', caption: o.description, back: `#/offences/${id}`, what: 'offence',
    rows: [['Offence', o.description], ['Date', formatDate(o.offence_date)], ['Category', label(OFFENCE_CATEGORIES, o.category)]],
    path: `/offences/${id}`, rec: o, done: `/cases/${o.case_id}`,
  });
}

export { today };
