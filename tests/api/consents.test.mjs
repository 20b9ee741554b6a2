// /api/v1/consents: per person, what may be shared with which agency, on
// which lawful basis, given by whom and when; corrections keep history and
// withdrawal is recorded, never deleted; scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, ukDay } from './lib.mjs';

let srv, officer, officer2, south, manager, admin, analyst;
let kid, southKid;

const consent = (extra = {}) => ({
  person_id: kid.id, agency: 'Northfield Academy', purpose: 'Attendance and exclusions data',
  lawful_basis: 'consent', given_by: 'Dawn Reed (mother)', given_on: '2024-04-02', ...extra,
});

before(async () => {
  srv = await Server.start();
  [officer, officer2, south, manager, admin, analyst] = await srv.loginAll(
    ['officer', 'officer2', 'officer_south', 'manager', 'admin', 'analyst']);
  kid = await createdPerson(officer, { given_name: 'Rhys', family_name: 'Owen' });
  southKid = await createdPerson(south, { given_name: 'Sol', family_name: 'Hart' });
  await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: '2024-03-01' });
});
after(async () => { await srv.stop(); });

test('record a consent: stored with who recorded it; the read is audited', async () => {
  const c = await created(officer, '/api/v1/consents', consent());
  assert.equal(c.version, 1);
  assert.equal(c.person_id, kid.id);
  assert.equal(c.agency, 'Northfield Academy');
  assert.equal(c.purpose, 'Attendance and exclusions data');
  assert.equal(c.lawful_basis, 'consent');
  assert.equal(c.given_by, 'Dawn Reed (mother)');
  assert.equal(c.given_on, '2024-04-02');
  assert.equal(c.status, 'active');
  assert.equal(c.created_by, officer.user.id);
  assert.equal(c.recorded_by_name, 'Test officer');
  assert.equal(c.closed_at, null);
  assert.equal(srv.audit({ action: 'create', record_type: 'consent', record_id: c.id, person_id: kid.id }).length, 1);
  const g = await officer2.get(`/api/v1/consents/${c.id}`);
  assert.equal(g.status, 200, g.text);
  assert.equal(g.body.agency, 'Northfield Academy');
  assert.equal(srv.audit({ action: 'read', record_type: 'consent', record_id: c.id, person_id: kid.id, username: 'officer2' }).length, 1);
  const legal = await created(officer, '/api/v1/consents', consent({ agency: 'Police', lawful_basis: 'legal_obligation', given_by: null }));
  assert.equal(legal.given_by, null);
  assert.equal(legal.shares, null);
  // A consent that lets a service see a record in Spire names what and to whom.
  const share = await created(officer, '/api/v1/consents', consent({ shares: 'family_plan', shared_with: 'early_help' }));
  assert.equal(share.shares, 'family_plan');
  assert.equal(share.shared_with, 'early_help');
});

test('invalid consents are refused naming the field, and nothing is stored', async () => {
  const future = ukDay(3);
  const before = srv.auditHead();
  const listBefore = (await officer.get(`/api/v1/consents?person_id=${kid.id}&limit=200`)).body.items.length;
  for (const [extra, status, field] of [
    [{ person_id: undefined }, 400, 'person_id'],
    [{ person_id: 999999 }, 400, 'person_id'],
    [{ person_id: southKid.id }, 400, 'person_id'], // as one that does not exist (session 25)
    [{ agency: undefined }, 400, 'agency'],
    [{ agency: '' }, 400, 'agency'],
    [{ agency: 'a'.repeat(201) }, 400, 'agency'],
    [{ purpose: undefined }, 400, 'purpose'],
    [{ lawful_basis: 'because' }, 400, 'lawful_basis'],
    [{ lawful_basis: undefined }, 400, 'lawful_basis'],
    [{ given_on: '02/04/2024' }, 400, 'given_on'],
    [{ given_on: future }, 400, 'given_on'],
    [{ given_on: undefined }, 400, 'given_on'],
    [{ status: 'withdrawn' }, 400, 'status'],
    [{ given_by: 42 }, 400, 'given_by'],
    [{ shares: 'everything', shared_with: 'youth_justice' }, 400, 'shares'],
    [{ shares: 'family_plan', shared_with: 'police' }, 400, 'shared_with'],
    [{ shares: 'family_plan' }, 400, 'shared_with'],
    [{ shared_with: 'parenting' }, 400, 'shares'],
    // The officer does not record a consent that lets youth justice see a record.
    [{ shares: 'parent_self_assessment', shared_with: 'youth_justice' }, 400, 'shared_with'],
  ]) {
    const r = await officer.post('/api/v1/consents', consent({ purpose: 'Should not be stored', ...extra }));
    assert.equal(r.status, status, `${JSON.stringify(extra)}: ${r.text}`);
    assert.equal(r.body.error.field, field, `${JSON.stringify(extra)}: ${r.body.error.message}`);
  }
  assert.deepEqual(srv.changesSince(before), []);
  assert.equal((await officer.get(`/api/v1/consents?person_id=${kid.id}&limit=200`)).body.items.length, listBefore);
  assert.equal(srv.audit({ action: 'denied', record_type: 'person', record_id: southKid.id, username: 'officer' }).length, 1);
});

