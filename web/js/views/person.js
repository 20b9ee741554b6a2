// person.js - a person's page: details, alerts, the whole family and
// network around them, their cases with contacts and tasks, their consents
// to share information, and the ways to change or close each. Reaching a
// record outside the user's scope (break glass) is in access.js.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, p, h2, h3, link, table, tag, setTitle, formatDate, personName, summaryList, warning,
  buttonLink, actions, humanise, inset, heading, takeFlash, today, counted,
} from '../ui.js';
import { labelSex, labelEthnicity, labelSend } from './people_fields.js';
import { section, taskTable, memberPerson, familyWith, relationshipOf, PAGE_SIZE } from './common.js';
import { loadPerson, accessFor } from './access.js';
import { consentSection } from './consents.js';
import { resourceSections } from './resources.js';
import { glanceSection } from './team.js';
import { portalStatus } from './parent_invite.js';
import { memberChangeLink } from './family.js';

const yesNo = (v) => (v === true || v === 1 ? 'Yes' : v === false || v === 0 ? 'No' : null);
// sentence(t): t ending in one full stop (a reason typed with its own is not given a second).
const sentence = (t) => (/[.!?]$/.test(t.trim()) ? t.trim() : `${t.trim()}.`);

// ageOn(dob): whole years from dob to today's UK date.
export function ageOn(dob) {
  if (!dob) return null;
  const now = today();
  let a = Number(now.slice(0, 4)) - Number(dob.slice(0, 4));
  if (now.slice(5, 10) < dob.slice(5, 10)) a -= 1;
  return a;
}

// isChild(person, age): under 16, or recorded as a child in a family (their
// page offers adding family members; see portalBarred for the portal).
export function isChild(person, age) {
  if (age !== null && age < 16) return true;
  return (person.families || []).some((f) => (f.members || [])
    .some((m) => String(m.person_id) === String(person.id) && m.member_type === 'child' && !m.closed_at));
}

// portalBarred(person, age): no parent portal account: under 16, or
// recorded as a child in a family and nowhere as a parent with parental
// responsibility (a young mother who is a child in her own mother's family
// is invited as the parent she is in her own; the API decides the same).
export function portalBarred(person, age) {
  if (age !== null && age < 16) return true;
  const own = (person.families || []).flatMap((f) => f.members || [])
    .filter((m) => String(m.person_id) === String(person.id) && !m.closed_at);
  return own.some((m) => m.member_type === 'child')
    && !own.some((m) => m.member_type === 'adult' && m.parental_responsibility);
}

