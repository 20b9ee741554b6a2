// parenting_family_plan.js - the family's page and One Family, One Plan:
// the family's key worker, its members, the plan (what the family wants to
// change in its own words, who will do what by when, reviews, earlier
// versions), a plain-language printable plan for the family, and the
// forms to start, change and end the plan and to add and change its
// actions and reviews. The Steps to Change chart has its place on the
// family's page (<div id="steps-to-change">) and is drawn by another
// module (views/steps.js), not here.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, h2, h3, heading, p, link, table, tag, setTitle, formatDate, personName, backLink, buttonLink, button,
  actions, summaryList, inset, today, setFlash, takeFlash,
} from '../ui.js';
import { Form } from '../form.js';
import { reasonPage } from './close.js';
import { explainConflict, memberPerson, familyWith, relationshipOf } from './common.js';
import { renderStepsToChange } from './steps.js';
import { loadFamily, accessForFamily } from './access.js';
import { memberChangeLink } from './family.js';

const STATUS_COLOUR = { not_started: 'grey', in_progress: 'blue', done: 'green', no_longer_needed: 'yellow' };
const statusTag = (s) => tag(vocab.label('family_plan_action_statuses', s) || s, STATUS_COLOUR[s] || 'grey');
const hidden = (text) => h('span', { class: 'govuk-visually-hidden' }, text);

// Who owns an action, in words a parent reads.
export function ownerText(a) {
  if (a.owner_type === 'family_member') return a.owner_person_name || 'Someone in the family';
  if (a.owner_type === 'practitioner') return a.owner_user_name || 'A practitioner';
  return a.owner_agency || 'An agency';
}

// "Version 3, changed on 4 March 2024 by Sam Ward".
export function versionText(r) {
  const by = r.changed_by_name ? ` by ${r.changed_by_name}` : '';
  return `Version ${r.version}, changed on ${formatDate((r.changed_at || r.updated_at || r.created_at || '').slice(0, 10))}${by}`;
}

async function loadPlanParts(planId, access) {
  const [actionsPage, reviewsPage, plan] = await Promise.all([
    api.get(`/family-plan-actions${api.qs({ plan_id: planId, limit: 200 })}`, access),
    api.get(`/family-plan-reviews${api.qs({ plan_id: planId, limit: 200 })}`, access),
    api.get(`/family-plans/${planId}`, access),
  ]);
  return { actions: actionsPage.items, reviews: reviewsPage.items, sharedWith: plan.shared_with || [] };
}

// "Shared with": the services the family's consents share the plan with,
// each once, with who agreed; the service holding the plan sees it anyway.
function sharedWithText(current, shared) {
  const by = new Map();
  for (const x of shared) {
    const who = personName(x);
    if (!by.has(x.service)) by.set(x.service, { name: x.service_name || x.service, who: new Set() });
    if (who) by.get(x.service).who.add(who);
  }
  if (!by.size) return 'No other service: no one in the family has agreed to share it';
  return h('ul', { class: 'govuk-list' }, [...by.values()].map((s) => h('li', {},
    `${s.name}${s.who.size ? ` (agreed by ${[...s.who].join(', ')})` : ''}`)));
}

function actionsTable(items, open) {
  if (!items.length) return p('No actions have been agreed yet.');
  return table({
    caption: 'Who will do what, by when', captionClass: 'govuk-visually-hidden',
    head: ['What', 'Who', 'By when', 'Where it stands', ...(open ? ['Change'] : [])],
    rows: items.map((a) => [
      a.action, ownerText(a), a.due_date ? h('span', { class: 'spire-nowrap' }, formatDate(a.due_date)) : 'No date set',
      statusTag(a.status),
      ...(open ? [link(['Change', hidden(` the action: ${a.action}`)], `#/family-plan-actions/${a.id}/change`)] : []),
    ]),
  });
}

function reviewsTable(items, open) {
  if (!items.length) return p('The plan has not been reviewed yet.');
  return table({
    caption: 'Reviews of the plan', captionClass: 'govuk-visually-hidden',
    head: ['Date', 'What has changed, in the family\'s words', 'What the practitioner sees', 'Next review', ...(open ? ['Change'] : [])],
    rows: items.map((r) => [
      h('span', { class: 'spire-nowrap' }, formatDate(r.review_date)), r.family_words, r.practitioner_words,
      r.next_review_date ? formatDate(r.next_review_date) : 'Not set',
      ...(open ? [link(['Change', hidden(` the review of ${formatDate(r.review_date)}`)], `#/family-plan-reviews/${r.id}/change`)] : []),
    ]),
  });
}

