// family.js - add someone to a child's family or network: pick or start a
// family, find or add the person (with the duplicate check), and record
// their relationship to the child, parental responsibility and household.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import { mount, h, heading, p, link, setTitle, personName, backLink, setFlash, summaryList, formatDate } from '../ui.js';
import { Form } from '../form.js';
import { loadPerson, accessFor, loadFamily, accessForFamily } from './access.js';
import { duplicatePanel } from './person_form.js';
import { familyWith, explainConflict, memberPerson } from './common.js';
import { ageOn, isChild } from './person.js';

// What someone may be to the child: the API's relationships (vocab.js)
// but "child", which is the child's own membership.
export const relationships = () => vocab.options('family_relationships').filter(([code]) => code !== 'child');

export async function familyAdd(ctx) {
  const childId = Number(ctx.params[0]);
  const child = await loadPerson(ctx, childId);
  if (!child || ctx.stale()) return;
  const access = accessFor(childId);
  // A family member is recorded by their relationship to this child, and
  // a new family starts with this child in it: an adult's page has no such
  // child (an adult made a "child" of a new family otherwise).
  const age = ageOn(child.date_of_birth);
  if (age !== null && age >= 18 && !isChild(child, age)) {
    setTitle('Add a family member');
    mount(ctx.root, backLink(`#/people/${childId}`), ...heading('Add family members from the child\'s page'),
      p(`Family members are recorded by their relationship to a child. Open the page of ${personName(child)}'s child and add them there.`),
      p(link(`Back to ${personName(child)}`, `#/people/${childId}`)));
    return;
  }
  const families = child.families || [];
  const title = `Add a family member for ${personName(child)}`;
  setTitle(title);
  const summary = h('div');
  const dupSlot = h('div');
  let createdFamily = null; /* reused if a later step fails */
  let chosenPerson = null;

  const familyField = families.length
    ? [{ name: 'family', label: 'Which family?', type: 'radios', virtual: true,
      options: [...families.map((f) => [f.id, [f.name, familyWith(f, child.id)].filter(Boolean).join(', ')]), ['new', 'A new family']], legendSize: 'm' },
    { name: 'name', label: 'Name of the new family', hint: 'Only if you chose a new family. For example, the Smith family', width: 20 }]
    : [{ name: 'name', label: 'Name of the family', hint: 'For example, the Smith family', width: 20 }];

  async function ensureFamily(v) {
    if (families.length && v.family && v.family !== 'new') return Number(v.family);
    if (families.length && !v.family) {
      const e = new Error('Choose a family'); e.status = 400; e.field = 'family'; e.message = 'Choose which family, or a new family';
      throw e;
    }
    if (createdFamily) return createdFamily;
    const fam = await api.post('/families', { name: v.name }, access);
    createdFamily = fam.id;
    await api.post(`/families/${fam.id}/members`, {
      person_id: childId, member_type: 'child', relationship: 'child', in_household: true,
    }, access);
    return createdFamily;
  }

  async function ensurePerson(v, allowDuplicate) {
    if (chosenPerson) return chosenPerson;
    const body = { given_name: v.given_name, family_name: v.family_name };
    if (v.date_of_birth) body.date_of_birth = v.date_of_birth;
    // The family chosen, so that the check says who is already in it.
    const familyId = families.length && v.family && v.family !== 'new' ? Number(v.family) : null;
    if (familyId) body.family_id = familyId;
    if (allowDuplicate) body.allow_duplicate = true;
    try {
      const rec = await api.post('/people', body);
      chosenPerson = rec.id;
      return rec.id;
    } catch (err) {
      if (err.status === 409 && err.code === 'possible_duplicate') {
        const retry = (use) => async () => {
          if (use) chosenPerson = use.id;
          try {
            await finish(form.values(), !use);
          } catch (e2) {
            form.showErrors(e2.list ? e2.list() : [{ field: e2.field, message: e2.message }]);
          }
        };
        const panel = duplicatePanel(err.error.duplicates || [], retry(null), {
          anywayText: 'None of these – add a new person',
          onUse: (d) => retry(d)(),
          note: (d) => alreadyIn(d, child),
        });
        dupSlot.replaceChildren(panel);
        panel.querySelector('h2').focus();
        return null;
      }
      throw err;
    }
  }

  async function finish(v, allowDuplicate = false) {
    const relationship = v.relationship;
    if (!relationship) {
      const e = new Error(); e.status = 400; e.field = 'relationship'; e.message = 'Choose their relationship to the child';
      throw e;
    }
    const personId = await ensurePerson(v, allowDuplicate);
    if (!personId) return;
    const familyId = await ensureFamily(v);
    await api.post(`/families/${familyId}/members`, {
      person_id: personId, member_type: v.member_type || 'adult', relationship, child_id: childId,
      parental_responsibility: v.parental_responsibility, in_household: v.in_household,
      wider_network: v.wider_network,
    }, access);
    setFlash(`${v.given_name || 'The person'} ${v.family_name || ''}`.trim() + ` has been added to the family as ${personName(child)}’s ${vocab.label('family_relationships', relationship).toLowerCase()}.`);
    ctx.go(`/people/${childId}`);
  }

  const form = new Form({
    title, summarySlot: summary, submitText: 'Add to family',
    fields: [
      ...familyField,
      { section: 'The family member' },
      { name: 'given_name', label: 'First name', width: 20 },
      { name: 'family_name', label: 'Last name', width: 20 },
      { name: 'date_of_birth', label: 'Date of birth (optional)', type: 'date', example: 'adult_birth' },
      { name: 'member_type', label: 'Are they a child or an adult?', type: 'radios', inline: true, options: vocab.options('family_member_types') },
      { name: 'relationship', label: `Relationship to ${personName(child)}`, type: 'select', options: relationships() },
      { name: 'parental_responsibility', label: 'Has parental responsibility', type: 'checkbox' },
      { name: 'in_household', label: 'Lives in the household', type: 'checkbox' },
      { name: 'wider_network', label: 'Part of the wider network (support from outside the household)', type: 'checkbox' },
    ],
    values: { member_type: 'adult' },
    onSubmit: async (v) => {
      dupSlot.replaceChildren();
      chosenPerson = null;
      await finish(v);
    },
  });
  mount(ctx.root, backLink(`#/people/${childId}`),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title), dupSlot,
      p('If they are already on Spire, enter their name and date of birth: you will be offered their record.'),
      form.el, p(link('Cancel', `#/people/${childId}`)))));
}