test('correct a consent: history kept; a stale version is 409 and changes nothing', async () => {
  const c = await created(officer, '/api/v1/consents', consent({ agency: 'Health visitor' }));
  const r = await officer.patch(`/api/v1/consents/${c.id}`, { version: 1, agency: 'School nurse', given_on: '2024-04-03' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, 2);
  assert.equal(r.body.agency, 'School nurse');
  assert.equal(r.body.given_on, '2024-04-03');
  assert.equal(r.body.updated_by, officer.user.id);
  // (The earlier version kept in the history: tests/store/history.test.mjs.)
  assert.deepEqual(srv.changes({ record_type: 'consent', record_id: c.id }), ['create', 'update']);
  const stale = await officer.patch(`/api/v1/consents/${c.id}`, { version: 1, agency: 'Lost update' });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.body.error.field, 'version');
  for (const [body, field] of [
    [{ version: 2, person_id: southKid.id }, 'person_id'],
    [{ version: 2, lawful_basis: 'whim' }, 'lawful_basis'],
    [{ version: 2, agency: null }, 'agency'],
    [{ agency: 'No version' }, 'version'],
  ]) {
    const b = await officer.patch(`/api/v1/consents/${c.id}`, body);
    assert.equal(b.status, 400, b.text);
    assert.equal(b.body.error.field, field);
  }
  const g = await officer.get(`/api/v1/consents/${c.id}`);
  assert.equal(g.body.version, 2);
  assert.equal(g.body.agency, 'School nurse');
});

test('withdraw a consent: recorded with reason, never deleted, still listed', async () => {
  const c = await created(officer, '/api/v1/consents', consent({ agency: 'Youth club', given_on: '2024-01-05' }));
  const noReason = await officer.post(`/api/v1/consents/${c.id}/withdraw`, { version: 1 });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.field, 'reason');
  const stale = await officer.post(`/api/v1/consents/${c.id}/withdraw`, { version: 3, reason: 'Mother withdrew by phone' });
  assert.equal(stale.status, 409, stale.text);
  assert.equal((await officer.get(`/api/v1/consents/${c.id}`)).body.status, 'active');
  const w = await officer2.post(`/api/v1/consents/${c.id}/withdraw`, { version: 1, reason: 'Mother withdrew by phone' });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.body.status, 'withdrawn');
  assert.equal(w.body.version, 2);
  assert.equal(w.body.closed_reason, 'Mother withdrew by phone');
  assert.ok(w.body.closed_at);
  assert.equal(w.body.closed_by, officer2.user.id);
  assert.equal(w.body.withdrawn_by_name, 'Test officer2');
  assert.equal(w.body.agency, 'Youth club');
  assert.equal((await officer2.get(`/api/v1/consents/${c.id}`)).body.status, 'withdrawn');
  assert.equal(srv.audit({ action: 'close', record_type: 'consent', record_id: c.id, person_id: kid.id }).length, 1);
  // Once withdrawn it cannot be edited or withdrawn again.
  assert.equal((await officer.patch(`/api/v1/consents/${c.id}`, { version: 2, agency: 'x' })).status, 409);
  assert.equal((await officer.post(`/api/v1/consents/${c.id}/withdraw`, { version: 2, reason: 'Again please' })).status, 409);
  // Listed with its status, after the active ones.
  const l = await officer.get(`/api/v1/consents?person_id=${kid.id}&limit=200`);
  assert.equal(l.status, 200, l.text);
  const mine = l.body.items.find((x) => x.id === c.id);
  assert.equal(mine.status, 'withdrawn');
  const statuses = l.body.items.map((x) => x.status);
  assert.deepEqual(statuses, [...statuses].sort());
  assert.ok(l.body.items.every((x) => x.person_id === kid.id));
});