// The plan on the family's page.
async function planSection(family, plans, access) {
  const current = plans.items.find((x) => !x.closed_at);
  const ended = plans.items.filter((x) => x.closed_at);
  const out = [h2('The family\'s plan')];
  if (!current) {
    if (plans.withheld) {
      out.push(inset('This family has a plan held by another service. It has not been shared with your service. ' +
        'An adult in the family can agree to share it: record their consent on their page.'));
    } else {
      out.push(p('The family does not have a plan yet. The family writes its plan in its own words, with the services working with it.'));
      if (!family.closed_at) out.push(actions(buttonLink('Start the family\'s plan', `#/families/${family.id}/plan/new`)));
    }
  } else {
    const parts = await loadPlanParts(current.id, access);
    // With a reason (break glass) the plan is read, never changed.
    const rw = !(access && access.breakGlass);
    out.push(
      summaryList([
        ['What the family wants to change', current.wants_to_change],
        ['What is going well', current.strengths || 'Not recorded'],
        ['Agreed on', formatDate(current.agreed_on)],
        ['Next review', current.next_review_date ? formatDate(current.next_review_date) : 'Not set'],
        ['Held by', current.team_name],
        ['Shared with', sharedWithText(current, parts.sharedWith)],
        ['Version', versionText(current)],
      ]),
      actions(
        rw ? buttonLink('Change the plan', `#/family-plans/${current.id}/change`, true) : null,
        buttonLink('Print the plan for the family', `#/family-plans/${current.id}/print`, true),
      ),
      p(link(current.version > 1 ? `See earlier versions of the plan (${current.version - 1})` : 'See the plan\'s versions',
        `#/family-plans/${current.id}/versions`)),
      h3('Who will do what, by when'),
      actionsTable(parts.actions, rw),
      rw ? actions(buttonLink('Add an action', `#/family-plans/${current.id}/actions/new`, true)) : null,
      h3('Reviews'),
      reviewsTable(parts.reviews, rw),
      rw ? actions(buttonLink('Record a review', `#/family-plans/${current.id}/reviews/new`, true)) : null,
      rw ? p(link('End the plan', `#/family-plans/${current.id}/end`)) : null,
    );
  }
  if (ended.length) {
    out.push(h3('Earlier plans'), table({
      caption: 'Plans that have ended', captionClass: 'govuk-visually-hidden',
      head: ['Agreed on', 'What the family wanted to change', 'Ended'],
      rows: ended.map((x) => [formatDate(x.agreed_on), link(x.wants_to_change, `#/family-plans/${x.id}/print`), formatDate(x.closed_at)]),
    }));
  }
  return out;
}

// What tells two families of one name apart, as other lists do
// (common.js familyWith, the caseload's "Family of ..."): the family of its
// children ("Family of Ava Smith and Ben Smith"), else who is in it, and
// always its reference ("family 12"), which two families never share.
export function familyWho(family) {
  const seen = new Set();
  const children = (family.members || []).filter((m) => m.member_type === 'child' && !m.closed_at)
    .filter((m) => !seen.has(String(m.person_id)) && seen.add(String(m.person_id)))
    .map((m) => personName(memberPerson(m))).filter(Boolean);
  const ref = `family ${family.id}`;
  if (children.length) {
    const names = children.length <= 3 ? children.join(', ').replace(/, ([^,]*)$/, ' and $1')
      : `${children.slice(0, 2).join(', ')} and ${children.length - 2} others`;
    return `Family of ${names} (${ref})`;
  }
  const others = familyWith(family, null);
  return others ? `Family ${others} (${ref})` : `Family (${ref})`;
}

