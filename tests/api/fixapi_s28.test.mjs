// Session 28 (s28-api): small API faults, each fixed as a whole kind.
// 1. An empty optional text ("" or all spaces) is no value (null), on
//    create and on a change, for every resource (core/fields.c); a change
//    to "" clears it, and "" on a record holding none is no change.
// 2. A record dated inside its case's life is refused a date before the
//    case (or the parent's support) started (records_in_case_life).
// 3. A refused read of an account is audited naming the record type and id.
// 4. Every read of an account (single or listed) is audited.
// 5. A declined support on no parenting case, read by a manager of the
//    parenting service sitting outside the parenting team that recorded it.
// Runs on SQLite, and on PostgreSQL with SPIRE_TEST_PG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, TEAMS, created, createdPerson, daleFamilyWithOrder, ukDay as day } from './lib.mjs';

let srv, officer, manager, admin, pwP, managerP, hub;
let kid, mum, fam, yjCase, outcome, support, pcase;

before(async () => {
  srv = await Server.start({
    teams: [...TEAMS, ['parenting', 'Parenting Team'], ['parenting', 'Parenting West']],
    users: [...USERS,
      ['pworker_p', 'parent_worker', 'parenting', 'Parenting Team'],
      ['manager_p', 'manager', 'parenting', 'Parenting West']],
  });
  [officer, manager, admin, pwP, managerP, hub] = await srv.loginAll(
    ['officer', 'manager', 'admin', 'pworker_p', 'manager_p', 'hub']);
  ({ kid, mum, fam, yjCase, outcome } = await daleFamilyWithOrder(officer));
  support = await created(pwP, '/api/v1/parent-supports', {
    person_id: mum.id, child_case_id: yjCase.id, agreement: 'agreed', agreement_date: day(-20), start_date: day(-20),
  });
  pcase = (await pwP.get(`/api/v1/cases/${support.case_id}`)).body;
  assert.equal(pcase.start_date, day(-20));
});
after(async () => { await srv.stop(); });

// PATCH path with body as c, expecting 200; the record.
async function changed(c, path, body) {
  const r = await c.patch(path, body);
  assert.equal(r.status, 200, `PATCH ${path}: ${r.text}`);
  return r.body;
}