test('a person\'s consents: paged, each audited; scope and roles enforced', async () => {
  const p = await createdPerson(officer, { given_name: 'Paged' });
  await created(officer, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred to the service', person_id: p.id, team_id: officer.user.team_id, start_date: '2024-03-01' });
  for (const d of ['2024-01-01', '2024-03-01', '2024-02-01']) await created(officer, '/api/v1/consents', consent({ person_id: p.id, given_on: d }));
  const l1 = await officer.get(`/api/v1/consents?person_id=${p.id}&limit=2`);
  assert.deepEqual(l1.body.items.map((x) => x.given_on), ['2024-03-01', '2024-02-01']);
  assert.equal(l1.body.has_more, true);
  const l2 = await officer.get(`/api/v1/consents?person_id=${p.id}&limit=2&offset=2`);
  assert.deepEqual(l2.body.items.map((x) => x.given_on), ['2024-01-01']);
  assert.equal(srv.audit({ action: 'list', record_type: 'consent', person_id: p.id }).length, 3);
  for (const [q, field] of [['', 'person_id'], ['?person_id=x', 'person_id'], ['?person_id=999999', 'person_id']]) {
    const r = await officer.get(`/api/v1/consents${q}`);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.field, field);
  }

  const c = l1.body.items[0];
  assert.equal((await south.get(`/api/v1/consents?person_id=${p.id}`)).status, 403);
  assert.equal((await south.get(`/api/v1/consents/${c.id}`)).status, 403);
  assert.equal((await south.patch(`/api/v1/consents/${c.id}`, { version: 1, agency: 'x' })).status, 403);
  assert.equal((await south.post(`/api/v1/consents/${c.id}/withdraw`, { version: 1, reason: 'Not my child at all' })).status, 403);
  assert.equal((await analyst.get(`/api/v1/consents?person_id=${p.id}`)).status, 403);
  assert.equal((await admin.get(`/api/v1/consents/${c.id}`)).status, 403);
  assert.equal((await manager.get(`/api/v1/consents/${c.id}`)).status, 200);
  assert.equal((await officer.get(`/api/v1/consents/${c.id}`)).body.status, 'active');
  const bg = await south.get(`/api/v1/consents/${c.id}`, { 'X-Break-Glass-Reason': 'Child missing, police asking tonight' });
  assert.equal(bg.status, 200, bg.text);
  assert.equal(srv.audit({ action: 'read', record_type: 'consent', record_id: c.id, break_glass: true }).length, 1);
});

test('saving without a change stores nothing: no new version, no history, read in the trail', async () => {
  const c = await created(officer, '/api/v1/consents', consent({ agency: 'Youth club' }));
  const head = srv.auditHead();
  for (const body of [{ version: 1 }, { version: 1, agency: 'Youth club' }]) {
    const r = await officer.patch(`/api/v1/consents/${c.id}`, body);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.version, 1);
    assert.equal(r.body.updated_at, null);
  }
  assert.deepEqual(srv.changesSince(head), []);
  assert.equal(srv.audit({ action: 'read', record_type: 'consent', record_id: c.id }, head).length, 2);
  // A stale version is still a conflict, and a real change still a change.
  assert.equal((await officer.patch(`/api/v1/consents/${c.id}`, { version: 7 })).status, 409);
  const r = await officer.patch(`/api/v1/consents/${c.id}`, { version: 1, agency: 'Youth centre' });
  assert.equal(r.body.version, 2);
  assert.deepEqual(srv.changesSince(head), [`update consent ${c.id}`]);
});
