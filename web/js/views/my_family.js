// my_family.js - a parent's own page (docs/parenting.md, "The parent's own
// page"), what a parent account lands on: their family, the family's plan
// in plain language (what the family wants to change, who will do what by
// when, the reviews), the Steps to Change chart with the family's own
// scores beside the practitioner's, and the next session of their
// support. Read-only, from GET /api/v1/my-family.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
//
// Written for the parent, in the words a parent uses (GOV.UK style;
// docs/parenting.md, "The parent's own page"): the family's scores as
// whole numbers out of 10 with what they mean, no alarm colours or flags
// on the family's own scores, an overdue review said with what happens
// next, and each member as the parent relates to them. It shows exactly
// what the practitioners' Steps to Change shows of the family, less the
// flags and the means.
import { mount, h, h2, p, table, heading, setTitle, formatDate, personName, summaryList, inset, today } from '../ui.js';
import { ownerText } from './parenting_family_plan.js';
import { stepsChart } from './steps.js';

const label = (name, code) => (code ? vocab.label(name, code) : '');

// On a phone a parent reads each row of a table as a short list (its
// cells under their column's words: app.css .spire-stack), not as columns
// cut off at the screen's edge.
function stacked(t) {
  const table = t.querySelector('table');
  table.classList.add('spire-stack');
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
  for (const tr of table.querySelectorAll('tbody tr')) {
    [...tr.children].forEach((cell, i) => { if (i > 0) cell.dataset.label = heads[i]; });
  }
  return t;
}

// How the signed-in parent relates to the family's child (their
// relationship as recorded, which is to the child).
const PARENTS = ['mother', 'father', 'parent'];
const STEP_PARENTS = ['step_mother', 'step_father', 'step_parent'];
const GRANDPARENTS = ['grandmother', 'grandfather', 'grandparent'];
const CARERS = ['carer', 'foster_carer', 'kinship_carer', 'special_guardian', 'corporate_parent'];

// relationWords(m, mine, child): who member m is to the parent, in their
// words: the family's child as the parent's ("your child", "your
// grandchild"), a brother or sister of the child as the parent's own child
// when the parent is the child's parent, anyone else as the child's
// ("Lou's father"). mine: the parent's relationship to the child; child:
// the child's first name. '' when there is nothing to say.
export function relationWords(m, mine, child) {
  const r = m.relationship;
  const whose = child ? `${child}’s` : 'the child’s';
  if (r === 'child') {
    if (PARENTS.includes(mine)) return 'your child';
    if (STEP_PARENTS.includes(mine)) return 'your stepchild';
    if (GRANDPARENTS.includes(mine)) return 'your grandchild';
    if (CARERS.includes(mine)) return 'the child you care for';
    return '';
  }
  // The person's sex when it is recorded: "Amelia's half-sister", not
  // "half-brother or half-sister" (walker, session 23).
  const either = (female, male, both) => (m.sex === 'female' ? female : m.sex === 'male' ? male : both);
  if (r === 'sibling') return PARENTS.includes(mine) ? 'your child' : `${whose} ${either('sister', 'brother', 'brother or sister')}`;
  if (r === 'half_sibling') return `${whose} ${either('half-sister', 'half-brother', 'half-brother or half-sister')}`;
  if (r === 'step_sibling') return `${whose} ${either('stepsister', 'stepbrother', 'stepbrother or stepsister')}`;
  if (r === 'partner_of_parent') return `${whose} parent’s partner`;
  if (r === 'friend') return 'a friend of the family';
  if (r === 'network_member') return 'someone who helps your family';
  if (r === 'other_relative') return `a relative of ${child || 'the child'}`;
  const term = label('family_relationships', r);
  return term ? `${whose} ${term.toLowerCase()}` : '';
}

function membersSection(d) {
  const me = d.members.find((m) => m.person_id === d.person_id);
  const child = d.members.find((m) => m.relationship === 'child');
  const childName = child ? (child.preferred_name || child.given_name || '') : '';
  return [h2('Who is in your family'),
    h('ul', { class: 'govuk-list govuk-list--bullet' },
      d.members.map((m) => {
        if (m.person_id === d.person_id) return h('li', {}, `${personName(m)} (you)`);
        const words = relationWords(m, me ? me.relationship : null, childName);
        return h('li', {}, words ? `${personName(m)}, ${words}` : personName(m));
      }))];
}

// The plan's next review: when it is, or, once the day has passed, that
// it was due and the worker will arrange it.
function reviewRow(date) {
  if (!date) return null;
  if (date < today()) return ['When we look at it together next', `Your review was due on ${formatDate(date)} — your worker will arrange it`];
  return ['When we look at it together next', formatDate(date)];
}

