// parenting.js - the parent worker's pathway (docs/parenting.md, "Parent
// support"): the parent worker's home page (parents to meet, my parents,
// what is due and overdue, parents not seen at the start, a review or the
// end of their child's intervention) from one request; recording a
// parent's agreement to support; the parent's page (support around each
// child, sessions, behaviour contracts, the support plan); the section on
// a child's youth justice case that shows support is in place; and the
// misses section on a manager's page. Sessions and plan items are added,
// changed and closed on the generic record pages (resources.js).
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, heading, p, h2, link, table, tag, setTitle, formatDate, personName, backLink, buttonLink, actions,
  today, setFlash, takeFlash, summaryList, counted,
} from '../ui.js';
import { Form } from '../form.js';
import { accessFor } from './access.js';
import { section } from './common.js';
import { dueTag } from './yj_common.js';

// A date something is due on, marked "Overdue" once it has passed (UK
// civil dates): a planned session not yet recorded, a review not held.
const dueDate = (d) => (d && d < today()
  ? h('span', {}, nowrap(formatDate(d)), ' ', tag('Overdue', 'red'))
  : nowrap(formatDate(d)));

const label = (name, code) => (code ? vocab.label(name, code) : '');
const POINT = { start: 'Start', review: 'Review', end: 'End' };
const SUPPORT_STATUS = {
  to_ask: ['Not asked yet', 'grey'], active: ['Supported', 'green'], declined: ['Declined', 'orange'],
  not_reached: ['Could not be reached', 'yellow'], ended: ['Ended', 'grey'],
};
const DUE = {
  session: 'Session', contract_review: 'Behaviour contract review', support_review: 'Support review',
  plan_item: 'Support plan action',
};

const statusTag = (s) => tag(...(SUPPORT_STATUS[s] || [s]));
// A session date the server withholds (a parenting case another service
// holds, seen from a manager's list: docs/parenting.md) says so, never
// blank, which would read as none. Not "Withheld": on the figures pages
// that word means a count too small to publish; here it is the parent's
// own support, which stays with the parenting service (session 27).
const NOT_SHARED = 'Not shared with your service';
const SESSIONS_WITHHELD = `${NOT_SHARED}: the sessions and reviews of a parenting case another service holds stay with that service. `
  + 'Ask the parent worker who holds it, or a manager of the parenting service.';
const notShared = () => h('span', {}, 'Not shared', h('span', { class: 'govuk-visually-hidden' }, ' with your service'));
const sessionDate = (x, shown) => (x.sessions_withheld ? notShared() : shown);
const nowrap = (text) => h('span', { class: 'spire-nowrap' }, text);
const small = (text) => h('span', { class: 'govuk-body-s' }, text);
const parentLink = (x) => link(personName(x), `#/parenting/people/${x.person_id}`);
const childName = (x) => personName({ given_name: x.child_given_name, family_name: x.child_family_name });
// A parent's name and, under it, their date of birth: two parents of one
// name (a mother and a grandmother) are told apart, as in "My parents".
const parentWithBorn = (x, name) => h('span', {}, name, h('br'),
  small(x.date_of_birth ? `Born ${formatDate(x.date_of_birth)}` : 'Date of birth not known'));

// The misses: parent, child, which point of which intervention, when.
function missesTable(items, caption) {
  return table({
    caption, captionClass: 'govuk-table__caption--m',
    head: ['Parent or carer', 'Child', 'Intervention', 'Point', 'Date'],
    rows: items.map((x) => [
      parentWithBorn(x, personName(x)),
      link(childName(x), `#/cases/${x.child_case_id}`),
      label('outcome_types', x.outcome_type),
      POINT[x.point] || x.point,
      nowrap(formatDate(x.point_date)),
    ]),
  });
}

const windowText = (r) => `Seen means the parent or carer attended a contact on the child's case or their own parenting ` +
  `case from ${r.window_before} days before to ${r.window_after} days after the point.`;
// Which misses are listed: current ones only.
const currentText = (r) => `Only current misses are shown: interventions still running, or that ended in the last ` +
  `${r.current_months || 3} months.`;
const missesNote = (r) => [p(currentText(r), 'govuk-body-s'), p(windowText(r), 'govuk-body-s')];

