// /api/v1/families and /api/v1/family-members: families and networks around
// a child, with each member's relationship to a child, who holds parental
// responsibility, who lives in the household and who is wider network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, dobForAge } from './lib.mjs';

let srv, officer, officer2, south, manager, managerEh, social;
let kid, sister, mum, gran, stranger, family;
const REASON = 'Safeguarding strategy meeting this morning';

const member = (fid, body, c = officer) => created(c, `/api/v1/families/${fid}/members`, body);

before(async () => {
  srv = await Server.start();
  [officer, officer2, south, manager, managerEh, social] = await srv.loginAll(
    ['officer', 'officer2', 'officer_south', 'manager', 'manager_eh', 'social']);
  kid = await createdPerson(officer, { given_name: 'Kai', family_name: 'Rowe', date_of_birth: dobForAge(16, 240) });
  sister = await createdPerson(officer, { given_name: 'Skye', family_name: 'Rowe', date_of_birth: dobForAge(13, 100) });
  mum = await createdPerson(officer, { given_name: 'Mara', family_name: 'Rowe', date_of_birth: '1985-01-11' });
  gran = await createdPerson(officer, { given_name: 'Gwen', family_name: 'Hale', preferred_name: 'Nan', date_of_birth: '1958-06-30' });
  stranger = await createdPerson(social, { given_name: 'Elsewhere', family_name: 'Person', date_of_birth: '1990-02-02' });
  const r = await officer.post('/api/v1/families', { name: 'Rowe family', notes: 'Referred by school' });
  assert.equal(r.status, 201, r.text);
  family = r.body;
});
after(async () => { await srv.stop(); });

test('create a family: stored with version 1, owned by the creator\'s team', async () => {
  assert.equal(family.name, 'Rowe family');
  assert.equal(family.notes, 'Referred by school');
  assert.equal(family.version, 1);
  assert.equal(family.owner_team_id, officer.user.team_id);
  assert.equal(family.closed_at, null);
  assert.deepEqual(family.members, []);
  const stored = (await officer.get(`/api/v1/families/${family.id}`)).body;
  assert.equal(`${stored.name}|${stored.owner_team_id}`, `Rowe family|${officer.user.team_id}`);
});

test('bad family input is refused naming the field, and nothing is stored', async () => {
  const before = srv.auditHead();
  const cases = [
    [{}, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 42 }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ name: 'Ok', notes: 7 }, 'notes'],
    [{ name: 'Ok', owner_team_id: 1 }, 'owner_team_id'],
    [{ name: 'Ok', colour: 'blue' }, 'colour'],
  ];
  for (const [body, field] of cases) {
    const r = await officer.post('/api/v1/families', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.error.field, field, JSON.stringify(body));
  }
  const r = await officer.post('/api/v1/families', '[1,2]');
  assert.equal(r.status, 400);
  assert.deepEqual(srv.changesSince(before), []);
});