// #/families/ID: the family's page.
export async function familyPage(ctx) {
  const id = Number(ctx.params[0]);
  // Out of the user's scope: the break-glass form, as on a person's page.
  const family = await loadFamily(ctx, id);
  if (!family || ctx.stale()) return;
  const access = accessForFamily(id);
  const plans = await api.get(`/family-plans${api.qs({ family_id: id, include_closed: true })}`, access);
  if (ctx.stale()) return;
  const members = family.members || [];
  const who = familyWho(family);
  setTitle(`${family.name}, ${who}`);
  const plan = await planSection(family, plans, access);
  if (ctx.stale()) return;
  const steps = h('div', { id: 'steps-to-change' });
  const changeable = !family.closed_at && !access.breakGlass;
  mount(ctx.root, takeFlash(), ...heading(family.name, who),
    access.breakGlass ? inset('You are viewing this family with a reason. This view is recorded.') : null,
    summaryList([
      ['Key worker', family.key_worker_name || 'Not named yet'],
    ]),
    // Offered only when the server's rule allows it (policy_reassign, docs/access.md).
    family.closed_at || access.breakGlass || !(family.can && family.can.reassign) ? null : actions(buttonLink(family.key_worker_id ? 'Change the key worker' : 'Name a key worker',
      `#/families/${id}/key-worker`, true)),
    h2('Members'),
    members.length ? table({
      caption: `Members of ${/^the /i.test(family.name) ? '' : 'the '}${family.name}`, captionClass: 'govuk-visually-hidden',
      head: ['Name', 'Child or adult', 'Relationship', 'Household', ...(changeable ? ['Action'] : [])],
      rows: members.map((m) => [
        link(personName(m.person || m) || `Person ${m.person_id}`, `#/people/${m.person_id}`),
        vocab.label('family_member_types', m.member_type), relationshipOf(m, members),
        m.in_household ? 'Lives in the household' : m.wider_network ? 'Wider network' : 'Other family',
        ...(changeable ? [memberChangeLink(m, id, `/families/${id}`)] : []),
      ]),
    }) : p('No one is recorded in this family yet.'),
    plan,
    // Steps to Change (views/steps.js) draws its chart here.
    steps);
  // The family's Steps to Change: its chart, table and decisions, or how
  // to score it; a family the user may not score reads as not there.
  try {
    await renderStepsToChange(steps, id, { access });
  } catch (err) {
    if (ctx.stale()) return;
    steps.replaceChildren();
  }
}

// #/families/ID/key-worker: name or change the family's key worker.
export async function keyWorkerChange(ctx) {
  const id = Number(ctx.params[0]);
  const [family, users] = await Promise.all([api.get(`/families/${id}`), api.get('/users?limit=200')]);
  if (ctx.stale()) return;
  const title = family.key_worker_id ? 'Change the key worker' : 'Name a key worker';
  setTitle(title);
  const back = `#/families/${id}`;
  // The server says whether this user may (policy_reassign).
  if (!(family.can && family.can.reassign)) {
    mount(ctx.root, backLink(back), ...heading(title),
      p('Only the family’s key worker or a manager can change who the key worker is.'));
    return;
  }
  const summary = h('div');
  const options = users.items.filter((u) => u.role !== 'admin' && u.role !== 'analyst')
    .map((u) => [String(u.id), `${u.full_name} (${u.team_name || 'no team'})`]);
  if (family.key_worker_id && !options.some(([v]) => v === String(family.key_worker_id))) {
    options.push([String(family.key_worker_id), family.key_worker_name || 'The current key worker']);
  }
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save key worker',
    values: { key_worker_id: family.key_worker_id ? String(family.key_worker_id) : '' },
    fields: [{ name: 'key_worker_id', label: 'Key worker', type: 'select', options, placeholder: 'No key worker',
      hint: 'The family\'s lead practitioner: someone who works with the family' }],
    onSubmit: async (v) => {
      const kw = v.key_worker_id ? Number(v.key_worker_id) : null;
      try {
        await api.patch(`/families/${id}`, { version: family.version, key_worker_id: kw });
      } catch (err) { throw explainConflict(err); }
      setFlash(kw ? 'The key worker has been saved.' : 'The family no longer has a key worker.');
      ctx.go(`/families/${id}`);
    },
  });
  mount(ctx.root, backLink(back), h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
    summary, ...heading(title, family.name), form.el, p(link('Cancel', back)))));
}

const PLAN_FIELDS = [
  { name: 'wants_to_change', label: 'What does the family want to change?', type: 'textarea', rows: 5,
    errorLabel: 'What the family wants to change',
    hint: 'In the family\'s own words. For example: "I need to get the kids to school. I will walk with the other parents on our route."' },
  { name: 'strengths', label: 'What is going well? (optional)', type: 'textarea', rows: 3, errorLabel: 'What is going well' },
  { name: 'agreed_on', label: 'Date the family agreed the plan', type: 'date' },
  { name: 'next_review_date', label: 'Next review (optional)', type: 'date', example: 'future', errorLabel: 'Next review' },
];

