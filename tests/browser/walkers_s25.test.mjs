// What the session 25 walker met, in real Chromium: a person's page read
// with a reason offers nothing that would change it (the case's page
// already did: docs/access.md, "Break glass"); the list of children
// behind a figure says which of how many a page shows, not "25 or more"
// of a list the API counted; a parent session's own page says whose it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { USERS, TEAMS, dobForAge, PARENTING_TEAM } from '../api/lib.mjs';

const env = suite({
  teams: [...TEAMS, PARENTING_TEAM],
  users: [...USERS, ['ppw', 'parent_worker', 'parenting', 'Parenting Team']],
});

// family(user, surname, child, reason): a child (aged 16) and their
// mother in one family, and the child's youth justice case held by user.
async function family(user, surname, child, reason) {
  const kid = await created(user, '/api/v1/people', { given_name: child, family_name: surname, date_of_birth: dobForAge(16, 274) });
  const mum = await created(user, '/api/v1/people', { given_name: 'Rona', family_name: surname });
  const fam = await created(user, '/api/v1/families', { name: `${surname} family` });
  await created(user, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(user, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  const kase = await created(user, '/api/v1/cases', {
    service: 'youth_justice', reason, person_id: kid.id, team_id: user.user.team_id, worker_id: user.user.id, start_date: '2026-01-05',
  });
  return { kid, mum, kase };
}

test('a person\'s page read with a reason offers nothing that would change it', async () => {
  const south = await env.srv.login('officer_south');
  const { kid } = await family(south, 'Elsewhere', 'Rhys', 'Referred by the police');
  await created(south, '/api/v1/consents', { person_id: kid.id, agency: 'Northfield Academy', purpose: 'Attendance', lawful_basis: 'consent', given_by: 'Rona Elsewhere', given_on: '2026-01-06' });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/people/${kid.id}`);
  await s.heading('You need a reason to view this record');
  await page.getByLabel('Why do you need to view this record?').fill('Rhys was arrested in our area tonight');
  await page.getByRole('button', { name: 'View the record' }).click();
  await s.heading('Rhys Elsewhere');
  await page.locator('.govuk-inset-text', { hasText: 'Nothing can be changed from it' }).waitFor();
  await page.getByText('Northfield Academy').waitFor();
  await page.getByRole('button', { name: 'View case' }).waitFor();
  for (const name of ['Edit details', 'Add a family member', 'Open a case', 'Close this record', 'Add an alert',
    'Record a contact', /^Add a task/, 'Record a consent', /^Close this family/]) {
    assert.equal(await page.getByRole('button', { name }).count(), 0, `${name} is offered on a record read with a reason`);
  }
  assert.equal(await page.getByRole('link', { name: /^Change\b/ }).count(), 0);
  assert.equal(await page.getByRole('link', { name: /^Withdraw/ }).count(), 0);
  // Its own worker's page still offers them.
  const own = await Session.open(env.browser, env.srv);
  await own.signIn('officer_south');
  await own.goto(`#/people/${kid.id}`);
  await own.heading('Rhys Elsewhere');
  await own.page.getByRole('button', { name: 'Edit details' }).waitFor();
  await own.page.getByRole('button', { name: 'Record a contact' }).waitFor();
  await s.axe('a person read with a reason');
  s.assertClean();
  own.assertClean();
  await own.close();
  await s.close();
});

test('the children behind a figure say which of how many a page shows', async () => {
  const off = await env.srv.login('officer');
  for (const [i, d] of ['2024-04-03', '2024-05-02', '2024-06-01'].entries()) {
    const kid = await created(off, '/api/v1/people', { given_name: `Counted${i + 1}`, family_name: 'Page', date_of_birth: '2009-02-11', sex: 'male' });
    const kase = await created(off, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-01-02' });
    const offence = await created(off, '/api/v1/offences', { case_id: kase.id, offence_date: d, description: 'Shop theft', category: 'theft', gravity: 2 });
    await created(off, '/api/v1/outcomes', { case_id: kase.id, outcome_type: 'youth_caution', outcome_date: d, offence_ids: [offence.id] });
  }
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  // Pages of 2, so that 3 children take two pages (the UI asks for 25).
  await page.route(/\/api\/v1\/measures\/first-time-entrants\/children\?/, (route) => {
    const u = new URL(route.request().url());
    u.searchParams.set('limit', '2');
    return route.continue({ url: u.toString() });
  });
  await s.signIn('manager');
  await s.goto('#/performance/first-time-entrants/children?from=2024-04-01&to=2024-06-30');
  await s.heading('Children behind first-time entrants');
  await page.locator('caption', { hasText: 'Records 1 to 2 of 3' }).waitFor();
  assert.equal(await page.getByText(/or more records/).count(), 0);
  await s.axe('children behind a figure, a page of them');
  s.assertClean();
  await s.close();
});

test('a parent session\'s own page says whose it is', async () => {
  const off = await env.srv.login('officer');
  const pw = await env.srv.login('ppw');
  const { mum, kase } = await family(off, 'Sessions', 'Tia', 'Referral order');
  const offence = await created(off, '/api/v1/offences', { case_id: kase.id, offence_date: '2025-12-01', description: 'Theft', category: 'theft', gravity: 3 });
  await created(off, '/api/v1/outcomes', {
    case_id: kase.id, outcome_type: 'referral_order', outcome_date: '2026-01-05', start_date: '2026-01-06', planned_end_date: '2026-12-31', offence_ids: [offence.id],
  });
  const support = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: kase.id, agreement: 'agreed', agreement_date: '2026-01-10', start_date: '2026-01-10',
  });
  const session = await created(pw, '/api/v1/parent-sessions', { case_id: support.case_id, session_date: '2026-01-20', status: 'held', session_type: 'one_to_one' });
  const goal = await created(pw, '/api/v1/parent-plan-items', { case_id: support.case_id, goal: 'Calmer mornings', status: 'not_started' });
  const s = await Session.open(env.browser, env.srv);
  await s.signIn('ppw');
  await s.goto(`#/r/parent-sessions/${session.id}`);
  await s.heading('Parent session');
  await s.page.locator('.govuk-caption-l, .govuk-caption-xl, .govuk-caption-m', { hasText: 'Rona Sessions' }).first().waitFor();
  await s.goto(`#/r/parent-plan-items/${goal.id}`);
  await s.page.locator('.govuk-caption-l, .govuk-caption-xl, .govuk-caption-m', { hasText: 'Rona Sessions' }).first().waitFor();
  await s.axe('a parent session');
  s.assertClean();
  await s.close();
});