test('members: children, parents and network with their relationship to a child', async () => {
  const k = await member(family.id, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  assert.equal(k.family_id, family.id);
  assert.equal(k.version, 1);
  assert.equal(k.in_household, true);
  assert.equal(k.parental_responsibility, false);
  assert.deepEqual(k.person, { id: kid.id, given_name: 'Kai', family_name: 'Rowe', preferred_name: null, date_of_birth: kid.date_of_birth });
  await member(family.id, { person_id: sister.id, member_type: 'child', relationship: 'sibling', child_id: kid.id, in_household: true });
  const m = await member(family.id, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id,
    parental_responsibility: true, in_household: true, notes: 'Works nights',
  });
  assert.equal(m.relationship, 'mother');
  assert.equal(m.child_id, kid.id);
  assert.equal(m.parental_responsibility, true);
  // The same mother for the other child is a second relationship, not a duplicate.
  await member(family.id, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: sister.id, parental_responsibility: true });
  const g = await member(family.id, { person_id: gran.id, member_type: 'adult', relationship: 'grandmother', child_id: kid.id, wider_network: true });
  assert.equal(g.wider_network, true);
  assert.equal(g.person.preferred_name, 'Nan');

  const r = await officer.get(`/api/v1/families/${family.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.members.length, 5);
  // Children first (oldest first), then adults.
  assert.deepEqual(r.body.members.map((x) => [x.person.given_name, x.relationship]), [
    ['Kai', 'child'], ['Skye', 'sibling'], ['Gwen', 'grandmother'], ['Mara', 'mother'], ['Mara', 'mother'],
  ]);
  const mara = r.body.members.find((x) => x.id === m.id);
  assert.equal(mara.in_household, true);
  assert.equal(mara.notes, 'Works nights');
  assert.equal(mara.person.date_of_birth, '1985-01-11');
  // Reading the family audits a read of each member.
  assert.equal(srv.audit({ action: 'read', record_type: 'family_member', person_id: gran.id }).length, 1);
});

test('bad member input is refused naming the field, and nothing is stored', async () => {
  const f2 = (await officer.post('/api/v1/families', { name: 'Validation family' })).body;
  await member(f2.id, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  await member(f2.id, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id });
  const before = srv.auditHead();
  const ok = { person_id: gran.id, member_type: 'adult', relationship: 'grandmother' };
  const cases = [
    [{ member_type: 'adult', relationship: 'aunt' }, 'person_id'],
    [{ ...ok, person_id: 999999 }, 'person_id'],
    [{ ...ok, person_id: 'abc' }, 'person_id'],
    [{ ...ok, member_type: 'pet' }, 'member_type'],
    [{ ...ok, member_type: undefined }, 'member_type'],
    [{ ...ok, relationship: 'neighbour' }, 'relationship'],
    [{ ...ok, relationship: null }, 'relationship'],
    [{ ...ok, child_id: 999999 }, 'child_id'],
    [{ ...ok, child_id: mum.id }, 'child_id'], // an adult member, not a child
    [{ ...ok, child_id: sister.id }, 'child_id'], // not in this family
    [{ ...ok, child_id: gran.id }, 'child_id'], // their own relation
    [{ ...ok, parental_responsibility: 'yes' }, 'parental_responsibility'],
    [{ ...ok, in_household: 1 }, 'in_household'],
    [{ ...ok, notes: 'x'.repeat(2001) }, 'notes'],
    [{ ...ok, family_id: family.id }, 'family_id'],
    [{ ...ok, surname: 'Hale' }, 'surname'],
  ];
  for (const [body, field] of cases) {
    const r = await officer.post(`/api/v1/families/${f2.id}/members`, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.error.field, field, `${JSON.stringify(body)}: ${r.text}`);
  }
  // The same person in the same relationship to the same child: 409.
  const dup = await officer.post(`/api/v1/families/${f2.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'parent', child_id: kid.id });
  assert.equal(dup.status, 409, dup.text);
  assert.equal(dup.body.error.field, 'person_id');
  const dup2 = await officer.post(`/api/v1/families/${f2.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  assert.equal(dup2.status, 409, dup2.text);
  assert.deepEqual(srv.changesSince(before), []);
  // A family that does not exist.
  const nf = await officer.post('/api/v1/families/999999/members', ok);
  assert.equal(nf.status, 404);
  assert.deepEqual(srv.changesSince(before), []);
});

test('one person in several families; GET /families?person_id lists them with members', async () => {
  const dads = (await officer.post('/api/v1/families', { name: 'Rowe - father\'s household' })).body;
  await member(dads.id, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  const r = await officer.get(`/api/v1/families?person_id=${kid.id}`);
  assert.equal(r.status, 200, r.text);
  const names = r.body.items.map((f) => f.name);
  assert.ok(names.includes('Rowe family') && names.includes('Rowe - father\'s household'), names.join());
  const rowe = r.body.items.find((f) => f.id === family.id);
  assert.ok(rowe.members.some((m) => m.person.given_name === 'Mara' && m.relationship === 'mother'));
  const only = await officer.get(`/api/v1/families?person_id=${gran.id}`);
  assert.deepEqual(only.body.items.map((f) => f.id), [family.id]);
  // Each family listed is audited against the person asked about.
  assert.equal(srv.audit({ action: 'list', record_type: 'family', record_id: family.id, person_id: gran.id }).length, 1);

  for (const [q, field] of [['', 'person_id'], ['?person_id=x', 'person_id'], ['?person_id=999999', 'person_id']]) {
    const bad = await officer.get(`/api/v1/families${q}`);
    assert.equal(bad.status, 400, q);
    assert.equal(bad.body.error.field, field);
  }
  // A person outside one's scope: refused unless breaking glass.
  assert.equal((await south.get(`/api/v1/families?person_id=${kid.id}`)).status, 403);
  const bg = await south.get(`/api/v1/families?person_id=${kid.id}`, { 'X-Break-Glass-Reason': REASON });
  assert.equal(bg.status, 200, bg.text);
  assert.ok(bg.body.items.length >= 2);
});

test('update a family and a member; a stale version is 409 and changes nothing', async () => {
  const f = (await officer.post('/api/v1/families', { name: 'Versioned', notes: 'one' })).body;
  const u = await officer.patch(`/api/v1/families/${f.id}`, { version: 1, notes: 'two' });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.version, 2);
  assert.equal(u.body.notes, 'two');
  assert.equal(u.body.name, 'Versioned');
  const stale = await officer2.patch(`/api/v1/families/${f.id}`, { version: 1, notes: 'three' });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.body.error.field, 'version');
  const notes = async () => { const x = (await officer.get(`/api/v1/families/${f.id}`)).body; return `${x.notes}|${x.version}`; };
  assert.equal(await notes(), 'two|2');
  assert.equal((await officer.patch(`/api/v1/families/${f.id}`, { notes: 'x' })).body.error.field, 'version');
  assert.equal((await officer.patch(`/api/v1/families/${f.id}`, { version: 2, name: '' })).body.error.field, 'name');
  assert.equal((await officer.patch(`/api/v1/families/${f.id}`, { version: 2, owner_team_id: 3 })).body.error.field, 'owner_team_id');
  assert.equal(await notes(), 'two|2');
  // One change after creation (the old version in the history:
  // tests/store/history.test.mjs).
  assert.deepEqual(srv.changes({ record_type: 'family', record_id: f.id }), ['create', 'update']);

  await member(f.id, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  const m = await member(f.id, { person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, in_household: true });
  const mu = await officer.patch(`/api/v1/family-members/${m.id}`, { version: 1, in_household: false, parental_responsibility: true });
  assert.equal(mu.status, 200, mu.text);
  assert.equal(mu.body.version, 2);
  assert.equal(mu.body.in_household, false);
  assert.equal(mu.body.parental_responsibility, true);
  assert.equal(mu.body.person.given_name, 'Mara');
  const ms = await officer.patch(`/api/v1/family-members/${m.id}`, { version: 1, in_household: true });
  assert.equal(ms.status, 409);
  const bad = [
    [{ version: 2, person_id: gran.id }, 'person_id'],
    [{ version: 2, family_id: family.id }, 'family_id'],
    [{ version: 2, relationship: 'lodger' }, 'relationship'],
    [{ version: 2, child_id: sister.id }, 'child_id'],
  ];
  for (const [body, field] of bad) {
    const r = await officer.patch(`/api/v1/family-members/${m.id}`, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.error.field, field);
  }
  const mara = (await officer.get(`/api/v1/families/${f.id}`)).body.members.find((x) => x.id === m.id);
  assert.equal(`${Number(mara.in_household)}${Number(mara.parental_responsibility)}${mara.version}${mara.relationship}`, '012mother');
});

test('close a membership and a family', async () => {
  const f = (await officer.post('/api/v1/families', { name: 'Closing' })).body;
  const k = await member(f.id, { person_id: kid.id, member_type: 'child', relationship: 'child' });
  const g = await member(f.id, { person_id: gran.id, member_type: 'adult', relationship: 'grandparent', child_id: kid.id });
  assert.equal((await officer.post(`/api/v1/family-members/${g.id}/close`, { version: 1 })).body.error.field, 'reason');
  const c = await officer.post(`/api/v1/family-members/${g.id}/close`, { version: 1, reason: 'Moved abroad' });
  assert.equal(c.status, 200, c.text);
  assert.ok(c.body.closed_at);
  assert.equal(c.body.closed_reason, 'Moved abroad');
  const after1 = await officer.get(`/api/v1/families/${f.id}`);
  assert.deepEqual(after1.body.members.map((m) => m.person.id), [kid.id]);
  // Once ended, the person may be added again.
  const g2 = await member(f.id, { person_id: gran.id, member_type: 'adult', relationship: 'grandparent', child_id: kid.id });
  assert.equal((await officer.patch(`/api/v1/family-members/${g.id}`, { version: 2, notes: 'late' })).status, 409);

  const openBefore = (await officer.get(`/api/v1/families/${f.id}`)).body.members.length;
  assert.equal(openBefore, 2);
  const head = srv.auditHead();
  assert.equal((await officer.post(`/api/v1/families/${f.id}/close`, { version: 1, reason: 'Ended' })).status, 200);
  // Each membership the closing ended is in the audit trail, about its
  // person, in the same transaction as the family's own row.
  assert.deepEqual(srv.changesSince(head),
    [`close family ${f.id}`, `close family_member ${k.id}`, `close family_member ${g2.id}`]);
  assert.deepEqual(srv.audit({ action: 'close', record_type: 'family_member' }, head).map((r) => r.person_id), [kid.id, gran.id]);
  // Why, in every row of the change, as a reopen's rows have it.
  assert.deepEqual(srv.audit({ action: 'close' }, head).map((r) => r.reason), ['Ended', 'Ended', 'Ended']);
  // Closing the family ends its memberships in the same transaction (with
  // the family's reason and their old versions kept in history:
  // tests/store/history.test.mjs).
  assert.deepEqual((await officer.get(`/api/v1/families/${f.id}`)).body.members, []);
  assert.equal((await officer.post(`/api/v1/families/${f.id}/close`, { version: 1, reason: 'Again' })).status, 409);
  const n = srv.auditHead();
  const add = await officer.post(`/api/v1/families/${f.id}/members`, { person_id: mum.id, member_type: 'adult', relationship: 'mother' });
  assert.equal(add.status, 409, add.text);
  assert.deepEqual(srv.changesSince(n), []);
  assert.equal((await officer.patch(`/api/v1/families/${f.id}`, { version: 2, name: 'x' })).status, 409);
  // A closed family is no longer listed around its members.
  const list = await officer.get(`/api/v1/families?person_id=${kid.id}`);
  assert.ok(!list.body.items.some((x) => x.id === f.id));
});

test('scope: team and service see the family; other teams need break glass and cannot write', async () => {
  assert.equal((await officer2.get(`/api/v1/families/${family.id}`)).status, 200);
  assert.equal((await manager.get(`/api/v1/families/${family.id}`)).status, 200);
  assert.equal((await managerEh.get(`/api/v1/families/${family.id}`)).status, 403);
  assert.equal((await south.get(`/api/v1/families/${family.id}`)).status, 403);
  const bg = await south.get(`/api/v1/families/${family.id}`, { 'X-Break-Glass-Reason': REASON });
  assert.equal(bg.status, 200, bg.text);
  assert.deepEqual(srv.audit({ action: 'read', record_type: 'family', record_id: family.id, username: 'officer_south' })
    .map((x) => `${x.break_glass ? 1 : 0}|${x.reason}`), [`1|${REASON}`]);
  const n = srv.auditHead();
  const add = await south.post(`/api/v1/families/${family.id}/members`, { person_id: gran.id, member_type: 'adult', relationship: 'carer' }, { 'X-Break-Glass-Reason': REASON });
  assert.equal(add.status, 403);
  const mid = (await officer.get(`/api/v1/families/${family.id}`)).body.members.find((x) => x.person.id === gran.id).id;
  assert.equal((await south.patch(`/api/v1/family-members/${mid}`, { version: 1, notes: 'x' })).status, 403);
  assert.equal((await south.post(`/api/v1/family-members/${mid}/close`, { version: 1, reason: 'x' })).status, 403);
  assert.equal((await officer2.patch(`/api/v1/family-members/${mid}`, { version: 1, notes: 'Team edit' })).status, 200);
  // Someone outside one's scope cannot be pulled into a family (that would
  // open their record): answered as someone who does not exist (session
  // 25), naming person_id, nothing stored.
  const pull = await officer.post(`/api/v1/families/${family.id}/members`, { person_id: stranger.id, member_type: 'adult', relationship: 'friend' });
  assert.equal(pull.status, 400, pull.text);
  assert.match(pull.body.error.message, /this person does not exist/);
  assert.equal(pull.body.error.field, 'person_id');
  assert.deepEqual(srv.changesSince(n), [`update family_member ${mid}`], 'only the team\'s edit stored');
});

test('a person\'s record shows the whole family around them', async () => {
  const before = srv.auditHead();
  const r = await officer.get(`/api/v1/people/${mum.id}`);
  assert.equal(r.status, 200, r.text);
  const f = r.body.families.find((x) => x.id === family.id);
  assert.ok(f, JSON.stringify(r.body.families));
  assert.equal(f.name, 'Rowe family');
  const byName = Object.fromEntries(f.members.map((m) => [`${m.person.given_name}:${m.child_id ?? ''}`, m]));
  assert.equal(byName[`Kai:`].relationship, 'child');
  assert.equal(byName[`Skye:${kid.id}`].relationship, 'sibling');
  assert.equal(byName[`Gwen:${kid.id}`].wider_network, true);
  assert.equal(byName[`Mara:${kid.id}`].parental_responsibility, true);
  assert.deepEqual(r.body.cases, []);
  // Everyone shown around her is in the audit trail as listed on that page.
  const shown = new Set(f.members.map((m) => m.person.id).filter((id) => id !== mum.id));
  const listed = [...new Set(srv.audit({ action: 'list', record_type: 'family_member', user_id: officer.user.id }, before)
    .map((x) => x.person_id))];
  for (const id of shown) assert.ok(listed.includes(id), `member ${id} shown but not audited (${listed})`);
  assert.ok(!listed.includes(mum.id), 'her own read is audited once, as a read');
  const s = await officer.get(`/api/v1/people/${stranger.id}`, { 'X-Break-Glass-Reason': REASON });
  assert.deepEqual(s.body.families, []);
});
