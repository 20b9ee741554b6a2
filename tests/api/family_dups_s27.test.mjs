// Session 27: the duplicate check when someone is added to a family says
// which matches are already in it (POST /people and /people/duplicates
// with "family_id", honoured only for a family the user may read), and
// adding a member again is refused naming the relationship they hold.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, daleFamilyWithOrder } from './lib.mjs';

let srv, officer, south, social, dale, other;
const MO = { given_name: 'Mo', family_name: 'Dale', date_of_birth: '1983-05-05' };

before(async () => {
  srv = await Server.start();
  [officer, south, social] = await srv.loginAll(['officer', 'officer_south', 'social']);
  dale = await daleFamilyWithOrder(officer);
  // Another Mo Dale, born the same day, in no family.
  other = await created(officer, '/api/v1/people', { ...MO, given_name: 'Moe', allow_duplicate: true });
});
after(async () => { await srv.stop(); });

const byId = (items) => Object.fromEntries(items.map((d) => [d.id, d]));

test('a match already in the family is marked with their memberships; others with none', async () => {
  const r = await officer.post('/api/v1/people/duplicates', { ...MO, family_id: dale.fam.id });
  assert.equal(r.status, 200, r.text);
  const d = byId(r.body.items);
  assert.deepEqual(d[dale.mum.id].family_memberships.map((m) => [m.relationship, m.member_type, m.child_id]),
    [['mother', 'adult', dale.kid.id]]);
  assert.ok(d[dale.mum.id].family_memberships[0].id > 0);
  assert.deepEqual(d[other.id].family_memberships, []);
  // The same on the 409 of POST /people, and nothing is stored.
  const before = srv.auditHead();
  const c = await officer.post('/api/v1/people', { ...MO, family_id: dale.fam.id });
  assert.equal(c.status, 409, c.text);
  assert.equal(byId(c.body.error.duplicates)[dale.mum.id].family_memberships[0].relationship, 'mother');
  assert.deepEqual(srv.changesSince(before), []);
});

test('a family the user may not read is ignored: the answer is the one without it', async () => {
  for (const c of [south, social]) {
    const plain = await c.post('/api/v1/people/duplicates', MO);
    assert.ok(plain.body.items.some((d) => d.id === dale.mum.id), c.user.username);
    for (const fid of [dale.fam.id, 999999]) {
      const r = await c.post('/api/v1/people/duplicates', { ...MO, family_id: fid });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body, plain.body, c.user.username);
      assert.ok(r.body.items.every((d) => !('family_memberships' in d)));
      const p = await c.post('/api/v1/people', { ...MO, family_id: fid });
      assert.equal(p.status, 409, p.text);
      assert.ok(p.body.error.duplicates.every((d) => !('family_memberships' in d)));
    }
  }
});

test('family_id that is not a whole number is refused naming it, with the other wrong fields', async () => {
  for (const fid of ['x', 1.5, -1, true]) {
    const r = await officer.post('/api/v1/people/duplicates', { ...MO, family_id: fid });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.field, 'family_id');
  }
  const r = await officer.post('/api/v1/people', { ...MO, date_of_birth: 'soon', family_id: 'x' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((x) => x.field).sort(), ['date_of_birth', 'family_id']);
});

test('family_id is not stored with a new person', async () => {
  const p = await created(officer, '/api/v1/people', { given_name: 'Nia', family_name: 'Dale', family_id: dale.fam.id });
  assert.equal(p.family_id, undefined);
  const again = (await officer.get(`/api/v1/people/${p.id}`)).body;
  assert.equal(again.family_id, undefined);
});

test('adding a member again for the same child is refused naming person_id and what they are', async () => {
  const before = srv.auditHead();
  const r = await officer.post(`/api/v1/families/${dale.fam.id}/members`, {
    person_id: dale.mum.id, member_type: 'adult', relationship: 'aunt', child_id: dale.kid.id,
  });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.field, 'person_id');
  assert.equal(r.body.error.message,
    'This person is already in this family as this child’s mother. Change their membership instead of adding them again');
  const k = await officer.post(`/api/v1/families/${dale.fam.id}/members`, {
    person_id: dale.kid.id, member_type: 'child', relationship: 'child',
  });
  assert.equal(k.status, 409, k.text);
  assert.equal(k.body.error.field, 'person_id');
  assert.match(k.body.error.message, /already in this family as a child of the family/);
  assert.deepEqual(srv.changesSince(before), []);
});
