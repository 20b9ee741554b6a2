// close.js - closing a record with a reason: a person (or marking them
// entered in error), a case, a family; and the reason page the other
// views reuse (withdrawing a consent). Nothing is deleted: the API keeps
// the record and every earlier version, and the record shows as closed.
import * as api from '../api.js';
import {
  mount, h, heading, p, link, setTitle, formatDate, personName, summaryList, backLink, warning, humanise, setFlash, counted,
} from '../ui.js';
import { Form } from '../form.js';
import { loadPerson, accessFor } from './access.js';
import { explainConflict, memberPerson } from './common.js';

// reasonPage(ctx, opts): a page that asks why, then sends it.
//   title, caption, back (href), rows (summary of the record), warn,
//   fields (default: one "reason" textarea labelled reasonLabel),
//   reasonOf(values, form): the reason to send, or null after showing
//   errors; send(reason): the API call, which may throw an ApiError.
//   missing: what to say when the reason is left blank, in the page's
//   words (the API says "Enter the reason for closing the contact": it knows
//   only that a record is closed, not that it is marked entered in error).
//   closedText: when set, the record is already closed: say so instead,
//   and with reopen ({ title, send(reason) }) offer to reopen it.
export function reasonPage(ctx, {
  title, caption, back, rows, warn, reasonLabel, reasonHint, fields, submitText,
  reasonOf = (v) => v.reason, send, closedText, reopen, missing,
}) {
  if (closedText && reopen) {
    reopenPage(ctx, { caption, back, rows, closedText, ...reopen });
    return;
  }
  setTitle(title);
  if (closedText) {
    mount(ctx.root, backLink(back), ...heading(title, caption), rows ? summaryList(rows) : null,
      p(closedText), p(link('Go back', back)));
    return;
  }
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText, warning: true,
    fields: fields || [{ name: 'reason', label: reasonLabel, errorLabel: 'The reason', type: 'textarea', rows: 4, hint: reasonHint }],
    onSubmit: async (v) => {
      if (missing && !String(v.reason ?? '').trim()) {
        form.showErrors([{ field: 'reason', message: missing }]);
        return;
      }
      const reason = reasonOf(v, form);
      if (reason === null) return;
      try {
        await send(reason);
      } catch (err) {
        throw explainConflict(err);
      }
    },
  });
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, caption), rows ? summaryList(rows) : null, warn ? warning(warn) : null,
      form.el, p(link('Cancel', back)))));
}

// A closed record's page: what closed it, and a form to reopen it with a
// reason. Reopening brings back what hangs from the record to every list
// and measure (docs/measures.md).
function reopenPage(ctx, { title, caption, back, rows, closedText, send }) {
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Reopen record',
    fields: [{ name: 'reason', label: 'Why are you reopening it?', errorLabel: 'The reason', type: 'textarea', rows: 3,
      hint: 'For example, it was closed by mistake' }],
    onSubmit: async (v) => {
      try {
        await send(v.reason);
      } catch (err) {
        throw explainConflict(err);
      }
    },
  });
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, caption), rows ? summaryList(rows) : null, p(closedText),
      p('Reopening it brings it back, with everything recorded on it, to every list and performance figure.'),
      form.el, p(link('Cancel', back)))));
}

const WHY = [
  ['entered_in_error', 'It was entered in error, for example a duplicate or the wrong person'],
  ['other', 'Another reason, for example the family no longer needs any service'],
];

export async function personClose(ctx) {
  const id = Number(ctx.params[0]);
  const person = await loadPerson(ctx, id);
  if (!person || ctx.stale()) return;
  const name = personName(person);
  const back = `#/people/${id}`;
  const openCases = (person.cases || []).filter((c) => c.status !== 'closed').length;
  reasonPage(ctx, {
    title: `Close ${name}’s record`, back, submitText: 'Close record',
    rows: [['Name', name], ['Date of birth', formatDate(person.date_of_birth)]],
    warn: openCases
      ? `${name} has ${counted(openCases, 'open case')}. A record with open cases cannot be closed: close each case first, with its own reason.`
      : 'A closed record cannot be changed. It is kept, with its history, and shows as closed.',
    closedText: person.closed_at ? `This record was closed on ${formatDate(person.closed_at)}.` : null,
    fields: [
      { name: 'why', label: 'Why are you closing this record?', type: 'radios', virtual: true, legendSize: 'm', options: WHY },
      { name: 'reason', label: 'Details', errorLabel: 'The reason', type: 'textarea', rows: 4, hint: 'Needed for another reason. For a duplicate, say which record is the right one.' },
    ],
    reasonOf: (v, form) => {
      if (!v.why) {
        form.showErrors([{ field: 'why', message: 'Choose why you are closing this record' }]);
        return null;
      }
      if (v.why === 'entered_in_error') return v.reason ? `Entered in error: ${v.reason}` : 'Entered in error';
      return v.reason;
    },
    send: async (reason) => {
      await api.post(`/people/${id}/close`, { version: person.version, reason }, accessFor(id));
      setFlash(`${name}’s record has been closed.`);
      ctx.go(`/people/${id}`);
    },
    reopen: {
      title: `Reopen ${name}’s record`,
      send: async (reason) => {
        await api.post(`/people/${id}/reopen`, { version: person.version, reason }, accessFor(id));
        setFlash(`${name}’s record has been reopened.`);
        ctx.go(`/people/${id}`);
      },
    },
  });
}

