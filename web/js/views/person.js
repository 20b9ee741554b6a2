// person.js - a person's page: details, alerts, the whole family and
// network around them, their cases with contacts and tasks; and the
// break-glass form when the record is outside the user's scope.
import * as api from '../api.js';
import {
  mount, h, heading, p, h2, h3, link, table, tag, setTitle, formatDate, personName, summaryList, warning,
  buttonLink, actions, humanise, inset,
} from '../ui.js';
import { Form } from '../form.js';
import { labelSex, labelEthnicity, labelSend } from './people_fields.js';
import { section, taskTable } from './common.js';

// Break-glass reasons given in this tab, by person id: kept in memory only,
// so a reload asks again.
const reasons = new Map();

// reasonFor(personId): the opts for api calls about that person.
export function accessFor(personId) {
  const r = reasons.get(String(personId));
  return r ? { breakGlass: r } : {};
}

// loadPerson(id): the person, or null after drawing the break-glass form
// when the record is out of scope.
export async function loadPerson(ctx, id) {
  try {
    return await api.get(`/people/${id}`, accessFor(id));
  } catch (err) {
    if (err.status === 403 && !reasons.has(String(id)) && !ctx.stale()) {
      breakGlass(ctx, id);
      return null;
    }
    throw err;
  }
}

function breakGlass(ctx, id) {
  const title = 'You need a reason to view this record';
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'View the record',
    fields: [{
      name: 'reason', label: 'Why do you need to view this record?', type: 'textarea', rows: 4,
      hint: 'At least 10 characters. Your reason and your name are recorded and reviewed by managers.',
    }],
    onSubmit: async (v) => {
      if (v.reason.length < 10) {
        return form.showErrors([{ field: 'reason', message: 'Enter a reason of at least 10 characters' }]);
      }
      try {
        await api.get(`/people/${id}`, { breakGlass: v.reason });
      } catch (err) {
        if (err.field === 'X-Break-Glass-Reason') err.field = 'reason';
        throw err;
      }
      reasons.set(String(id), v.reason);
      await personPage(ctx);
    },
  });
  mount(ctx.root, h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
    summary, ...heading(title),
    warning('This record is not in your caseload or your team’s.'),
    p('You can still view it in an emergency or when you have another good reason. Viewing it without one is a disciplinary matter.'),
    form.el,
    p(link('Go back to search', '#/search')))));
}

const yesNo = (v) => (v === true || v === 1 ? 'Yes' : v === false || v === 0 ? 'No' : null);

function ageOn(dob) {
  if (!dob) return null;
  const b = new Date(dob + 'T00:00:00');
  const n = new Date();
  let a = n.getFullYear() - b.getFullYear();
  if (n.getMonth() < b.getMonth() || (n.getMonth() === b.getMonth() && n.getDate() < b.getDate())) a -= 1;
  return a;
}

export async function personPage(ctx) {
  const id = ctx.params[0];
  const person = await loadPerson(ctx, id);
  if (!person || ctx.stale()) return;
  const name = personName(person);
  setTitle(name);
  const access = accessFor(id);
  const cases = person.cases || [];
  const caseSections = await Promise.all(cases.map((c) => caseSection(c, access)));
  if (ctx.stale()) return;
  const age = ageOn(person.date_of_birth);
  const isManager = ctx.user.role === 'manager';
  mount(ctx.root,
    access.breakGlass ? inset('You are viewing this record with a reason. This view is recorded.') : null,
    ...heading(name, person.date_of_birth ? `Born ${formatDate(person.date_of_birth)}${age !== null ? ` (age ${age})` : ''}` : 'Person'),
    person.closed_at ? warning(`This record was closed on ${formatDate(person.closed_at)}.`) : null,
    (person.alerts || []).map((a) => warning(`Alert: ${a}`)),
    actions(
      buttonLink('Edit details', `#/people/${id}/edit`, true),
      buttonLink('Add a family member', `#/people/${id}/family/add`, true),
      buttonLink('Open a case', `#/people/${id}/cases/new`, true),
      isManager ? buttonLink('Who viewed this record', `#/people/${id}/viewed`, true) : null),
    h2('Details'),
    details(person),
    h2('Family and network'),
    familySections(person),
    h2('Cases'),
    cases.length ? caseSections : p('No cases have been opened for this person.'));
}