export async function personPage(ctx) {
  const id = ctx.params[0];
  const person = await loadPerson(ctx, id);
  if (!person || ctx.stale()) return;
  const name = personName(person);
  setTitle(name);
  const access = accessFor(id);
  const cases = person.cases || [];
  const open = !person.closed_at;
  // A record read with a reason is read only (docs/access.md, "Break
  // glass"): nothing that would change it is offered, as on a case's page.
  const writable = open && !access.breakGlass;
  const [caseSections, consents, services, described, glance] = await Promise.all([
    Promise.all(cases.map((c) => caseSection(c, access))),
    consentSection(ctx, person, access, writable),
    api.get('/services'),
    resourceSections(ctx, 'person', person, access, writable),
    glanceSection(ctx, person, access),
  ]);
  // Offer "Open a case" only to a user whose role opens cases in their
  // own service (GET /services says which).
  const opensCases = services.items.some((x) => x.opens_cases && x.id === ctx.user.service_id);
  if (ctx.stale()) return;
  const age = ageOn(person.date_of_birth);
  // Whether they have a parent portal account or a code waiting, where
  // the invitation is offered (docs/parenting.md "Parent accounts").
  const invitable = !person.closed_at && !access.breakGlass && !portalBarred(person, age);
  const portal = invitable ? await api.get(`/people/${id}/parent-account`, access).catch(() => null) : null;
  if (ctx.stale()) return;
  const isManager = ctx.user.role === 'manager';
  mount(ctx.root,
    takeFlash(),
    access.breakGlass ? inset('You are viewing this record with a reason. This view is recorded. Nothing can be changed from it.') : null,
    ...heading(name, person.date_of_birth ? `Born ${formatDate(person.date_of_birth)}${age !== null ? ` (age ${age})` : ''}` : 'Person'),
    open ? null : h('div', { id: 'record-closed' }, tag('Closed'),
      warning(`This record was closed on ${formatDate(person.closed_at)}. Reason: ${sentence(person.closed_reason || 'not recorded')}`)),
    (person.alerts || []).map((a) => warning(`Alert: ${a}`)),
    glance,
    actions(
      writable ? buttonLink('Edit details', `#/people/${id}/edit`, true) : null,
      // Family members are recorded against a child (their relationship
      // to the child): not offered on an adult's page (family.js says so too).
      writable && (age === null || age < 18 || isChild(person, age)) ? buttonLink('Add a family member', `#/people/${id}/family/add`, true) : null,
      // A parent with a parenting support case: their support, sessions
      // and plan (docs/parenting.md).
      ['parent_worker', 'manager'].includes(ctx.user.role) && cases.some((c) => c.service_code === 'parenting')
        ? buttonLink('Parent support', `#/parenting/people/${id}`, true) : null,
      open && ctx.user.role !== 'yjs_officer' ? buttonLink('Peer mentors', `#/people/${id}/peer`, true) : null,
      writable && opensCases ? buttonLink('Open a case', `#/people/${id}/cases/new`, true) : null,
      // A parent's account is made from their own record, by whoever may
      // change it (docs/parenting.md "Parent accounts").
      // Never for a child (under 16, or a child member of a family).
      writable && !portalBarred(person, age) ? buttonLink('Invite to the parent portal', `#/people/${id}/parent-portal`, true) : null,
      isManager ? buttonLink('Who viewed this record', `#/people/${id}/viewed`, true) : null,
      isManager && !access.breakGlass ? buttonLink(open ? 'Merge a duplicate' : 'Merges', `#/people/${id}/merge`, true) : null,
      access.breakGlass ? null : open ? buttonLink('Close this record', `#/people/${id}/close`, true)
        : buttonLink('Reopen this record', `#/people/${id}/close`, true)),
    h2('Details'),
    details(person),
    portal ? [h2('Parent portal'), portalStatus(name, portal)] : null,
    h2('Family and network'),
    familySections(person, writable),
    h2('Cases'),
    cases.length ? caseSections : p('There are no cases for this person that you can open.'),
    h2('Consent to share information'),
    consents,
    described);
}

function details(x) {
  // Under 18 on today's UK date, or no date of birth: the child-only
  // details (school identifiers, special educational needs) apply; an
  // adult's show only when recorded.
  const age = ageOn(x.date_of_birth);
  const child = age === null || age < 18;
  const childOnly = (row) => (child || (row[1] !== null && row[1] !== undefined && row[1] !== '') ? row : null);
  return summaryList([
    ['Name', personName(x)],
    ['Person number', x.id === undefined || x.id === null ? null : String(x.id)],
    ['Date of birth', formatDate(x.date_of_birth)],
    ['Sex', x.sex ? labelSex(x.sex) : null],
    ['Gender', x.gender],
    ['Ethnicity', x.ethnicity ? labelEthnicity(x.ethnicity) : null],
    ['First language', x.first_language],
    ['Needs an interpreter', yesNo(x.interpreter_needed)],
    ['Religion', x.religion],
    ['Disability', yesNo(x.disability)],
    childOnly(['Special educational needs', x.send ? labelSend(x.send) : null]),
    ['Address', x.address],
    ['Postcode', x.postcode],
    ['Phone', x.phone],
    ['Email', x.email],
    childOnly(['Local child id', x.local_id]),
    childOnly(['UPN', x.upn]),
    ['NHS number', x.nhs_number],
    ['PNC id', x.pnc_id],
  ].filter(Boolean));
}