// alreadyIn(d, child): for a possible match d already in the family chosen
// as child's relative, or as a child of the family, the words saying so (the
// API refuses them as a second membership: their own is changed instead);
// null when they may be added (not in it, or in it for another child only:
// a mother of two is recorded for each).
export function alreadyIn(d, child) {
  const mine = (d.family_memberships || []).filter((m) => !m.child_id || Number(m.child_id) === Number(child.id));
  if (!mine.length) return null;
  const as = mine.map((m) => (m.child_id
    ? `${personName(child)}’s ${vocab.label('family_relationships', m.relationship).toLowerCase()}`
    : m.relationship === 'child' ? 'a child of the family' : vocab.label('family_relationships', m.relationship).toLowerCase()));
  return `${personName(d)} is already in this family as ${as.join(' and ')}`;
}

// memberChangeLink(m, familyId, back): "Change" for member m of a family,
// naming them for a screen reader; back is the page to return to.
export function memberChangeLink(m, familyId, back) {
  return h('a', { class: 'govuk-link', href: `#/families/${familyId}/members/${m.id}/edit?back=${encodeURIComponent(back)}` },
    'Change', h('span', { class: 'govuk-visually-hidden' }, ` ${personName(memberPerson(m)) || 'this member'}’s relationship to the family`));
}

// #/families/F/members/M/edit: correct how someone belongs to a family:
// their relationship to the child, parental responsibility, and whether
// they live in the household or support it from the wider network. The
// version read goes with the change (409 when someone changed it since).
export async function memberChange(ctx) {
  const familyId = Number(ctx.params[0]);
  const memberId = Number(ctx.params[1]);
  const family = await loadFamily(ctx, familyId);
  if (!family || ctx.stale()) return;
  const m = (family.members || []).find((x) => Number(x.id) === memberId);
  const back = /^\/(people|families)\/\d+$/.test(ctx.query.get('back') || '') ? `#${ctx.query.get('back')}` : `#/families/${familyId}`;
  const name = personName(memberPerson(m || {})) || 'this person';
  const title = `Change how ${name} belongs to the family`;
  setTitle(title);
  if (!m) {
    mount(ctx.root, backLink(back), ...heading('This member is no longer in the family', family.name),
      p('They may have been removed or changed by someone else.'), p(link('Go back', back)));
    return;
  }
  const own = m.relationship === 'child';
  const child = (family.members || []).find((x) => String(x.person_id) === String(m.child_id));
  const childName = child ? personName(memberPerson(child)) : 'the child';
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes',
    values: m,
    fields: [
      ...(own ? [] : [{ name: 'relationship', label: `Relationship to ${childName}`, type: 'select', options: relationships() }]),
      ...(own ? [] : [{ name: 'parental_responsibility', label: 'Has parental responsibility', type: 'checkbox', sendFalse: true }]),
      { name: 'in_household', label: 'Lives in the household', type: 'checkbox', sendFalse: true },
      { name: 'wider_network', label: 'Part of the wider network (support from outside the household)', type: 'checkbox', sendFalse: true },
    ],
    onSubmit: async () => {
      try {
        await api.patch(`/family-members/${memberId}`, { version: m.version, ...form.body() }, accessForFamily(familyId));
      } catch (err) {
        throw explainConflict(err);
      }
      setFlash(`${name}’s place in the family has been changed.`);
      ctx.go(back.slice(1));
    },
  });
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, family.name),
      summaryList([['Name', name], ['Date of birth', formatDate(memberPerson(m).date_of_birth)]]),
      form.el, p(link('Cancel', back)))));
}