function details(x) {
  return summaryList([
    ['Name', personName(x)],
    ['Date of birth', formatDate(x.date_of_birth)],
    ['Sex', x.sex ? labelSex(x.sex) : null],
    ['Gender', x.gender],
    ['Ethnicity', x.ethnicity ? labelEthnicity(x.ethnicity) : null],
    ['First language', x.first_language],
    ['Needs an interpreter', yesNo(x.interpreter_needed)],
    ['Religion', x.religion],
    ['Disability', yesNo(x.disability)],
    ['Special educational needs', x.send ? labelSend(x.send) : null],
    ['Address', x.address],
    ['Postcode', x.postcode],
    ['Phone', x.phone],
    ['Email', x.email],
    ['Local child id', x.local_id],
    ['UPN', x.upn],
    ['NHS number', x.nhs_number],
    ['PNC id', x.pnc_id],
  ]);
}

function familySections(person) {
  const families = person.families || [];
  if (!families.length) return p('No family or network has been recorded.');
  return families.map((f) => {
    const members = (f.members || []).filter((m) => String(m.person_id) !== String(person.id));
    const groups = [
      ['Household', members.filter((m) => m.in_household)],
      ['Wider network', members.filter((m) => !m.in_household && m.wider_network)],
      ['Other family', members.filter((m) => !m.in_household && !m.wider_network)],
    ].filter(([, list]) => list.length);
    return h('div', { class: 'govuk-!-margin-bottom-6' },
      h3(f.name || 'Family'),
      groups.length ? groups.map(([title, list]) => table({
        caption: `${title} – ${f.name || 'family'}`,
        captionClass: 'govuk-table__caption--s',
        head: ['Name', 'Relationship', 'Parental responsibility', 'Date of birth'],
        rows: list.map((m) => [
          link(personName(memberPerson(m)) || `Person ${m.person_id}`, `#/people/${m.person_id}`),
          relationshipText(m, person, f),
          m.parental_responsibility ? tag('Yes', 'purple') : 'No',
          formatDate(memberPerson(m).date_of_birth),
        ]),
      })) : p('No one else is recorded in this family yet.'));
  });
}

async function caseSection(c, access) {
  const [contacts, tasks] = await Promise.all([
    section(async () => {
      const r = await api.get('/contacts' + api.qs({ case_id: c.id, limit: 20 }), access);
      if (!r.items.length) return p('No contacts have been recorded.');
      return contactTable(r.items, 'Contacts');
    }),
    section(async () => {
      const r = await api.get('/tasks' + api.qs({ case_id: c.id, limit: 50 }), access);
      return taskTable({ caption: 'Tasks', items: r.items, showOwner: true });
    }),
  ]);
  const title = `${humanise(c.service_name || c.service_code)} – ${c.team_name}`;
  return h('section', { class: 'govuk-!-margin-bottom-8', 'aria-label': title },
    h3(title), summaryList([
      ['Status', tag(c.status)],
      ['Worker', c.worker_name],
      ['Started', formatDate(c.start_date)],
      c.end_date ? ['Ended', formatDate(c.end_date)] : null,
    ]),
    actions(buttonLink('View case', `#/cases/${c.id}`, true),
      c.status !== 'closed' ? buttonLink('Record a contact', `#/cases/${c.id}/contacts/new`, true) : null),
    contacts, tasks);
}

// contactTable(items, caption): contacts newest first.
export function contactTable(items, caption) {
  return table({
    caption, captionClass: 'govuk-table__caption--s',
    head: ['Date', 'Type', 'Joint', 'Who attended', 'Summary', 'Recorded by'],
    rows: items.map((x) => [
      h('span', { class: 'spire-nowrap' }, formatDate(x.contact_date)),
      humanise(x.contact_type),
      x.joint ? 'Yes' : 'No',
      attendees(x.attendees),
      x.summary,
      x.recorded_by_name || x.created_by_name || '',
    ]),
  });
}

function attendees(a) {
  if (!a) return '';
  const names = [...(a.people || []).map((x) => personName(x)), ...(a.practitioners || []).map((x) => x.full_name)];
  return names.join(', ');
}

// memberPerson(m): a family member's name and date of birth, whether the
// API nests them ("person") or not.
export function memberPerson(m) {
  return m.person || m;
}

// relationshipText: "Mother", or "Mother of Sam Smith" when the
// relationship is recorded to another child in the family.
function relationshipText(m, person, family) {
  const rel = humanise(m.relationship);
  if (!m.child_id || String(m.child_id) === String(person.id)) return rel;
  const other = (family.members || []).find((x) => String(x.person_id) === String(m.child_id));
  return other ? `${rel} of ${personName(memberPerson(other))}` : rel;
}