function planSection(plan) {
  if (!plan) return [h2('Your family’s plan'), p('Your family does not have a plan yet. Your worker will write it with you.')];
  return [
    h2('Your family’s plan'),
    summaryList([
      ['What we want to change', plan.wants_to_change],
      plan.strengths ? ['What is going well', plan.strengths] : null,
      ['Agreed on', formatDate(plan.agreed_on)],
      reviewRow(plan.next_review_date),
    ].filter(Boolean)),
    plan.actions.length ? stacked(table({
      caption: 'Who will do what, and by when', captionClass: 'govuk-table__caption--s',
      head: ['Who', 'What', 'By when', 'Where it is'],
      rows: plan.actions.map((a) => [ownerText(a), a.action, a.due_date ? formatDate(a.due_date) : 'No date set',
        label('family_plan_action_statuses', a.status) || a.status]),
    })) : p('Nothing has been added to the plan yet.'),
    plan.reviews.length ? stacked(table({
      caption: 'When we looked at the plan together', captionClass: 'govuk-table__caption--s',
      head: ['Date', 'What your family said', 'What your worker said'],
      rows: plan.reviews.map((r) => [formatDate(r.review_date), r.family_words || '', r.practitioner_words || '']),
    })) : null,
  ];
}

// A score as the parent reads it: a whole number out of 10.
const score = (v) => (v === null || v === undefined ? 'Not scored yet' : `${Math.round(v)}`);
// A score now with how it moved since the start, in words.
function scoreNow(side) {
  if (side.latest === null || side.latest === undefined) return 'Not scored yet';
  const c = side.change === null || side.change === undefined ? null : Math.round(side.change);
  if (c === null) return score(side.latest);
  return `${score(side.latest)} (${c > 0 ? `up ${c}` : c < 0 ? `down ${-c}` : 'the same'})`;
}

const CHANGED = 'How things have changed since you started';

function stepsSection(d) {
  if (!d || !d.scorings.length) return [h2(CHANGED), p('Your family has not been scored yet. You and your worker will do it together.')];
  const once = d.scorings.length < 2;
  return [
    h2(CHANGED),
    p('You and your worker each give every part of family life a score from 1 to 10: 1 means it needs a lot of help, 10 means it is going well. ' +
      (once ? `You were scored once so far, on ${formatDate(d.first.authored)}.`
        : `These are the scores from when you started, on ${formatDate(d.first.authored)}, and the latest, on ${formatDate(d.latest.authored)}.`)),
    h('div', { class: 'spire-chart-box spire-steps-box' }, stepsChart(d, {
      title: `${CHANGED}: your family’s scores and your worker’s`,
      desc: `${d.blocks.length} parts of family life, each scored from 1 (needs a lot of help) to 10 (going well) by your family and by your worker, ` +
        'when you started and now. The same scores are in the table below.',
      names: ['Your worker, at the start', 'Your worker, now', 'Your family, at the start', 'Your family, now'],
    })),
    stacked(table({
      caption: 'Your scores and your worker’s, out of 10',
      captionClass: 'govuk-table__caption--s',
      head: ['Part of family life', 'Your family at the start', 'Your family now', 'Your worker at the start', 'Your worker now'],
      rows: d.blocks.map((b) => [b.text, score(b.family.first), scoreNow(b.family), score(b.practitioner.first), scoreNow(b.practitioner)]),
    })),
  ];
}

function nextSection(s) {
  return [h2('Your next session'), s
    ? summaryList([
      ['Date', formatDate(s.session_date)],
      ['What kind', label('parent_session_types', s.session_type)],
      s.topic ? ['About', label('parent_session_topics', s.topic)] : null,
      s.worker_name ? ['With', s.worker_name] : null,
    ].filter(Boolean))
    : p('No session is planned yet. Your worker will arrange the next one with you.')];
}

// Who the family's worker is and how to reach them: the service's phone
// line where Spire has one ([portal] contact), else who to ask and where
// (session 27: it named no one and no number).
function workerSection(w) {
  const name = w && w.name;
  const team = w && w.team;
  const contact = w && w.contact;
  const ask = name
    ? `Ask ${name}${team ? ` (${team})` : ''} at your next session, or phone the council’s switchboard and ask for ${team || 'your worker’s team'}.`
    : 'Phone the council’s switchboard and ask for the service that supports your family, or ask at your next session.';
  return [h2('Your worker'),
    summaryList([
      ['Name', name ? (team ? `${name}, ${team}` : name) : 'Your family does not have a named worker yet'],
      ['How to get in touch', contact ? `${contact.replace(/\.$/, '')}.${name ? ` Ask for ${name}.` : ''}` : ask],
    ])];
}

// #/ for a parent account.
export async function myFamily(ctx) {
  setTitle('Your family');
  let d;
  try {
    d = await api.get('/my-family');
  } catch (err) {
    if (err.status !== 403 && err.status !== 404) throw err;
    if (ctx.stale()) return;
    mount(ctx.root, ...heading('Your family'), p(err.message));
    return;
  }
  if (ctx.stale()) return;
  const me = d.members.find((m) => m.person_id === d.person_id);
  mount(ctx.root, ...heading(d.family.name || 'Your family', me ? personName(me) : null),
    inset('This page is for you to read. Talk to your worker if anything here is not right.'),
    ...workerSection(d.worker),
    ...membersSection(d),
    ...nextSection(d.next_session),
    ...planSection(d.plan),
    ...stepsSection(d.steps_to_change));
}
