// Parent accounts in the web UI (docs/parenting.md "Parent accounts"): the
// practitioner's "Invite to the parent portal" control on the person's
// page shows a one-time code; the parent, not signed in, redeems it on
// the start page (linked from sign-in), choosing a username and password,
// and lands on their family's page. axe-core on each page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { dobForAge, ukDay as day, ukLong } from '../api/lib.mjs';

const env = suite();

test('an officer invites a mother from her record; she sets up her account and sees her family', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Lou', family_name: 'Reed', date_of_birth: dobForAge(16, 276) });
  const mum = await created(off, '/api/v1/people', { given_name: 'Ada', family_name: 'Reed', date_of_birth: '1984-03-02' });
  const fam = await created(off, '/api/v1/families', { name: 'Reed family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(off, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: day(-30),
  });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/people/${mum.id}`);
  await s.heading('Ada Reed');
  await page.getByRole('button', { name: 'Invite to the parent portal' }).click();
  await s.heading('Invite Ada Reed to the parent portal');
  await s.axe('invite to the parent portal');
  const mark = env.srv.auditHead();
  await page.getByRole('button', { name: 'Create an invitation code' }).click();
  await s.heading('Invitation code created');
  const code = (await page.locator('#invitation-code').textContent()).trim();
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  const main = await page.locator('main').textContent();
  assert.match(main, new RegExp(`Give this code to Ada Reed\\. It works once, until the end of ${ukLong(day(7))}\\.`));
  assert.match(main, /\/#\/parent\/start/);
  assert.deepEqual(env.srv.changesSince(mark).map((x) => x.split(' ').slice(0, 2).join(' ')), ['invite parent_invitation']);
  await s.shot('parent-invite-code');
  await s.axe('invitation code');
  s.assertClean();
  await s.close();

  // The parent, on a browser of her own.
  const parent = await Session.open(env.browser, env.srv);
  const pp = parent.page;
  await parent.goto('#/sign-in');
  await pp.getByRole('link', { name: 'Set up your parent portal account' }).click();
  await parent.heading('Set up your parent portal account');
  await parent.axe('parent start');
  await pp.getByLabel('Invitation code').fill('AAAA-BBBB-CCCC-DDDD');
  await pp.getByLabel('Choose a username').fill('ada.reed');
  await pp.getByLabel('Choose a password').fill('Password1234');
  await pp.getByRole('button', { name: 'Set up my account' }).click();
  const summary = pp.locator('.govuk-error-summary');
  await summary.waitFor();
  const listed = await summary.locator('li').allTextContents();
  assert.equal(listed.length, 2, JSON.stringify(listed));
  assert.match(listed[0], /The invitation code is not right, or it has been used or has expired/);
  assert.match(listed[1], /password/i);
  await parent.axe('parent start with errors');
  await pp.getByLabel('Invitation code').fill(code.toLowerCase());
  await pp.getByLabel('Choose a password').fill('kettle violin marble 58');
  await pp.getByRole('button', { name: 'Set up my account' }).click();
  await parent.heading('Reed family');
  await pp.locator('#sign-out').waitFor();
  await parent.shot('parent-start-signed-in');
  await parent.axe('parent signed in');
  parent.assertClean();
  await parent.close();
});
