// A parent signing in lands on their family's own page (docs/parenting.md,
// "The parent's own page"): the plan in plain language, Steps to Change
// with the family's own scores, the next session; read-only. A child
// member's account is told it is not for them. axe-core on each page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { TEAMS, USERS, dobForAge, ukDay as day, PARENTING_TEAM, ukLong } from '../api/lib.mjs';

const env = suite({ teams: [...TEAMS, PARENTING_TEAM], users: USERS });
const PW = 'kettle violin marble 58';
const BLOCKS = ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment', 'guidance',
  'family_life', 'accommodation_money', 'parental_health'];

test('a parent lands on their family\'s page; a child member\'s account does not', async () => {
  const off = await env.srv.login('officer');
  const pw = await env.srv.login('parentworker');
  const kid = await created(off, '/api/v1/people', { given_name: 'Lou', family_name: 'Reed', date_of_birth: dobForAge(16, 276) });
  const mum = await created(off, '/api/v1/people', { given_name: 'Ada', family_name: 'Reed' });
  const fam = await created(off, '/api/v1/families', { name: 'Reed family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(off, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  const kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: day(-60),
  });
  const support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: kase.id, agreement: 'agreed', agreement_date: day(-20), start_date: day(-20),
  });
  await created(pw, '/api/v1/parent-sessions', { case_id: support.case_id, session_date: day(4), status: 'planned', session_type: 'one_to_one', topic: 'confidence_building' });
  const plan = await created(off, '/api/v1/family-plans', { family_id: fam.id, wants_to_change: 'Less shouting at home', agreed_on: day(-10) });
  await created(off, '/api/v1/family-plan-actions', { plan_id: plan.id, action: 'Talk at dinner', owner_type: 'family_member', owner_person_id: mum.id, status: 'in_progress', due_date: day(20) });
  const answers = { stage: 'start', assessment: 'early_help' };
  for (const b of BLOCKS) { answers[`${b}_practitioner`] = 4; answers[`${b}_family`] = 6; }
  await created(off, '/api/v1/form-responses', { form_id: 'steps-to-change', family_id: fam.id, completed_by: 'jointly', authored: day(-5), status: 'completed', answers });
  await env.srv.makeParent(off, 'ada.reed', mum, PW);
  // The child of the family is never invited to the parent portal.
  assert.equal((await off.post(`/api/v1/people/${kid.id}/parent-account`, {})).status, 409);

  const s = await Session.open(env.browser, env.srv, { viewport: { width: 1280, height: 900 } });
  const { page } = s;
  await s.signIn('ada.reed', PW);
  await s.heading('Reed family');
  await page.getByText('Less shouting at home').waitFor();
  const actions = page.locator('table', { has: page.locator('caption', { hasText: 'Who will do what' }) });
  assert.match(await actions.textContent(), /Talk at dinner/);
  const next = page.locator('h2', { hasText: 'Your next session' });
  await next.waitFor();
  assert.match(await page.locator('main').textContent(), /Confidence building/);
  await page.locator('svg.spire-steps').waitFor();
  const steps = page.locator('table', { has: page.locator('caption', { hasText: 'Your scores and your worker’s' }) });
  assert.match(await steps.locator('tbody tr', { hasText: 'Family life' }).textContent(), /6.*4/s, 'the family\'s own score beside the practitioner\'s');
  assert.equal(await page.getByRole('button').count(), 0, 'read-only: nothing to press');
  await s.shot('my-family');
  await s.axe('my family');
  s.assertClean();
  await s.close();

});

