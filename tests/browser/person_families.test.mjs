// A person's page shows in full only the families the reader may open;
// of another team's family only a sentence naming the team that holds it
// (docs/access.md, "A person's page"), and a sealed parenting case of the
// person is not listed. axe-core on the page; screenshot kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { TEAMS, USERS, dobForAge, ukDay as day } from '../api/lib.mjs';

const env = suite({ teams: TEAMS, users: USERS });

test('the mother\'s page: her family in full, another team\'s family as one sentence naming the team', async () => {
  const off = await env.srv.login('officer');
  const south = await env.srv.login('officer_south');
  const manager = await env.srv.login('manager');
  const kid = await created(off, '/api/v1/people', { given_name: 'Kit', family_name: 'Dale', date_of_birth: dobForAge(16, 270) });
  const mum = await created(off, '/api/v1/people', { given_name: 'Mo', family_name: 'Dale', date_of_birth: '1983-05-05' });
  const fam = await created(off, '/api/v1/families', { name: 'Dale family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(off, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: day(-30),
  });
  const sol = await created(south, '/api/v1/people', { given_name: 'Solace', family_name: 'Ferry', date_of_birth: dobForAge(15, 150) });
  await created(south, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Bail', person_id: sol.id, team_id: south.user.team_id, worker_id: south.user.id, start_date: day(-3),
  });
  const famS = await created(south, '/api/v1/families', { name: 'Ferry family' });
  await created(south, `/api/v1/families/${famS.id}/members`, { person_id: sol.id, member_type: 'child', relationship: 'child' });
  await created(manager, `/api/v1/families/${famS.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: sol.id });

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/people/${mum.id}`);
  await s.heading('Mo Dale');
  await page.getByText('Also in a family held by YJ South. You cannot open it.').waitFor();
  const main = await page.locator('main').textContent();
  assert.match(main, /Dale family/);
  assert.match(main, /Kit Dale/);
  for (const leak of ['Ferry', 'Solace', '7 July 2011']) assert.ok(!main.includes(leak), `the page shows ${leak}`);
  await s.shot('person-families-elsewhere');
  await s.axe('person page with a family held elsewhere');
  s.assertClean();
  await s.close();
});