function formPage(ctx, { title, caption, back, form, summary }) {
  setTitle(title);
  mount(ctx.root, backLink(back), h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
    summary, ...heading(title, caption), form.el, p(link('Cancel', back)))));
}

// #/families/ID/plan/new
export async function planStart(ctx) {
  const id = Number(ctx.params[0]);
  const family = await api.get(`/families/${id}`);
  if (ctx.stale()) return;
  const summary = h('div');
  const title = 'Start the family\'s plan';
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save the plan', values: { agreed_on: today() }, fields: PLAN_FIELDS,
    onSubmit: async () => {
      await api.post('/family-plans', { family_id: id, ...form.body() });
      setFlash('The family\'s plan has been saved.');
      ctx.go(`/families/${id}`);
    },
  });
  formPage(ctx, { title, caption: family.name, back: `#/families/${id}`, form, summary });
}

// #/family-plans/ID/change
export async function planChange(ctx) {
  const plan = await api.get(`/family-plans/${ctx.params[0]}`);
  if (ctx.stale()) return;
  const summary = h('div');
  const title = 'Change the family\'s plan';
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes', values: plan, fields: PLAN_FIELDS,
    onSubmit: async () => {
      try {
        await api.patch(`/family-plans/${plan.id}`, { version: plan.version, ...form.body({ changedOnly: true }) });
      } catch (err) { throw explainConflict(err); }
      setFlash('The family\'s plan has been changed. The earlier version is kept.');
      ctx.go(`/families/${plan.family_id}`);
    },
  });
  formPage(ctx, { title, caption: plan.family_name, back: `#/families/${plan.family_id}`, form, summary });
}

// #/family-plans/ID/end
export async function planEnd(ctx) {
  const plan = await api.get(`/family-plans/${ctx.params[0]}`);
  if (ctx.stale()) return;
  const back = `#/families/${plan.family_id}`;
  reasonPage(ctx, {
    title: 'End the family\'s plan', caption: plan.family_name, back, submitText: 'End the plan',
    rows: [['What the family wants to change', plan.wants_to_change], ['Agreed on', formatDate(plan.agreed_on)]],
    warn: 'Once ended, nothing more can be added to this plan. It is kept, and a new plan can be started.',
    closedText: plan.closed_at ? `This plan ended on ${formatDate(plan.closed_at)}.` : null,
    reasonLabel: 'Why is the plan ending?',
    reasonHint: 'For example, the family has made the changes it wanted',
    send: async (reason) => {
      await api.post(`/family-plans/${plan.id}/close`, { version: plan.version, reason });
      setFlash('The family\'s plan has ended.');
      ctx.go(`/families/${plan.family_id}`);
    },
  });
}

// The practitioners who could own an action, by team: the user's own team
// first (the user first in it), then the other teams by name, so that a
// worker is found by where they work rather than in one list of everyone.
function staffByTeam(users, me) {
  const teams = new Map();
  for (const u of users) {
    if (u.role === 'admin' || u.role === 'analyst' || u.disabled_at) continue;
    const mine = u.team_id && u.team_id === me.team_id;
    const key = mine ? '' : (u.team_name || 'No team');
    if (!teams.has(key)) teams.set(key, []);
    teams.get(key).push(u);
  }
  const own = (teams.get('') || [])[0];
  const name = (k) => (k === '' ? `Your team${own && own.team_name ? ` (${own.team_name})` : ''}` : k);
  return [...teams.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))).map((k) => ({
    group: name(k),
    options: teams.get(k)
      .sort((a, b) => (a.id === me.id ? -1 : b.id === me.id ? 1 : a.full_name.localeCompare(b.full_name)))
      .map((u) => [String(u.id), u.id === me.id ? `${u.full_name} (you)` : u.full_name]),
  }));
}