// The home page's lists, each built from its rows: the home page shows the
// first of each (the answer's `<list>_total` says how many there are) and
// each list has its own page with all of them.
const LISTS = {
  to_meet: {
    caption: 'Parents to meet', path: '/parenting/to-meet', page: '#/parenting/to-meet', noun: ['parent to meet', 'parents to meet'],
    none: () => 'There are no parents to meet.',
    table: (rows, caption) => table({
      caption, captionClass: 'govuk-table__caption--m',
      head: ['Parent or carer', 'Relationship', 'Child', 'Intervention started', 'Action'],
      rows: rows.map((x) => [
        parentWithBorn(x, link(personName(x), `#/people/${x.person_id}`)),
        // Asked before (declined, not reached): asked again on that record.
        x.support_status ? [label('family_relationships', x.relationship), ' (', statusTag(x.support_status), ')'] : label('family_relationships', x.relationship),
        link(childName(x), `#/cases/${x.child_case_id}`),
        nowrap(formatDate(x.start_date)),
        link(['Record agreement', h('span', { class: 'govuk-visually-hidden' }, ` of ${personName(x)}`)],
          `#/parenting/agreement?person=${x.person_id}&case=${x.child_case_id}&outcome=${x.outcome_id}${x.support_id ? `&support=${x.support_id}` : ''}`),
      ]),
    }),
  },
  parents: {
    caption: 'My parents', path: '/parenting/parents', page: '#/parenting/parents', noun: ['parent', 'parents'],
    none: () => 'You are not supporting any parents yet.',
    table: (rows, caption) => table({
      caption, captionClass: 'govuk-table__caption--m',
      head: ['Parent or carer', 'Child', 'Support', 'Next session', 'Last seen in a session', 'Next review'],
      rows: rows.map((x) => [
        // One row a parent, with every child they are supported for.
        // Born and relationship, so that two parents of one name (a
        // mother and a grandmother) can be told apart.
        h('span', {}, parentLink(x), x.date_of_birth ? [h('br'), small(`Born ${formatDate(x.date_of_birth)}`)] : null),
        h('span', {}, ...(x.children && x.children.length ? x.children : [x])
          .flatMap((c, i) => [i ? h('br') : null, childName(c),
            c.relationship ? small(` (${label('family_relationships', c.relationship).toLowerCase()})`) : null]).filter(Boolean)),
        statusTag(x.support_status),
        sessionDate(x, dueDate(x.next_session_date)), sessionDate(x, nowrap(formatDate(x.last_session_date))),
        // A support another service holds: its reviews are not shared either.
        x.withheld && !x.next_review_date ? notShared() : dueDate(x.next_review_date),
      ]),
    }),
    // Why a session date says "Not shared", under the table.
    after: (r) => ((r.items || r.parents || []).some((x) => x.sessions_withheld || x.withheld) ? p(SESSIONS_WITHHELD, 'govuk-body-s') : null),
  },
  due: {
    caption: 'Due and overdue', path: '/parenting/due', page: '#/parenting/due', noun: ['thing due or overdue', 'things due and overdue'],
    none: (r) => `Nothing is due by ${formatDate(r.due_until)}.`,
    // "3 overdue and 9 due, 12 in all": over every row, not only those shown.
    counts: (r, rows) => {
      const total = r.due_total ?? r.total ?? rows.length;
      const late = r.due_overdue ?? rows.filter((x) => x.overdue).length;
      return p(`${late} overdue and ${total - late} due, ${total} in all`, 'govuk-body spire-due-counts');
    },
    table: (rows, caption) => table({
      caption, captionClass: 'govuk-table__caption--m',
      head: ['What', 'Parent or carer', 'Due', 'Status'],
      rows: rows.map((x) => [
        DUE[x.what] || x.what,
        // The date of birth tells two parents of one name apart.
        h('span', {}, parentLink(x), h('br'), h('span', { class: 'govuk-body-s' },
          x.date_of_birth ? `Born ${formatDate(x.date_of_birth)}` : 'Date of birth not known')),
        nowrap(formatDate(x.due_date)),
        dueTag(x),
      ]),
    }),
  },
  misses: {
    caption: 'Parents not seen at the start, a review or the end', path: '/parenting/misses', page: '#/parenting/misses',
    noun: ['parent not seen', 'parents not seen'], none: () => 'Every parent was seen.', table: missesTable,
    after: (r) => missesNote(r),
  },
};

