// Peer support and referrals out in real Chromium (docs/parenting.md "Peer
// support and referrals"): a parent worker adds a group and a session, marks
// the whole register in one form, adds a mentor, records a parent's
// preferences and sees the mentors matched on them, makes a referral with the
// parent's consent (refused without it, the error on the field) and moves its
// status on. axe-core runs on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { USERS, TEAMS, ukToday } from '../api/lib.mjs';

const env = suite({
  teams: [...TEAMS, ['parenting', 'Parenting North']],
  users: [...USERS, ['pwork', 'parent_worker', 'parenting', 'Parenting North']],
});
const TODAY = ukToday();

test('a parent worker keeps a group\'s register, a mentor register, a parent\'s preferences and matches, and referrals', async () => {
  const pw = await env.srv.login('pwork');
  const parents = [];
  for (const [given, family] of [['Harpreet', 'Kaur'], ['Adam', 'Nowak']]) {
    const person = await created(pw, '/api/v1/people', { given_name: given, family_name: family, date_of_birth: '1984-02-03' });
    const kase = await created(pw, '/api/v1/cases', {
      service: 'parenting', person_id: person.id, team_id: pw.user.team_id, worker_id: pw.user.id,
      start_date: '2025-04-01', reason: 'Parent of a child open to the youth justice service',
    });
    parents.push({ person, kase });
  }
  await created(pw, '/api/v1/peer-mentors', { team_id: pw.user.team_id, name: 'Ewa Kowalska', languages: ['Polish'], gender: 'woman', available: true });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('pwork');
  await page.getByRole('link', { name: 'Peer support' }).click();
  await s.heading('Peer support');
  await s.axe('peer support home');

  // A group, refused without a name, then added.
  await page.getByRole('button', { name: 'Add a group' }).click();
  await s.heading('Add a peer support group');
  await s.axe('add a group');
  await page.getByRole('button', { name: 'Save group' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('#f-name-error').textContent(), /name/i);
  await s.axe('add a group with an error');
  await page.getByLabel('Name of the group').fill('Friendship Group');
  await page.getByLabel('When it meets (optional)').fill('Monthly, first Tuesday');
  await page.getByRole('button', { name: 'Save group' }).click();
  await s.heading('Friendship Group');
  await s.axe('group page');

  // A session, then the whole register in one form.
  await page.getByRole('button', { name: 'Add a session' }).click();
  await s.heading('Add a session');
  await s.axe('add a session');
  await page.getByLabel('Topic (optional)').fill('Routines at home');
  await page.getByRole('button', { name: 'Save session' }).click();
  await s.heading(/Mark the register/);
  await s.axe('mark the register');
  const row = (name) => page.locator('fieldset', { has: page.locator('legend', { hasText: name }) });
  await row('Harpreet Kaur').getByLabel('Attended', { exact: true }).check();
  await row('Adam Nowak').getByLabel('Did not attend').check();
  await page.getByRole('button', { name: 'Save the register' }).click();
  await s.heading(/Friendship Group: /);
  await s.axe('session page');
  const reg = (await pw.get(`/api/v1/peer-group-attendance?session_id=${(await pw.get(`/api/v1/peer-group-sessions?group_id=${(await pw.get(`/api/v1/peer-groups?team_id=${pw.user.team_id}`)).body.items[0].id}`)).body.items[0].id}`)).body.items;
  assert.deepEqual(reg.map((l) => [l.given_name, l.attended]), [['Harpreet', true], ['Adam', false]]);

  // A mentor.
  await s.goto('#/peer/mentors/new');
  await s.heading('Add a peer mentor');
  await s.axe('add a mentor');
  await page.getByLabel('Name', { exact: true }).fill('Amrit Sandhu');
  await page.getByLabel('Languages spoken (optional)').fill('Punjabi\nEnglish');
  await page.getByLabel('Woman').check();
  await page.getByRole('button', { name: 'Save mentor' }).click();
  await s.heading('Peer support');
  await page.getByRole('cell', { name: 'Punjabi, English' }).waitFor();

  // The parent's preferences and the mentors matched on them.
  const mum = parents[0];
  await s.goto(`#/people/${mum.person.id}/peer`);
  await s.heading('Peer mentors for Harpreet Kaur');
  await s.axe('parent peer page');
  await page.getByRole('button', { name: 'Record preferences' }).click();
  await s.heading('What matters to Harpreet Kaur in a mentor');
  await s.axe('preferences');
  await page.getByLabel('Languages the parent speaks (optional)').fill('Punjabi');
  await page.getByLabel('Language matters to them').check();
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await s.heading('Peer mentors for Harpreet Kaur');
  const first = page.locator('table tbody tr').first();
  assert.match(await first.textContent(), /Amrit Sandhu.*Language: meets \(matters\) – Punjabi/);

  // A referral: refused without the parent's consent, then made.
  await s.goto(`#/cases/${mum.kase.id}`);
  await page.getByRole('heading', { name: 'Referrals out' }).waitFor();
  await s.axe('parent support case');
  await page.getByRole('button', { name: 'Make a referral' }).click();
  await s.heading('Refer Harpreet Kaur');
  await s.axe('make a referral');
  await page.getByLabel('A culturally matched peer mentor').check();
  await page.getByLabel('Mentor (for a peer mentor)').selectOption({ label: 'Amrit Sandhu' });
  await page.getByRole('button', { name: 'Save referral' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('#f-consent_given-error').textContent(), /consent/);
  await s.axe('make a referral with an error');
  await page.getByLabel('The parent agrees to this referral').check();
  await page.getByRole('button', { name: 'Save referral' }).click();
  await page.getByText(/Sent since/).waitFor();
  await s.axe('parent support case with a referral');
  await page.getByRole('link', { name: /Change status/ }).click();
  await s.heading('Change the status of the referral');
  await s.axe('change referral status');
  await page.getByLabel('Accepted').check();
  await page.getByRole('button', { name: 'Save status' }).click();
  await page.getByText(/Accepted since/).waitFor();
  const refs = (await pw.get(`/api/v1/parent-referrals?case_id=${mum.kase.id}`)).body.items;
  assert.deepEqual(refs.map((r) => [r.destination, r.status, r.status_date, r.consent_given]), [['peer_mentor', 'accepted', TODAY, true]]);
  s.assertClean();
  await s.close();
});