test('an empty optional text is stored as no value, and "" clears one (every resource)', async () => {
  // Each: [who, path, a new record's body, the optional text field].
  const kinds = [
    [officer, '/api/v1/contacts', { case_id: yjCase.id, contact_date: day(-3), contact_type: 'home_visit', summary: 'Visit', location: '' }, 'location'],
    [officer, '/api/v1/tasks', { case_id: yjCase.id, title: 'Call school', due_date: day(3), details: '   ' }, 'details'],
    [pwP, '/api/v1/parent-sessions', { case_id: pcase.id, session_date: day(-2), status: 'held', session_type: 'one_to_one', notes: ' \n ' }, 'notes'],
    [officer, '/api/v1/people', { given_name: 'Blank', family_name: 'Notes', date_of_birth: '1980-01-01', preferred_name: '  ', address: '' }, 'preferred_name'],
  ];
  for (const [who, path, body, field] of kinds) {
    const rec = await created(who, path, body);
    assert.equal(rec[field], null, `${path}: ${field} stored as ${JSON.stringify(rec[field])}`);
    const read = (await who.get(`${path}/${rec.id}`)).body;
    assert.equal(read[field], null, `${path}: ${field} read back`);
    // "" on a record holding none: no change, no new version.
    const mark = srv.auditHead();
    const same = await changed(who, `${path}/${rec.id}`, { version: rec.version, [field]: '' });
    assert.equal(same.version, rec.version, `${path}: "" on none is no change`);
    assert.deepEqual(srv.changesSince(mark), [], `${path}: nothing stored`);
    // A value, then "" clears it.
    const set = await changed(who, `${path}/${rec.id}`, { version: rec.version, [field]: 'Something' });
    assert.equal(set[field], 'Something');
    const cleared = await changed(who, `${path}/${rec.id}`, { version: set.version, [field]: '   ' });
    assert.equal(cleared[field], null, `${path}: "   " clears ${field}`);
    assert.equal(cleared.version, set.version + 1);
  }
  // A required text left empty is still refused, naming it.
  const r = await officer.post('/api/v1/contacts', { case_id: yjCase.id, contact_date: day(-3), contact_type: 'home_visit', summary: ' ' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.errors[0].field, 'summary');
});

test('a record dated before its case or the parent\'s support started is refused, naming the date', async () => {
  const refusals = [
    [pwP, '/api/v1/parent-sessions', { case_id: pcase.id, session_date: day(-21), status: 'held', session_type: 'one_to_one' },
      'session_date', 'Date of the session must be the same as or after the date the support started'],
    [pwP, '/api/v1/parent-plan-items', { case_id: pcase.id, goal: 'Calmer mornings', status: 'in_progress', review_date: day(-25) },
      'review_date', 'Review date must be the same as or after the date the support started'],
    [pwP, '/api/v1/parent-referrals', { case_id: pcase.id, destination: 'third_sector', agency: 'Home-Start', consent_given: true, consent_date: day(-30), referred_on: day(-30) },
      'referred_on', 'Date of the referral must be the same as or after the date the support started'],
    [officer, '/api/v1/contacts', { case_id: yjCase.id, contact_date: `${day(-41)}T10:00:00Z`, contact_type: 'home_visit', summary: 'Visit' },
      'contact_date', /must be the same as or after the date the case started$/],
  ];
  for (const [who, path, body, field, message] of refusals) {
    const mark = srv.auditHead();
    const r = await who.post(path, body);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    const err = (r.body.errors || []).find((x) => x.field === field);
    assert.ok(err, `${path}: ${field} not named in ${r.text}`);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    assert.deepEqual(srv.changesSince(mark), [], `${path}: nothing stored`);
  }
  // On the day the case started is inside its life; a change that moves
  // the date before it is refused, one that leaves it is not looked at.
  const s = await created(pwP, '/api/v1/parent-sessions', { case_id: pcase.id, session_date: day(-20), status: 'held', session_type: 'one_to_one' });
  const r = await pwP.patch(`/api/v1/parent-sessions/${s.id}`, { version: s.version, session_date: day(-22) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.errors[0].field, 'session_date');
  await changed(pwP, `/api/v1/parent-sessions/${s.id}`, { version: s.version, notes: 'Went well' });
  const c = await created(officer, '/api/v1/contacts', { case_id: yjCase.id, contact_date: day(-40), contact_type: 'home_visit', summary: 'First visit' });
  const moved = await officer.patch(`/api/v1/contacts/${c.id}`, { version: c.version, contact_date: day(-44) });
  assert.equal(moved.status, 400, moved.text);
  assert.equal(moved.body.errors[0].field, 'contact_date');
  // A task's due date is a deadline, not an event: one carried over from
  // before the case opened may be due before it started.
  await created(officer, '/api/v1/tasks', { case_id: yjCase.id, title: 'Call school', due_date: day(-45) });
});

test('a refused read of an account is audited naming the account, as every refusal is', async () => {
  const mark = srv.auditHead();
  const r = await hub.get(`/api/v1/users/${officer.user.id}`);
  assert.equal(r.status, 403, r.text);
  const rows = srv.audit({ action: 'denied' }, mark).map((x) => [x.username, x.record_type, x.record_id, x.detail]);
  assert.deepEqual(rows, [['hub', 'user', officer.user.id, 'GET /api/v1/users/{id}']]);
  // Refused by role: a change, a disable, a team's change.
  for (const [method, path, pattern, type, id] of [
    ['PATCH', `/api/v1/users/${officer.user.id}`, 'PATCH /api/v1/users/{id}', 'user', officer.user.id],
    ['POST', `/api/v1/users/${officer.user.id}/disable`, 'POST /api/v1/users/{id}/disable', 'user', officer.user.id],
    ['PATCH', `/api/v1/teams/${officer.user.team_id}`, 'PATCH /api/v1/teams/{id}', 'team', officer.user.team_id],
    ['GET', '/api/v1/board-meetings/999999', 'GET /api/v1/board-meetings/{id}', 'board_meeting', 999999],
    ['POST', '/api/v1/people/merges/999999/undo', 'POST /api/v1/people/merges/{id}/undo', 'person_merge', 999999],
  ]) {
    const m = srv.auditHead();
    const x = await hub.request(method, path, method === 'GET' ? undefined : { version: 1 });
    assert.equal(x.status, 403, `${method} ${path}: ${x.text}`);
    assert.deepEqual(srv.audit({ action: 'denied' }, m).map((y) => [y.record_type, y.record_id, y.detail]), [[type, id, pattern]]);
  }
});

test('a form response refused by role is audited naming it', async () => {
  const analyst = await srv.login('analyst');
  const m = srv.auditHead();
  const x = await analyst.get('/api/v1/form-responses/999999');
  assert.equal(x.status, 403, x.text);
  assert.deepEqual(srv.audit({ action: 'denied' }, m).map((y) => [y.record_type, y.record_id]), [['form_response', 999999]]);
});

test('an admin\'s reads of accounts, one or a list, are audited', async () => {
  let mark = srv.auditHead();
  const one = await admin.get(`/api/v1/users/${officer.user.id}`);
  assert.equal(one.status, 200, one.text);
  assert.deepEqual(srv.audit({ username: 'admin', record_type: 'user' }, mark).map((x) => [x.action, x.record_id]),
    [['read', officer.user.id]]);
  mark = srv.auditHead();
  const list = await admin.get('/api/v1/users?limit=3');
  assert.equal(list.status, 200, list.text);
  assert.equal(list.body.items.length, 3);
  assert.deepEqual(srv.audit({ username: 'admin', record_type: 'user' }, mark).map((x) => [x.action, x.record_id]),
    list.body.items.map((u) => ['list', u.id]));
});

test('a declined support on no parenting case is read whole by a manager of the parenting service outside the team that recorded it', async () => {
  const aunt = await created(officer, '/api/v1/people', { given_name: 'Ava', family_name: 'Dale', date_of_birth: '1979-02-02' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: aunt.id, member_type: 'adult', relationship: 'aunt', child_id: kid.id, in_household: true });
  const declined = await created(pwP, '/api/v1/parent-supports', {
    person_id: aunt.id, child_case_id: yjCase.id, outcome_id: outcome.id, agreement: 'declined', agreement_date: day(-2), notes: 'Not now',
  });
  assert.equal(declined.case_id, null);
  const r = await managerP.get(`/api/v1/parent-supports/${declined.id}`);
  assert.equal(r.status, 200, r.text);
  assert.notEqual(r.body.withheld, true, `trimmed: ${r.text}`);
  assert.equal(r.body.notes, 'Not now');
  // And one on a parenting case another parenting team holds: whole too.
  const held = await managerP.get(`/api/v1/parent-supports/${support.id}`);
  assert.equal(held.status, 200, held.text);
  assert.notEqual(held.body.withheld, true, `trimmed: ${held.text}`);
  assert.equal(held.body.case_id, pcase.id);
});
