// Session 24 FIXF, in real Chromium: pages offer only what the reader may
// do, as the server's rule says it (`can`, policy_reassign), and say
// "withheld" where something is withheld, never "none". axe-core on each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { daleFamilyWithOrder, dobForAge, ukDay as day, parentingFixture } from '../api/lib.mjs';

const env = suite(parentingFixture());

test('"Reallocate" and "Change the key worker" are offered only to the holder and managers', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Ren', family_name: 'Held', date_of_birth: dobForAge(16, 274) });
  const c = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: off.user.team_id,
    worker_id: off.user.id, start_date: day(-30),
  });
  const fam = await created(off, '/api/v1/families', { name: 'Held family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  const f1 = await off.patch(`/api/v1/families/${fam.id}`, { version: fam.version, key_worker_id: off.user.id });
  assert.equal(f1.status, 200, f1.text);
  const reallocate = (s) => s.page.getByRole('link', { name: 'Reallocate' }).count();
  const changeKw = (s) => s.page.getByRole('button', { name: 'Change the key worker' }).count();

  // A colleague of the team: neither is offered.
  const s = await Session.open(env.browser, env.srv);
  await s.signIn('officer2');
  await s.goto(`#/cases/${c.id}`);
  await s.page.getByText('Allocated worker').waitFor();
  assert.equal(await reallocate(s), 0, 'a colleague is not offered Reallocate on the case page');
  await s.axe('case page, a colleague');
  await s.goto(`#/cases/${c.id}/allocate`);
  await s.page.getByText('You can only re-allocate a case you hold. Ask a manager of the team to re-allocate it.').waitFor();
  assert.equal(await s.page.locator('form').count(), 0);
  await s.axe('allocate page, a colleague');
  await s.goto(`#/families/${fam.id}`);
  await s.page.getByText('Key worker').first().waitFor();
  assert.equal(await changeKw(s), 0, 'a colleague is not offered to change the key worker');
  await s.goto(`#/families/${fam.id}/key-worker`);
  await s.page.getByText('Only the family’s key worker or a manager can change who the key worker is.').waitFor();
  await s.axe('key worker page, a colleague');
  s.assertClean();
  await s.close();

  // The holder and a manager are offered both.
  for (const who of ['officer', 'manager']) {
    const t = await Session.open(env.browser, env.srv);
    await t.signIn(who);
    await t.goto(`#/cases/${c.id}`);
    await t.page.getByRole('link', { name: 'Reallocate' }).waitFor();
    await t.goto(`#/families/${fam.id}`);
    await t.page.getByRole('button', { name: 'Change the key worker' }).waitFor();
    t.assertClean();
    await t.close();
  }
});

test('a youth justice manager reading a parent\'s page is told the parenting support is withheld, not that there is none', async () => {
  const off = await env.srv.login('officer');
  const pw = await env.srv.login('pworker_p');
  const { mum, yjCase, outcome } = await daleFamilyWithOrder(off);
  await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: yjCase.id, outcome_id: outcome.id, agreement: 'agreed', agreement_date: day(-20), start_date: day(-20),
  });
  const s = await Session.open(env.browser, env.srv);
  await s.signIn('manager');
  await s.goto(`#/parenting/people/${mum.id}`);
  await s.heading('Mo Dale');
  await s.page.locator('h2', { hasText: 'Support plan' }).waitFor();
  const text = await s.page.locator('main').innerText();
  assert.match(text, /Parenting case\s+Not shared with your service/);
  assert.ok(!/None open/.test(text), text);
  assert.ok(!/No sessions have been recorded/.test(text), text);
  assert.ok(!/No goals have been agreed yet/.test(text), text);
  assert.equal((text.match(/Not shared with your service/g) || []).length, 4, text);
  assert.doesNotMatch(text, /Withheld/, 'the figures pages\' word for small numbers (session 27)');
  await s.axe('parent page, withheld from a youth justice manager');
  s.assertClean();
  await s.close();
});
