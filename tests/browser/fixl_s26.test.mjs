// Session 26 (fixl): a parent the parenting team recorded as declined stays
// on its parents to meet, marked so, and "Record agreement" asks again on
// that support (docs/parenting.md "Parents to meet"): before, the parent
// left the list and the row answered 403 to the worker who wrote it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created, reedFamily } from './lib.mjs';
import { ukDay as day, parentingFixture } from '../api/lib.mjs';

const env = suite(parentingFixture());

test('a declined parent is asked again from the parents to meet; the father asked first', async () => {
  const off = await env.srv.login('officer');
  const { kid, mum, kase, fam } = await reedFamily(off);
  const dad = await created(off, '/api/v1/people', { given_name: 'Joe', family_name: 'Reed' });
  await created(off, `/api/v1/families/${fam.id}/members`, {
    person_id: dad.id, member_type: 'adult', relationship: 'father', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  const pw = await env.srv.login('pworker_p');
  // The parents' own records are outside the parenting team's scope (issue 9).
  assert.equal((await pw.get(`/api/v1/people/${dad.id}`)).status, 403);
  const s0 = await created(pw, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: kase.id, agreement: 'declined', agreement_date: day(-5), notes: 'Not now, ask after the exams',
  });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('pworker_p');
  const meet = page.locator('table', { has: page.locator('caption', { hasText: 'Parents to meet' }) });
  await meet.waitFor();
  // The father, never asked: his page names him from the list.
  await meet.locator('tbody tr', { hasText: 'Joe' }).getByRole('link', { name: /Record agreement/ }).click();
  await s.heading('Support for Joe Reed');
  await page.getByLabel('Declined support', { exact: true }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('The support for Joe Reed has been recorded.').waitFor();
  await meet.waitFor();
  assert.match(await meet.locator('tbody tr', { hasText: 'Joe' }).textContent(), /Declined/);
  const row = meet.locator('tbody tr', { hasText: 'Ines' });
  assert.match(await row.textContent(), /Declined/);
  await row.getByRole('link', { name: /Record agreement/ }).click();
  await s.heading('Support for Ines Reed');
  await page.getByLabel('Agreed to support', { exact: true }).check();
  await s.date('Support started', day(0));
  await page.getByRole('button', { name: 'Save' }).click();
  await s.heading('Ines Reed');
  await page.getByText('The support for Ines Reed has been recorded.').waitFor();
  await s.close();
  // The same row, now agreed, on a parenting case held by the worker; notes kept.
  const all = (await pw.get(`/api/v1/parent-supports?person_id=${mum.id}`)).body.items;
  assert.equal(all.length, 1);
  assert.equal(all[0].id, s0.id);
  assert.equal(all[0].support_status, 'active');
  assert.equal(all[0].notes, 'Not now, ask after the exams');
  assert.ok(all[0].case_id);
});
