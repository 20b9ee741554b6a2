// access.js - reaching a person's record: the break-glass reasons given in
// this tab, the options every API call about that person needs, and the
// break-glass form when the record is outside the user's scope.
import * as api from '../api.js';
import { mount, h, heading, p, link, setTitle, warning } from '../ui.js';
import { Form } from '../form.js';

// Break-glass reasons given in this tab, by person id: kept in memory only,
// so a reload asks again.
const reasons = new Map();
// Reasons given on a case's page, by the case's person id: they stand for
// the case and the records reached from it (its contacts, tasks, youth
// justice records), never for the person's own record, which asks for a
// reason of its own (docs/access.md, "Break glass": a reason is given for
// the record the user asked to see).
const caseReasons = new Map();

// accessFor(personId): the opts for api calls about that person's records
// (a reason given for the person, else for one of their cases).
export function accessFor(personId) {
  const r = reasons.get(String(personId)) || caseReasons.get(String(personId));
  return r ? { breakGlass: r } : {};
}

// The opts for reading the person's own record: only a reason given for it.
function accessForPerson(personId) {
  const r = reasons.get(String(personId));
  return r ? { breakGlass: r } : {};
}

// loadPerson(ctx, id): the person, or null after drawing the break-glass
// form when the record is out of scope. Once a reason is accepted the
// current route is drawn again, so any page about the person can ask.
export async function loadPerson(ctx, id) {
  try {
    return await api.get(`/people/${id}`, accessForPerson(id));
  } catch (err) {
    if (err.status === 403 && !reasons.has(String(id)) && !ctx.stale()) {
      breakGlass(ctx, id);
      return null;
    }
    throw err;
  }
}

// accessForFamily(familyId): the opts for api calls about that family
// (a reason given on its page).
export function accessForFamily(familyId) {
  const r = reasons.get(`family:${familyId}`);
  return r ? { breakGlass: r } : {};
}

// loadFamily(ctx, id): the family, or null after drawing the break-glass
// form when it is out of the user's scope, as loadPerson does for a
// person.
export async function loadFamily(ctx, id) {
  try {
    return await api.get(`/families/${id}`, accessForFamily(id));
  } catch (err) {
    if (err.status === 403 && !reasons.has(`family:${id}`) && !ctx.stale()) {
      breakGlass(ctx, id, { key: `family:${id}`, path: `/families/${id}`, what: 'this family' });
      return null;
    }
    throw err;
  }
}

// accessForCase(caseId): the opts for api calls about that case (a reason
// given on its page).
export function accessForCase(caseId) {
  const r = reasons.get(`case:${caseId}`);
  return r ? { breakGlass: r } : {};
}

// loadCase(ctx, id): the case, or null after drawing the break-glass form
// when it is outside the user's caseload and a reason may open it (the
// API's refusal asks for one). A case no reason opens (a parent's own
// support) is refused with the API's words, which say who to ask. The
// reason, once accepted, also stands for the records reached from the case
// (its contacts, tasks and youth justice records, read by the case's
// person), but not for the person's own record: the child's page asks for
// a reason of its own.
export async function loadCase(ctx, id) {
  try {
    return await api.get(`/cases/${id}`, accessForCase(id));
  } catch (err) {
    if (err.status === 403 && /give a reason/.test(err.message || '') && !reasons.has(`case:${id}`) && !ctx.stale()) {
      breakGlass(ctx, id, {
        key: `case:${id}`, path: `/cases/${id}`, what: 'this case',
        after: (c, reason) => { if (c && c.person_id) caseReasons.set(String(c.person_id), reason); },
      });
      return null;
    }
    throw err;
  }
}

// accessForRecord(path): the opts for reading the record at path (an
// offence, an outcome) and what its page shows with it (its case, its
// linked records): the reason given on its page.
export function accessForRecord(path) {
  const r = reasons.get(`record:${path}`);
  return r ? { breakGlass: r } : {};
}

// loadRecord(ctx, path, what): a youth justice record reached by its own
// address (/offences/N, /outcomes/N), or null after drawing the
// break-glass form when it is outside the user's caseload and a reason may
// open it (the API's refusal asks for one), as loadCase does for a case. A
// refusal no reason changes (a victim's record to a role outside youth
// justice) is left to the page's refusal, in the API's words.
export async function loadRecord(ctx, path, what) {
  const key = `record:${path}`;
  try {
    return await api.get(path, accessForRecord(path));
  } catch (err) {
    if (err.status === 403 && /give a reason/.test(err.message || '') && !reasons.has(key) && !ctx.stale()) {
      breakGlass(ctx, null, { key, path, what });
      return null;
    }
    throw err;
  }
}

function breakGlass(ctx, id, { key = String(id), path = `/people/${id}`, what = 'this record', after = null } = {}) {
  const title = `You need a reason to view ${what}`;
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'View the record',
    fields: [{
      name: 'reason', label: `Why do you need to view ${what}?`, type: 'textarea', rows: 4,
      hint: 'At least 10 characters. Your reason and your name are recorded and reviewed by managers.',
    }],
    onSubmit: async (v) => {
      if (v.reason.length < 10) {
        return form.showErrors([{ field: 'reason', message: 'Enter a reason of at least 10 characters' }]);
      }
      let rec;
      try {
        rec = await api.get(path, { breakGlass: v.reason });
      } catch (err) {
        if (err.field === 'X-Break-Glass-Reason') err.field = 'reason';
        throw err;
      }
      reasons.set(key, v.reason);
      if (after) after(rec, v.reason);
      await ctx.reload();
    },
  });
  mount(ctx.root, h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
    summary, ...heading(title),
    warning(`${what.charAt(0).toUpperCase()}${what.slice(1)} is not in your caseload or your team’s.`),
    p('You can still view it in an emergency or when you have another good reason. Viewing it without one is a disciplinary matter.'),
    form.el,
    p(link('Go back to search', '#/search')))));
}