// A family the user may not open is shown only as the team holding it
// (docs/access.md, "A person's page").
function familiesElsewhere(person) {
  return (person.families_elsewhere || []).map((t) => p(t.team_name
    ? `Also in a family held by ${t.team_name}. You cannot open it.`
    : 'Also in a family held by another team. You cannot open it.'));
}

function familySections(person, changeable) {
  const families = person.families || [];
  const elsewhere = familiesElsewhere(person);
  if (!families.length) return elsewhere.length ? elsewhere : p('No family or network has been recorded.');
  return [...families.map((f) => {
    const members = (f.members || []).filter((m) => String(m.person_id) !== String(person.id));
    const groups = [
      ['Household', members.filter((m) => m.in_household)],
      ['Wider network', members.filter((m) => !m.in_household && m.wider_network)],
      ['Other family', members.filter((m) => !m.in_household && !m.wider_network)],
    ].filter(([, list]) => list.length);
    return h('div', { class: 'govuk-!-margin-bottom-6' },
      h3(f.name || 'Family'),
      familyWith(f, person.id) ? p(familyWith(f, person.id), 'govuk-body-s') : null,
      p(link(['The family\'s page and plan', h('span', { class: 'govuk-visually-hidden' }, `: ${f.name || 'family'}`)], `#/families/${f.id}`)),
      groups.length ? groups.map(([title, list]) => table({
        caption: `${title} – ${f.name || 'family'}`,
        captionClass: 'govuk-table__caption--s',
        head: ['Name', 'Relationship', 'Parental responsibility', 'Date of birth', ...(changeable ? ['Action'] : [])],
        rows: list.map((m) => [
          link(personName(memberPerson(m)) || `Person ${m.person_id}`, `#/people/${m.person_id}`),
          relationshipText(m, person, f),
          m.parental_responsibility ? tag('Yes', 'purple') : 'No',
          formatDate(memberPerson(m).date_of_birth),
          ...(changeable ? [memberChangeLink(m, f.id, `/people/${person.id}`)] : []),
        ]),
      })) : p('No one else is recorded in this family yet.'),
      p(link(['Steps to Change', h('span', { class: 'govuk-visually-hidden' }, `: ${f.name || 'family'}`)], `#/families/${f.id}/steps-to-change`)),
      changeable ? actions(buttonLink(['Close this family', h('span', { class: 'govuk-visually-hidden' }, `: ${f.name || 'family'}`)],
        `#/people/${person.id}/families/${f.id}/close`, true)) : null);
  }), ...elsewhere];
}

async function caseSection(c, access) {
  const more = (what) => p(link(`See all ${what} on the case page`, `#/cases/${c.id}`));
  const [contacts, tasks] = await Promise.all([
    section(async () => {
      const r = await api.get('/contacts' + api.qs({ case_id: c.id, limit: PAGE_SIZE }), access);
      if (!r.items.length) return p('No contacts have been recorded.');
      return [contactTable(r.items, r.has_more ? `Latest ${counted(r.items.length, 'contact')}` : 'Contacts'), r.has_more ? more('contacts') : null];
    }),
    section(async () => {
      const r = await api.get('/tasks' + api.qs({ case_id: c.id, limit: PAGE_SIZE }), access);
      return [taskTable({ caption: 'Tasks', items: r.items, showOwner: true }), r.has_more ? more('tasks') : null];
    }),
  ]);
  const title = `${c.service_name || humanise(c.service_code)} – ${c.team_name}`;
  return h('section', { class: 'govuk-!-margin-bottom-8', 'aria-label': title },
    h3(title), summaryList([
      ['Status', tag(c.status)],
      ['Worker', c.worker_name],
      ['Started', formatDate(c.start_date)],
      c.end_date ? ['Ended', formatDate(c.end_date)] : null,
    ]),
    actions(buttonLink('View case', `#/cases/${c.id}`, true),
      c.status !== 'closed' && !access.breakGlass ? buttonLink('Record a contact', `#/cases/${c.id}/contacts/new`, true) : null,
      c.status !== 'closed' && !access.breakGlass ? buttonLink(['Add a task', h('span', { class: 'govuk-visually-hidden' }, `: ${title}`)], `#/cases/${c.id}/tasks/new`, true) : null),
    contacts, tasks);
}

