// A parent signing in lands on their family's own page (docs/parenting.md,
// "The parent's own page"): the plan in plain language, Steps to Change
// with the family's own scores, the next session; read-only. A child
// member's account is told it is not for them. axe-core on each page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { TEAMS, USERS } from '../api/lib.mjs';

const env = suite({ teams: [...TEAMS, ['parenting', 'Parenting Team']], users: USERS });
const PW = 'kettle violin marble 58';
const day = (n) => new Date(Date.now() + n * 86400000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const BLOCKS = ['physical_wellbeing', 'mental_health', 'achievement', 'safety', 'attachment', 'guidance',
  'family_life', 'accommodation_money', 'parental_health'];

test('a parent lands on their family\'s page; a child member\'s account does not', async () => {
  const off = await env.srv.login('officer');
  const pw = await env.srv.login('parentworker');
  const kid = await created(off, '/api/v1/people', { given_name: 'Lou', family_name: 'Reed', date_of_birth: '2010-03-01' });
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
  const steps = page.locator('table', { has: page.locator('caption', { hasText: 'Distance travelled by building block' }) });
  assert.match(await steps.locator('tr', { hasText: 'Family life' }).textContent(), /4.*6/s, 'the family\'s own score beside the practitioner\'s');
  assert.equal(await page.getByRole('button').count(), 0, 'read-only: nothing to press');
  await s.shot('my-family');
  await s.axe('my family');
  s.assertClean();
  await s.close();

});