// The walker's finding (session 22): the page spoke as the practitioners'
// Steps to Change does (distance travelled by building block, red "Got
// worse" and "Stays low" tags, means like 3.78, "!" marks), showed a
// review date already past without a word, and named the family from the
// child's side (a parent's own other child as "Sibling"). A parent reads
// it in their words, the same records and no more.
test('the parent\'s page is in a parent\'s words: how things changed, whole scores, an overdue review, the family from their side', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Mia', family_name: 'Khan', date_of_birth: dobForAge(15, 244) });
  const sis = await created(off, '/api/v1/people', { given_name: 'Zara', family_name: 'Khan', date_of_birth: dobForAge(13, 183) });
  const dad = await created(off, '/api/v1/people', { given_name: 'Omar', family_name: 'Khan' });
  const mum = await created(off, '/api/v1/people', { given_name: 'Sana', family_name: 'Khan' });
  const fam = await created(off, '/api/v1/families', { name: 'Khan family' });
  const add = (b) => created(off, `/api/v1/families/${fam.id}/members`, b);
  await add({ person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await add({ person_id: sis.id, member_type: 'child', relationship: 'sibling', in_household: true });
  await add({ person_id: dad.id, member_type: 'adult', relationship: 'father', child_id: kid.id, parental_responsibility: true, in_household: true });
  await add({ person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true });
  await created(off, '/api/v1/family-plans', {
    family_id: fam.id, wants_to_change: 'Mornings without rows', agreed_on: day(-60), next_review_date: day(-3),
  });
  // Two scorings: the family's family life score falls from 6 to 5, its
  // money stays at 2 (a practitioner's "got worse" and "stays low"); the
  // practitioner's means are not whole numbers.
  const scoring = (stage, authored, fam6, prac) => {
    const answers = { stage, assessment: 'early_help' };
    BLOCKS.forEach((b, i) => { answers[`${b}_practitioner`] = prac[i]; answers[`${b}_family`] = 6; });
    answers.family_life_family = fam6;
    answers.accommodation_money_family = 2;
    return created(off, '/api/v1/form-responses', { form_id: 'steps-to-change', family_id: fam.id, completed_by: 'jointly', authored, status: 'completed', answers });
  };
  await scoring('start', day(-50), 6, [6, 2, 5, 6, 3, 3, 4, 2, 3]);
  await scoring('review', day(-8), 5, [8, 3, 5, 6, 4, 4, 4, 3, 3]);
  await env.srv.makeParent(off, 'omar.khan', dad, PW);

  const s = await Session.open(env.browser, env.srv, { viewport: { width: 1280, height: 900 } });
  const { page } = s;
  await s.signIn('omar.khan', PW);
  await s.heading('Khan family');
  await page.locator('svg.spire-steps').waitFor();
  const main = page.locator('main');
  const text = await main.textContent();
  // The family from the father's side: his own children, the mother as
  // their mother.
  assert.deepEqual(await main.locator('ul.govuk-list--bullet li').allTextContents(),
    ['Mia Khan, your child', 'Zara Khan, your child', 'Omar Khan (you)', 'Sana Khan, Mia’s mother']);
  assert.match(text, new RegExp(`Your review was due on ${ukLong(day(-3))} — your worker will arrange it`));
  await page.locator('h2', { hasText: 'How things have changed since you started' }).waitFor();
  assert.match(text, /1 means it needs a lot of help, 10 means it is going well/);
  for (const words of [/Distance travelled/, /[Bb]uilding block/, /Stays low/, /Got worse/, /Overall/, /\bmean\b/, /Sibling/, /\(Father\)/, /Practitioner/, /\d\.\d/]) {
    assert.doesNotMatch(text, words);
  }
  assert.equal(await main.locator('.govuk-tag--red').count(), 0, 'no alarm colours on the family\'s own scores');
  assert.deepEqual(await page.locator('svg.spire-steps text').evaluateAll((ts) => ts.filter((t) => t.textContent.trim() === '!').length), 0);
  const scores = page.locator('table', { has: page.locator('caption', { hasText: 'Your scores and your worker’s' }) });
  const row = async (name) => (await scores.locator('tbody tr', { hasText: name }).locator('td').allTextContents()).map((x) => x.trim());
  assert.deepEqual(await row('Family life'), ['6', '5 (down 1)', '4', '4 (the same)']);
  assert.deepEqual(await row('Accommodation and money'), ['2', '2 (the same)', '2', '3 (up 1)']);
  assert.deepEqual(await scores.locator('th[scope=col]').allTextContents(),
    ['Part of family life', 'Your family at the start', 'Your family now', 'Your worker at the start', 'Your worker now']);
  await s.shot('my-family-parent-words');
  await s.axe('my family in a parent\'s words');
  s.assertClean();
  await s.close();
});