// One list on the home page: its first rows, and when there are more, how
// many and a link to all of them.
function homeList(r, key) {
  const l = LISTS[key];
  const rows = r[key];
  const total = r[`${key}_total`] ?? rows.length;
  if (!rows.length) return [h2(l.caption), p(l.none(r))];
  const out = [l.table(rows, l.caption)];
  if (l.counts) out.push(l.counts(r, rows));
  if (total > rows.length) {
    out.push(p([`Showing the first ${rows.length} of ${counted(total, ...l.noun)}. `,
      link(`See all ${counted(total, ...l.noun)}`, l.page)], 'govuk-body'));
  }
  if (l.after) out.push(l.after(r));
  return out;
}

export async function parentingHome(ctx) {
  setTitle('Parents');
  const r = await api.get('/parenting/home');
  if (ctx.stale()) return;
  mount(ctx.root, takeFlash(), ...heading('Parents', ctx.user.full_name),
    actions(buttonLink('Find a person', '#/search', true), buttonLink('My tasks', '#/tasks', true)),
    ...['to_meet', 'parents', 'due', 'misses'].map((k) => h('div', {}, homeList(r, k))));
}

// #/parenting/to-meet, /parents, /due, /misses: all of one home page list.
export async function parentingList(ctx, key) {
  // A manager sees their service's teams' parents (the API's manager
  // scope), not "My parents".
  const l = ctx.user.role === 'manager' && key === 'parents' ? {
    ...LISTS.parents, caption: 'Parents supported in your service',
    none: () => 'No parent or carer is supported by your service, or for a child your service’s teams work with.',
  } : LISTS[key];
  setTitle(l.caption);
  const r = await api.get(l.path);
  if (ctx.stale()) return;
  const rows = r.items;
  mount(ctx.root, backLink('#/parenting', 'Back to Parents'), ...heading(l.caption, counted(rows.length, ...l.noun)),
    rows.length && l.counts ? l.counts(r, rows) : null,
    rows.length ? l.table(rows, rows.length === 1 ? l.caption : `All ${counted(rows.length, ...l.noun)}`) : p(l.none(r)), ...(l.after && rows.length ? [l.after(r)] : []));
}

// #/parenting/agreement?person=&case=&outcome=[&support=]: ask the parent
// (again, on the support that says they declined or were not reached).
export async function parentAgreement(ctx) {
  const personId = Number(ctx.query.get('person'));
  const caseId = Number(ctx.query.get('case'));
  const outcomeId = Number(ctx.query.get('outcome')) || null;
  const supportId = Number(ctx.query.get('support')) || null;
  // Asked again: the name is the support's, which the parenting service
  // reads even when the parent's own record is outside its scope.
  const asked = supportId ? await api.get(`/parent-supports/${supportId}`) : null;
  // A parent to meet of another team's child (issue 9) is outside the
  // worker's scope: the list they came from names them.
  const person = asked ? { given_name: asked.parent_name } : await api.get(`/people/${personId}`).catch(async (err) => {
    const row = err.status === 403 && (await api.get('/parenting/to-meet')).items
      .find((x) => x.person_id === personId && x.child_case_id === caseId);
    if (!row) throw err;
    return row;
  });
  if (ctx.stale()) return;
  const title = `Support for ${personName(person)}`;
  setTitle(title);
  const back = '#/';
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save',
    // Asked again: the notes so far are kept (a change sends every field).
    values: { agreement_date: today(), ...(asked && asked.notes ? { notes: asked.notes } : {}) },
    fields: [
      // About the parent, not "they" (session 27: it read as the worker).
      { name: 'agreement', label: 'Did the parent agree to the support?', errorLabel: 'Whether the parent agreed', type: 'radios', options: vocab.options('parent_agreements') },
      { name: 'agreement_date', label: 'Date asked', type: 'date' },
      // Asked whenever they agreed: support they agreed to counts in "Parents worked with" from this date.
      { name: 'start_date', label: 'Support started', type: 'date', hint: 'Needed if the parent agreed to the support. Leave it empty if they did not' },
      { name: 'next_review_date', label: 'Next review (optional)', type: 'date', example: 'future' },
      { name: 'notes', label: 'Notes (optional)', type: 'textarea', rows: 4 },
    ],
    onSubmit: async () => {
      const body = asked ? { version: asked.version, ...form.body() } : { person_id: personId, child_case_id: caseId, ...form.body() };
      if (outcomeId && !asked) body.outcome_id = outcomeId;
      const s = asked ? await api.patch(`/parent-supports/${supportId}`, body)
        : await api.post('/parent-supports', body, accessFor(personId));
      setFlash(`The support for ${personName(person)} has been recorded.`);
      ctx.go(s.case_id ? `/parenting/people/${personId}` : '/');
    },
  });
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title), form.el, p(link('Cancel', back)))));
}

