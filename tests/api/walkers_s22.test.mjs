// What session 21's walkers found where the fault is in the data (session
// 22): the parent worker's "Parents to meet" and "Parents not seen" rows
// carry each parent's date of birth, null when it is not known, as "My
// parents" and the due list do (docs/parenting.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, TEAMS, created, createdPerson, dobForAge, ukDay as day, PARENTING_TEAM } from './lib.mjs';

let srv, officer, pw, kid, mum, gran;

before(async () => {
  srv = await Server.start({ teams: [...TEAMS, PARENTING_TEAM], users: USERS });
  [officer, pw] = await srv.loginAll(['officer', 'parentworker']);
  kid = await createdPerson(officer, { given_name: 'Ava', family_name: 'Smith', date_of_birth: dobForAge(16, 330) });
  mum = await createdPerson(officer, { given_name: 'Dee', family_name: 'Smith', date_of_birth: '1985-07-08' });
  gran = await created(officer, '/api/v1/people', { given_name: 'Dee', family_name: 'Smith' });
  const fam = await created(officer, '/api/v1/families', { name: 'Smith family' });
  const member = (body) => created(officer, `/api/v1/families/${fam.id}/members`, body);
  await member({ person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await member({ person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true });
  await member({ person_id: gran.id, member_type: 'adult', relationship: 'grandmother', child_id: kid.id, in_household: true });
  const kase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: day(-60), family_id: fam.id,
  });
  await created(officer, '/api/v1/outcomes', { case_id: kase.id, outcome_type: 'diversion', outcome_date: day(-40), start_date: day(-40) });
});
after(async () => { await srv.stop(); });

const born = (items) => items.map((x) => `${x.person_id}:${x.date_of_birth}`).sort();
const expected = () => [`${mum.id}:1985-07-08`, `${gran.id}:null`].sort();

test('parents to meet: each parent\'s date of birth, null when not known', async () => {
  const r = await pw.get('/api/v1/parenting/to-meet');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(born(r.body.items), expected());
  assert.ok(r.body.items.every((x) => 'date_of_birth' in x));
  const home = await pw.get('/api/v1/parenting/home');
  assert.equal(home.status, 200, home.text);
  assert.deepEqual(born(home.body.to_meet), expected());
});

test('parents not seen: each parent\'s date of birth, on the lists and on the child\'s points', async () => {
  const misses = await pw.get('/api/v1/parenting/misses');
  assert.equal(misses.status, 200, misses.text);
  assert.deepEqual(born(misses.body.items), expected(), 'the start, missed by both');
  const seen = await officer.get('/api/v1/parenting/seen');
  assert.equal(seen.status, 200, seen.text);
  assert.deepEqual(born(seen.body.items), expected());
});
