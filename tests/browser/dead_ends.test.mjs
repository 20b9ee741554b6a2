// Dead ends the session 23 walkers met, in real Chromium: a case outside
// the caseload opened by link offers the break-glass reason form (for a
// parent's own support, which no reason opens, the reason is refused
// saying who to ask); each
// item due on an intervention links to the form that clears it; a youth
// justice manager's Parents page shows their service's parents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { USERS, TEAMS, dobForAge, ukDay as day, PARENTING_TEAM } from '../api/lib.mjs';

const env = suite({
  teams: [...TEAMS, PARENTING_TEAM],
  users: [...USERS, ['ppw', 'parent_worker', 'parenting', 'Parenting Team']],
});

let made = null;
async function setup() {
  if (made) return made;
  const off = await env.srv.login('officer');
  const south = await env.srv.login('officer_south');
  const ppw = await env.srv.login('ppw');
  const kid = await created(off, '/api/v1/people', { given_name: 'Dee', family_name: 'Ending', date_of_birth: dobForAge(16, 211) });
  const mum = await created(off, '/api/v1/people', { given_name: 'Mae', family_name: 'Ending' });
  const fam = await created(off, '/api/v1/families', { name: 'Ending family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(off, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  const kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: day(-90),
  });
  const offence = await created(off, '/api/v1/offences', { case_id: kase.id, offence_date: day(-100), description: 'Theft', category: 'theft', gravity: 3 });
  const order = await created(off, '/api/v1/outcomes', {
    case_id: kase.id, outcome_type: 'referral_order', outcome_date: day(-60), start_date: day(-59), planned_end_date: day(200), offence_ids: [offence.id],
  });
  const support = await created(ppw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: kase.id, agreement: 'agreed', agreement_date: day(-20), start_date: day(-20),
  });
  await created(ppw, '/api/v1/parent-sessions', { case_id: support.case_id, session_date: day(4), status: 'planned', session_type: 'one_to_one', topic: 'confidence_building' });
  const other = await created(south, '/api/v1/people', { given_name: 'Sol', family_name: 'Southern', date_of_birth: '2009-09-09' });
  const southCase = await created(south, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred by the police', person_id: other.id, team_id: south.user.team_id, worker_id: south.user.id, start_date: day(-30),
  });
  await created(south, '/api/v1/contacts', { case_id: southCase.id, contact_date: day(-2), contact_type: 'phone', summary: 'Phoned Sol about his order.' });
  made = { off, kase, order, support, southCase };
  return made;
}

test('a case outside the caseload opened by link offers the reason form, and reads with it', async () => {
  const { southCase } = await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${southCase.id}`);
  await s.heading('You need a reason to view this case');
  await s.axe('break glass for a case');
  await page.getByLabel('Why do you need to view this case?').fill('Sol was arrested in our area tonight');
  await page.getByRole('button', { name: 'View the record' }).click();
  await s.heading(/case – Sol Southern/);
  await page.getByText('You are viewing this case with a reason').waitFor();
  await page.getByText('Phoned Sol about his order.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Record a contact' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: /^Change/ }).count(), 0);
  await s.axe('a case read with a reason');
  // The reason was given for the case: the child's own record asks for a
  // reason of its own (docs/access.md, "Break glass"; session 24).
  await page.getByRole('link', { name: 'Back to Sol Southern' }).click();
  await s.heading('You need a reason to view this record');
  s.assertClean();
  await s.close();
});

test('a parent\'s own support, which no reason opens, says who to ask once a reason is given', async () => {
  const { support } = await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${support.case_id}`);
  // Asked for a reason as for any case outside the caseload, so that the
  // page does not tell it is a parent's support (session 25).
  await s.heading('You need a reason to view this case');
  await page.getByLabel('Why do you need to view this case?').fill('Checking on the family tonight');
  await page.getByRole('button', { name: 'View the record' }).click();
  await page.getByText('Ask the parent worker who holds it, or a manager of the parenting service').first().waitFor();
  await s.axe('a sealed case refused');
  await s.close();
});

test('each item due on an intervention links to the form that clears it', async () => {
  const { kase, order } = await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/cases/${kase.id}`);
  await s.heading(/case – Dee Ending/);
  await page.getByRole('link', { name: /^Start KPI data\W+on the Referral order/ }).waitFor();
  await page.getByRole('link', { name: /^Start assessment\W+on the Referral order/ }).click();
  await s.heading('Record an AssetPlus assessment');
  assert.equal(await page.getByLabel('Intervention (optional)').inputValue(), String(order.id));
  assert.equal(await page.getByLabel('Start', { exact: true }).isChecked(), true);
  await s.goto(`#/outcomes/${order.id}`);
  await page.getByRole('link', { name: 'Start KPI data' }).click();
  await s.heading('Record KPI data');
  assert.equal(await page.getByLabel('Start of the intervention').isChecked(), true);
  await s.axe('KPI form from a due item');
  s.assertClean();
  await s.close();
});

test('a youth justice manager\'s Parents page shows their service\'s parents', async () => {
  await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await s.goto('#/parenting/parents');
  await s.heading('Parents supported in your service');
  const row = page.locator('tbody tr', { hasText: 'Mae Ending' });
  await row.waitFor();
  assert.match(await row.textContent(), /Dee Ending/);
  await s.axe('manager parents');
  // The sessions of a parenting case the service does not hold stay out.
  const api = (await (await env.srv.login('manager')).get('/api/v1/parenting/parents')).body.items;
  const mae = api.find((x) => x.given_name === 'Mae');
  assert.ok(mae, 'the parent is listed');
  assert.equal(mae.next_session_date ?? null, null);
  s.assertClean();
  await s.close();
});