// #/parenting/people/N: the parent's page.
export async function parentPage(ctx) {
  const personId = Number(ctx.params[0]);
  const access = accessFor(personId);
  const [person, supports] = await Promise.all([
    api.get(`/people/${personId}`, access),
    api.get(`/parent-supports?person_id=${personId}&include_closed=false&limit=50`, access),
  ]);
  if (ctx.stale()) return;
  const name = personName(person);
  setTitle(name);
  const caseId = (supports.items.find((s) => s.case_id && s.support_status === 'active') || {}).case_id;
  // What the server withholds from this reader (the parent's own, sealed
  // support: docs/access.md) is said not to be shared, never shown as none.
  const withheld = !caseId && supports.items.some((s) => s.withheld);
  const WITHHELD = `${NOT_SHARED}. Ask the parent worker who holds it, or a manager of the parenting service.`;
  const [sessions, plan] = caseId ? await Promise.all([
    api.get(`/parent-sessions?case_id=${caseId}&limit=100`, access),
    api.get(`/parent-plan-items?case_id=${caseId}&limit=100`, access),
  ]) : [{ items: [] }, { items: [] }];
  if (ctx.stale()) return;
  const supportTable = supports.items.length ? table({
    caption: 'Support around each child', captionClass: 'govuk-table__caption--m',
    head: ['Child', 'Relationship', 'Support', 'Asked on', 'Started', 'Next review', 'Action'],
    rows: supports.items.map((s) => [
      link(s.child_name, `#/cases/${s.child_case_id}`), label('family_relationships', s.relationship),
      statusTag(s.support_status), nowrap(formatDate(s.agreement_date)), nowrap(formatDate(s.start_date)),
      nowrap(formatDate(s.next_review_date)),
      s.withheld ? '' : link(['Change', h('span', { class: 'govuk-visually-hidden' }, ` support around ${s.child_name}`)], `#/r/parent-supports/${s.id}/change`),
    ]),
  }) : [h2('Support around each child'), p('No support has been recorded.')];
  const ordinary = sessions.items.filter((s) => s.session_type !== 'behaviour_contract');
  const contracts = sessions.items.filter((s) => s.session_type === 'behaviour_contract');
  const sessionTable = ordinary.length ? table({
    caption: 'Sessions', captionClass: 'govuk-table__caption--m',
    head: ['Date', 'Kind', 'Topic', 'Status'],
    rows: ordinary.map((s) => [
      link(nowrap(formatDate(s.session_date)), `#/r/parent-sessions/${s.id}`),
      label('parent_session_types', s.session_type), label('parent_session_topics', s.topic),
      tag(label('parent_session_statuses', s.status)),
    ]),
  }) : [h2('Sessions'), p(withheld ? WITHHELD : 'No sessions have been recorded.')];
  const contractTable = contracts.length ? table({
    caption: 'Behaviour contracts', captionClass: 'govuk-table__caption--m',
    head: ['Date', 'Child', 'Terms', 'Review', 'Outcome'],
    rows: contracts.map((s) => [
      link(nowrap(formatDate(s.session_date)), `#/r/parent-sessions/${s.id}`), s.child_name || '',
      s.contract_terms || '', nowrap(formatDate(s.contract_review_date)),
      s.contract_outcome ? label('parent_contract_outcomes', s.contract_outcome) : 'Not reviewed yet',
    ]),
  }) : [h2('Behaviour contracts'), p(withheld ? WITHHELD : 'No behaviour contracts have been recorded.')];
  const planTable = plan.items.length ? table({
    caption: 'Support plan', captionClass: 'govuk-table__caption--m',
    head: ['Goal, in their words', 'Action', 'Who', 'By when', 'Status'],
    rows: plan.items.map((x) => [
      link(x.goal, `#/r/parent-plan-items/${x.id}`), x.action || '', x.who || '', nowrap(formatDate(x.due_date)),
      tag(label('parent_plan_statuses', x.status)),
    ]),
  }) : [h2('Support plan'), p(withheld ? WITHHELD : 'No goals have been agreed yet.')];
  // Back to the Parents page for those who have one, else to the person.
  const back = ['parent_worker', 'manager'].includes(ctx.user.role)
    ? backLink('#/parenting', 'Back to Parents') : backLink(`#/people/${personId}`, `Back to ${name}`);
  mount(ctx.root, back, takeFlash(), ...heading(name, 'Parent or carer'),
    summaryList([
      ['Person record', link(name, `#/people/${personId}`)],
      ['Parenting case', caseId ? link('Open the parenting case', `#/cases/${caseId}`) : withheld ? NOT_SHARED : 'None open'],
    ]),
    caseId ? actions(buttonLink('Plan or record a session', `#/cases/${caseId}/r/parent-sessions/new`),
      buttonLink('Add a goal to the plan', `#/cases/${caseId}/r/parent-plan-items/new`, true),
      // The rest of the parent's support: the self-assessment and other
      // forms, referrals out (on the case), peer mentors.
      buttonLink('Self-assessment and forms', `#/cases/${caseId}/forms`, true),
      buttonLink('Referrals', `#/cases/${caseId}`, true),
      buttonLink('Peer mentors', `#/people/${personId}/peer`, true),
      // Where the parent worker works with the parent (docs/parenting.md,
      // "Parent accounts").
      buttonLink('Invite to the parent portal', `#/people/${personId}/parent-portal`, true)) : null,
    h('div', {}, supportTable), h('div', {}, sessionTable), h('div', {}, contractTable), h('div', {}, planTable));
}