// contactTable(items, caption): contacts newest first, each with when and
// for how long, what happened and whether the child was seen (alone).
// contactTable(items, caption, correctable): with correctable, each row
// links to changing the contact and to marking it entered in error.
export function contactTable(items, caption, correctable = false) {
  return table({
    caption, captionClass: 'govuk-table__caption--s',
    head: ['Date', 'Type', 'What happened', 'Joint', 'Who attended', 'Summary', 'Recorded by', ...(correctable ? ['Action'] : [])],
    rows: items.map((x) => [
      h('span', { class: 'spire-nowrap' }, formatDate(x.contact_date),
        x.contact_time ? h('br') : null, x.contact_time || null,
        x.duration_minutes ? h('br') : null, x.duration_minutes ? `${x.duration_minutes} minutes` : null),
      [vocab.label('contact_types', x.contact_type), x.location ? h('br') : null, x.location || null],
      contactOutcome(x),
      x.joint ? 'Yes' : 'No',
      attendees(x.attendees),
      x.summary,
      x.recorded_by_name || x.created_by_name || '',
      ...(correctable ? [contactActions(x)] : []),
    ]),
  });
}

function contactActions(x) {
  const which = h('span', { class: 'govuk-visually-hidden' }, ` the contact on ${formatDate(x.contact_date)}`);
  return h('ul', { class: 'govuk-list govuk-!-margin-bottom-0' },
    h('li', {}, h('a', { class: 'govuk-link', href: `#/contacts/${x.id}/edit` }, 'Change', which.cloneNode(true))),
    h('li', {}, h('a', { class: 'govuk-link', href: `#/contacts/${x.id}/close` }, 'Entered in error',
      h('span', { class: 'govuk-visually-hidden' }, `: mark the contact on ${formatDate(x.contact_date)}`))));
}

// What happened at a contact: its outcome, whether the child was seen
// (alone), and a tag when it is significant.
function contactOutcome(x) {
  const seen = x.child_seen === true ? (x.seen_alone === true ? 'Child seen alone' : 'Child seen')
    : x.child_seen === false ? 'Child not seen' : null;
  const parts = [x.outcome ? vocab.label('contact_outcomes', x.outcome) : null, seen].filter(Boolean);
  return h('span', {}, parts.join('. '), x.significant ? [parts.length ? ' ' : null, tag('Significant', 'purple')] : null);
}

function attendees(a) {
  if (!a) return '';
  const names = [...(a.people || []).map((x) => personName(x)), ...(a.practitioners || []).map((x) => x.full_name)];
  return names.join(', ');
}

// relationshipText: "Mother", or "Mother of Sam Smith" when the
// relationship is recorded to another child in the family; on an adult's
// page a child's row also says what the adult is to them ("Child: Dee
// Smith is their mother"), as the child's page says it from the other side.
function relationshipText(m, person, family) {
  const rel = vocab.label('family_relationships', m.relationship);
  const own = (family.members || []).find((x) => String(x.person_id) === String(person.id) &&
    String(x.child_id) === String(m.person_id));
  if (own && own.relationship && own.relationship !== 'child') {
    const mine = vocab.label('family_relationships', own.relationship) || own.relationship;
    return `${rel}: ${personName(person)} is their ${mine.toLowerCase()}`;
  }
  if (!m.child_id || String(m.child_id) === String(person.id)) return rel;
  return relationshipOf(m, family.members);
}