function actionFields(plan, users, me) {
  const people = (plan.members || []).map((m) => [String(m.person_id), personName(m)]);
  const staff = staffByTeam(users, me);
  return [
    { name: 'action', label: 'What will be done?', type: 'textarea', rows: 3, errorLabel: 'What will be done' },
    { name: 'owner_type', label: 'Who will do it?', type: 'radios', options: vocab.options('family_plan_owner_types'), errorLabel: 'Who will do it' },
    { name: 'owner_person_id', label: 'Who in the family? (if someone in the family)', type: 'select', options: people, placeholder: 'Not someone in the family', errorLabel: 'Who in the family' },
    { name: 'owner_agency', label: 'Which agency or service? (if an agency)', width: 30, errorLabel: 'Agency or service' },
    { name: 'owner_user_id', label: 'Which practitioner? (if a named practitioner)', type: 'select', options: staff, placeholder: 'Not a named practitioner', errorLabel: 'Practitioner' },
    { name: 'due_date', label: 'By when? (optional)', type: 'date', example: 'future', errorLabel: 'By when' },
    { name: 'status', label: 'Where does it stand?', type: 'radios', options: vocab.options('family_plan_action_statuses'), errorLabel: 'Where it stands' },
    { name: 'notes', label: 'Notes (optional)', type: 'textarea', rows: 3, errorLabel: 'Notes' },
  ];
}

// Only the owner field that goes with the owner type is sent (Spire
// empties the others); an edit sends what changed.
function actionBody(form, changedOnly = false) {
  const type = form.values().owner_type;
  const b = form.body({ changedOnly });
  for (const [t, key] of [['family_member', 'owner_person_id'], ['agency', 'owner_agency'], ['practitioner', 'owner_user_id']]) {
    if (type !== t) delete b[key];
    else if (key !== 'owner_agency' && b[key]) b[key] = Number(b[key]);
  }
  return b;
}

// #/family-plans/ID/actions/new
export async function actionAdd(ctx) {
  const [plan, users] = await Promise.all([api.get(`/family-plans/${ctx.params[0]}`), api.get('/users?limit=200')]);
  if (ctx.stale()) return;
  const summary = h('div');
  const title = 'Add an action to the family\'s plan';
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save the action', values: { status: 'not_started' },
    fields: actionFields(plan, users.items, ctx.user),
    onSubmit: async () => {
      await api.post('/family-plan-actions', { plan_id: plan.id, ...actionBody(form) });
      setFlash('The action has been added to the plan.');
      ctx.go(`/families/${plan.family_id}`);
    },
  });
  formPage(ctx, { title, caption: plan.family_name, back: `#/families/${plan.family_id}`, form, summary });
}

// #/family-plan-actions/ID/change
export async function actionChange(ctx) {
  const a = await api.get(`/family-plan-actions/${ctx.params[0]}`);
  const [plan, users] = await Promise.all([api.get(`/family-plans/${a.plan_id}`), api.get('/users?limit=200')]);
  if (ctx.stale()) return;
  const summary = h('div');
  const title = 'Change an action on the family\'s plan';
  const values = { ...a };
  for (const k of ['owner_person_id', 'owner_user_id']) values[k] = a[k] ? String(a[k]) : '';
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes', values, fields: actionFields(plan, users.items, ctx.user),
    onSubmit: async () => {
      const b = actionBody(form, true);
      try {
        await api.patch(`/family-plan-actions/${a.id}`, { version: a.version, ...b });
      } catch (err) { throw explainConflict(err); }
      setFlash('The action has been changed.');
      ctx.go(`/families/${plan.family_id}`);
    },
  });
  formPage(ctx, { title, caption: plan.family_name, back: `#/families/${plan.family_id}`, form, summary });
}

const REVIEW_FIELDS = [
  { name: 'review_date', label: 'Date of the review', type: 'date', errorLabel: 'Date of the review' },
  { name: 'family_words', label: 'What has changed, in the family\'s words', type: 'textarea', rows: 4, errorLabel: 'What has changed, in the family\'s words' },
  { name: 'practitioner_words', label: 'What has changed, as the practitioner sees it', type: 'textarea', rows: 4, errorLabel: 'What the practitioner sees' },
  { name: 'next_review_date', label: 'Next review (optional)', type: 'date', example: 'future', errorLabel: 'Next review' },
];

// #/family-plans/ID/reviews/new
export async function reviewAdd(ctx) {
  const plan = await api.get(`/family-plans/${ctx.params[0]}`);
  if (ctx.stale()) return;
  const summary = h('div');
  const title = 'Record a review of the family\'s plan';
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save the review', values: { review_date: today() }, fields: REVIEW_FIELDS,
    onSubmit: async () => {
      await api.post('/family-plan-reviews', { plan_id: plan.id, ...form.body() });
      setFlash('The review has been saved.');
      ctx.go(`/families/${plan.family_id}`);
    },
  });
  formPage(ctx, { title, caption: plan.family_name, back: `#/families/${plan.family_id}`, form, summary });
}