// On a child's youth justice case: whether parent support is in place and
// its status (the support rows only), and each parent seen at each point.
export function parentSupportSection(ctx, c, access) {
  return section(async () => {
    const [supports, seen] = await Promise.all([
      api.get(`/parent-supports?child_case_id=${c.id}&limit=50`, access),
      api.get(`/parenting/seen?case_id=${c.id}`, access),
    ]);
    const out = [h2('Parent support')];
    // The child's officer is told only that support exists and its status:
    // the parent worker is named only to those who may open the parent's
    // own (sealed) case (docs/parenting.md, "Who sees what").
    const worker = supports.items.some((s) => 'parent_worker_name' in s);
    out.push(supports.items.length ? table({
      caption: 'Parents and carers supported', captionClass: 'govuk-table__caption--s',
      head: ['Parent or carer', 'Relationship', 'Support', ...(worker ? ['Parent worker'] : []), 'Started'],
      rows: supports.items.map((s) => [
        s.parent_name, label('family_relationships', s.relationship), statusTag(s.support_status),
        ...(worker ? [s.parent_worker_name || ''] : []), nowrap(formatDate(s.start_date)),
      ]),
    }) : p('No parent support has been recorded for this child.'));
    const missed = seen.items.filter((x) => x.status === 'missed' && x.current);
    if (missed.length) out.push(missesTable(missed, 'Parents not seen'), ...missesNote(seen));
    return out;
  });
}

// On a manager's page: the misses in their service.
export function missesSection() {
  return section(async () => {
    const r = await api.get('/parenting/seen');
    return r.items.length
      ? [missesTable(r.items, 'Parents not seen at the start, a review or the end'), ...missesNote(r)]
      : [h2('Parents not seen at the start, a review or the end'), p('Every parent was seen.'), p(currentText(r), 'govuk-body-s')];
  });
}
