// The screens' choices and labels come from the API's vocabularies
// (GET /api/v1/vocabularies), fetched once per page load: the answer is
// rewritten on its way to Chromium and the screens follow it (a retired
// term is no longer offered, yet a record holding it still reads in words
// and keeps it when edited). On the old UI, with its own copies, these words never appear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';

const env = suite();

test('labels and choices follow the served vocabularies, loaded once', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Rhys', family_name: 'Owen', date_of_birth: '2011-06-09', sex: 'female' });
  await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: '2024-03-01',
  });
  await created(off, '/api/v1/consents', {
    person_id: kid.id, agency: 'Northfield Academy', purpose: 'Attendance data', lawful_basis: 'public_task', given_on: '2024-04-02',
  });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  let fetched = 0;
  await page.route('**/api/v1/vocabularies*', async (route) => {
    fetched++;
    const res = await route.fetch();
    const body = await res.json();
    for (const v of body.items) {
      for (const t of v.terms) {
        if (v.name === 'sex' && t.code === 'female') { t.label = 'Female (as served)'; t.retired = true; }
        if (v.name === 'lawful_bases' && t.code === 'legal_obligation') t.label = 'Legal obligation (as served)';
        if (v.name === 'lawful_bases' && t.code === 'public_task') { t.label = 'Public task (retired)'; t.retired = true; }
      }
    }
    await route.fulfill({ response: res, json: body });
  });
  await s.signIn('officer');
  await s.goto(`#/people/${kid.id}`);
  await s.heading('Rhys Owen');
  await page.getByText('Female (as served)').first().waitFor();
  // The consent on a retired basis still reads in words.
  await page.getByRole('heading', { name: 'Consent to share information' }).waitFor();
  await page.getByRole('cell', { name: 'Public task (retired)' }).waitFor();

  await page.getByRole('button', { name: 'Record a consent' }).click();
  await s.heading('Record consent to share information about Rhys Owen');
  await page.getByLabel('Legal obligation (as served)').waitFor();
  assert.equal(await page.getByLabel('Public task (retired)').count(), 0, 'a retired basis is not offered');
  assert.equal(await page.getByLabel('Public task', { exact: true }).count(), 0);
  await s.axe('consent form from served vocabularies');

  // Editing the record keeps the retired sex it holds, shown and chosen;
  // a new person is not offered it.
  await s.goto(`#/people/${kid.id}/edit`);
  assert.equal(await page.getByLabel('Female (as served)').isChecked(), true);
  await page.getByRole('button', { name: /Save/ }).click();
  await s.heading('Rhys Owen');
  assert.equal((await off.get(`/api/v1/people/${kid.id}`)).body.sex, 'female');
  await s.goto('#/people/new');
  await page.getByLabel('Male', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Female (as served)').count(), 0, 'a retired sex is not offered');
  assert.equal(fetched, 1, 'the vocabularies are fetched once per page load');
  assert.deepEqual(s.errors, []);
  await s.close();
});