export async function caseClose(ctx) {
  const id = ctx.params[0];
  const c = await api.get(`/cases/${id}`);
  if (ctx.stale()) return;
  const name = personName(c);
  const service = humanise(c.service_name || c.service_code);
  const back = `#/cases/${id}`;
  reasonPage(ctx, {
    title: `Close the ${service.toLowerCase()} case`, caption: name, back, submitText: 'Close case',
    rows: [
      ['Child', name], ['Service', service], ['Team', c.team_name], ['Allocated worker', c.worker_name],
      ['Started', formatDate(c.start_date)],
    ],
    warn: 'Once the case is closed, no more contacts can be recorded on it. The end date is today unless one was recorded.',
    closedText: c.status === 'closed' ? `This case was closed on ${formatDate(c.end_date || c.closed_at)}.` : null,
    fields: [
      { name: 'reason', label: 'Why is the case closing?', errorLabel: 'The reason', type: 'textarea', rows: 4,
        hint: 'For example, order completed, transferred to another service, or moved out of the area' },
      // A case entered in error leaves every performance figure (docs/measures.md):
      // the reason the API keeps starts "Entered in error", as for a person.
      { name: 'entered_in_error', label: 'The case was opened in error, for example for the wrong child or twice', type: 'checkbox', virtual: true,
        hint: 'Nothing recorded on it will count in the performance figures' },
    ],
    reasonOf: (v) => {
      if (!v.entered_in_error) return v.reason;
      return v.reason ? `Entered in error: ${v.reason}` : 'Entered in error';
    },
    send: async (reason) => {
      await api.post(`/cases/${id}/close`, { version: c.version, reason }, accessFor(c.person_id));
      setFlash(`The ${service.toLowerCase()} case for ${name} has been closed.`);
      ctx.go(`/cases/${id}`);
    },
    reopen: {
      title: `Reopen the ${service.toLowerCase()} case`,
      send: async (reason) => {
        await api.post(`/cases/${id}/reopen`, { version: c.version, reason }, accessFor(c.person_id));
        setFlash(`The ${service.toLowerCase()} case for ${name} has been reopened.`);
        ctx.go(`/cases/${id}`);
      },
    },
  });
}

export async function familyClose(ctx) {
  const personId = Number(ctx.params[0]);
  const familyId = ctx.params[1];
  const person = await loadPerson(ctx, personId);
  if (!person || ctx.stale()) return;
  const access = accessFor(personId);
  const f = await api.get(`/families/${familyId}`, access);
  if (ctx.stale()) return;
  const family = f.name || 'this family';
  const back = `#/people/${personId}`;
  reasonPage(ctx, {
    title: `Close ${family}`, caption: personName(person), back, submitText: 'Close family',
    rows: [
      ['Family', f.name],
      ['Members', (f.members || []).map((m) => personName(memberPerson(m))).filter(Boolean).join(', ')],
    ],
    warn: 'Closing the family ends it for everyone in it: it will no longer show on their records. The people and their cases stay open.',
    closedText: f.closed_at ? `This family was closed on ${formatDate(f.closed_at)}.` : null,
    reasonLabel: 'Why is the family being closed?',
    reasonHint: 'For example, recorded twice, or the family has moved away',
    send: async (reason) => {
      await api.post(`/families/${familyId}/close`, { version: f.version, reason }, access);
      setFlash(`${f.name || 'The family'} has been closed. It no longer shows on the records of its members.`);
      ctx.go(`/people/${personId}`);
    },
    reopen: {
      title: `Reopen ${family}`,
      send: async (reason) => {
        await api.post(`/families/${familyId}/reopen`, { version: f.version, reason }, access);
        setFlash(`${f.name || 'The family'} has been reopened, with the members it had when it was closed.`);
        ctx.go(`/people/${personId}`);
      },
    },
  });
}