// #/family-plan-reviews/ID/change
export async function reviewChange(ctx) {
  const r = await api.get(`/family-plan-reviews/${ctx.params[0]}`);
  const plan = await api.get(`/family-plans/${r.plan_id}`);
  if (ctx.stale()) return;
  const summary = h('div');
  const title = 'Change a review of the family\'s plan';
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes', values: r, fields: REVIEW_FIELDS,
    onSubmit: async () => {
      try {
        await api.patch(`/family-plan-reviews/${r.id}`, { version: r.version, ...form.body({ changedOnly: true }) });
      } catch (err) { throw explainConflict(err); }
      setFlash('The review has been changed.');
      ctx.go(`/families/${plan.family_id}`);
    },
  });
  formPage(ctx, { title, caption: plan.family_name, back: `#/families/${plan.family_id}`, form, summary });
}

// #/family-plans/ID/versions: every version, the latest first.
export async function planVersions(ctx) {
  const id = Number(ctx.params[0]);
  const [plan, versions] = await Promise.all([api.get(`/family-plans/${id}`), api.get(`/family-plans/${id}/versions`)]);
  if (ctx.stale()) return;
  const title = 'Versions of the family\'s plan';
  setTitle(title);
  mount(ctx.root, backLink(`#/families/${plan.family_id}`), ...heading(title, plan.family_name),
    p('Every change keeps the version it replaced. The latest comes first.'),
    versions.items.map((v) => [
      h2(versionText(v)),
      summaryList([
        ['What the family wants to change', v.record.wants_to_change],
        ['What is going well', v.record.strengths || 'Not recorded'],
        ['Agreed on', formatDate(v.record.agreed_on)],
        ['Next review', v.record.next_review_date ? formatDate(v.record.next_review_date) : 'Not set'],
      ]),
    ]));
}

// #/family-plans/ID/print: the plan in plain English for the family, with
// no service navigation or buttons when printed.
export async function planPrint(ctx) {
  const id = Number(ctx.params[0]);
  const plan = await api.get(`/family-plans/${id}`);
  const [parts, family] = await Promise.all([loadPlanParts(id), api.get(`/families/${plan.family_id}`)]);
  if (ctx.stale()) return;
  const title = 'Our family plan';
  setTitle(`${title}: ${plan.family_name}`);
  const latest = parts.reviews[0];
  mount(ctx.root, h('div', { class: 'spire-no-print' }, backLink(`#/families/${plan.family_id}`)),
    ...heading(title, plan.family_name),
    plan.closed_at ? inset(`This plan ended on ${formatDate(plan.closed_at)}.`) : null,
    h2('What we want to change'),
    p(plan.wants_to_change, 'govuk-body-l'),
    plan.strengths ? [h2('What is going well'), p(plan.strengths)] : null,
    // The table's own caption is the section's heading: a heading and a
    // caption of the same words read "Who will do what, by when" twice
    // (walker, session 23).
    parts.actions.length ? table({
      caption: 'Who will do what, by when', captionClass: 'govuk-table__caption--m',
      head: ['Who', 'What they will do', 'By when', 'Done yet?'],
      rows: parts.actions.map((a) => [ownerText(a), a.action, a.due_date ? formatDate(a.due_date) : 'No date set',
        vocab.label('family_plan_action_statuses', a.status)]),
    }) : [h2('Who will do what, by when'), p('We have not agreed any actions yet.')],
    h2('How it is going'),
    latest ? summaryList([
      ['Last looked at together', formatDate(latest.review_date)],
      ['What you told us', latest.family_words],
      ['What your worker sees', latest.practitioner_words],
    ]) : p('We have not looked at the plan together yet.'),
    h2('What happens next'),
    p(plan.next_review_date || latest?.next_review_date
      ? `We will look at the plan together again on ${formatDate(latest?.next_review_date || plan.next_review_date)}.`
      : 'We will agree a date to look at the plan together again.'),
    family.key_worker_name ? p(`Your key worker is ${family.key_worker_name}. Talk to them if anything changes or you need help.`) : null,
    p(`We agreed this plan on ${formatDate(plan.agreed_on)}. ${versionText(plan)}.`, 'govuk-body-s'),
    h('div', { class: 'spire-no-print' }, actions(button('Print this plan', { secondary: true, onClick: () => window.print() }))));
}
