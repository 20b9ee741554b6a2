// GET /api/v1/audit: "who looked at this child" for managers (within their
// service) and admins (metadata, any person); break-glass reads flagged;
// the audit view is itself audited; practitioners are refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, child } from './lib.mjs';

let srv, officer, south, manager, managerEh, admin, analyst, person;
const REASON = 'Police request about a missing child tonight';
before(async () => {
  srv = await Server.start();
  [officer, south, manager, managerEh, admin, analyst] = await srv.loginAll(
    ['officer', 'officer_south', 'manager', 'manager_eh', 'admin', 'analyst']);
  const c = await officer.post('/api/v1/people', child({ given_name: 'Audited' }));
  assert.equal(c.status, 201, c.text);
  person = c.body.id;
  assert.equal((await officer.get(`/api/v1/people/${person}`)).status, 200);
  // officer_south is in another team: a plain read is refused (and audited),
  // a break-glass read is allowed and flagged.
  assert.equal((await south.get(`/api/v1/people/${person}`)).status, 403);
  const bg = await south.get(`/api/v1/people/${person}`, { 'X-Break-Glass-Reason': REASON });
  assert.equal(bg.status, 200, bg.text);
});
after(async () => { await srv.stop(); });

test('a manager sees who looked at a child in their service, newest first', async () => {
  const r = await manager.get(`/api/v1/audit?person_id=${person}`);
  assert.equal(r.status, 200, r.text);
  const items = r.body.items;
  assert.deepEqual(items.map((i) => [i.username, i.action]), [
    ['officer_south', 'read'],
    ['officer_south', 'denied'],
    ['officer', 'read'],
    ['officer', 'create'],
  ]);
  const seqs = items.map((i) => i.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));
  const [glass, denied, read] = items;
  assert.equal(glass.break_glass, true);
  assert.equal(glass.reason, REASON);
  assert.equal(glass.full_name, 'Test officer_south');
  assert.equal(glass.record_type, 'person');
  assert.equal(glass.record_id, person);
  assert.equal(glass.ip, '127.0.0.1');
  assert.match(glass.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  assert.equal(denied.break_glass, false);
  assert.equal(read.break_glass, false);
  assert.equal(read.reason, null);
  assert.equal(read.user_id, officer.user.id);
});

test('paging: limit and offset with has_more', async () => {
  const p1 = await manager.get(`/api/v1/audit?person_id=${person}&limit=2`);
  assert.equal(p1.status, 200);
  assert.equal(p1.body.items.length, 2);
  assert.equal(p1.body.has_more, true);
  const p2 = await manager.get(`/api/v1/audit?person_id=${person}&limit=2&offset=2`);
  assert.equal(p2.body.items.length, 2);
  // p1's own audit_view row is now the newest, so offset 2 starts one
  // row earlier than p1 ended.
  assert.equal(p2.body.items[0].seq, p1.body.items[1].seq);
  assert.ok(p2.body.items[1].seq < p1.body.items[1].seq);
  assert.equal((await manager.get(`/api/v1/audit?person_id=${person}&limit=0`)).status, 400);
});

test('paging by cursor: reading the audit does not shift its pages', async () => {
  // Enough history for several pages.
  for (let i = 0; i < 5; i++) assert.equal((await officer.get(`/api/v1/people/${person}`)).status, 200);
  const whole = await manager.get(`/api/v1/audit?person_id=${person}&limit=200`);
  const expected = whole.body.items.map((i) => i.seq);
  assert.ok(expected.length >= 9);
  const seen = [];
  let cursor;
  let pages = 0;
  for (;;) {
    const q = `/api/v1/audit?person_id=${person}&limit=2${cursor ? `&before=${cursor}` : ''}`;
    const r = await manager.get(q);
    assert.equal(r.status, 200, r.text);
    pages++;
    // Each page view adds an audit_view row about this person; it is newer
    // than the cursor, so it never pushes a row onto the next page.
    if (!cursor) {
      assert.equal(r.body.items[0].action, 'audit_view');
      expected.unshift(r.body.items[0].seq);
    }
    seen.push(...r.body.items.map((i) => i.seq));
    if (!r.body.has_more) { assert.equal(r.body.next_cursor, null); break; }
    assert.equal(r.body.next_cursor, r.body.items.at(-1).seq);
    cursor = r.body.next_cursor;
    assert.ok(pages < 50);
  }
  assert.equal(new Set(seen).size, seen.length, 'no row shown twice');
  assert.deepEqual(seen, expected, 'every row, in order, newest first');
  for (const q of ['before=abc', 'before=0', 'before=-1']) {
    const r = await manager.get(`/api/v1/audit?person_id=${person}&${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.body.error.field, 'before');
  }
});

test('who looked at this child: one user\'s entries about one person', async () => {
  const r = await admin.get(`/api/v1/audit?person_id=${person}&user_id=${south.user.id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((i) => [i.username, i.action, i.break_glass]), [
    ['officer_south', 'read', true],
    ['officer_south', 'denied', false],
  ]);
  assert.equal((await managerEh.get(`/api/v1/audit?person_id=${person}&user_id=${officer.user.id}`)).status, 403);
});

test('viewing the audit is itself audited', async () => {
  await manager.get(`/api/v1/audit?person_id=${person}`);
  const r = await admin.get(`/api/v1/audit?person_id=${person}&limit=1`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items[0].username, 'manager');
  assert.equal(r.body.items[0].action, 'audit_view');
  const mine = await admin.get(`/api/v1/audit?user_id=${admin.user.id}&limit=1`);
  assert.equal(mine.body.items[0].action, 'audit_view');
  assert.equal(mine.body.items[0].record_id, person);
});

test('practitioners, analysts and parents are refused', async () => {
  for (const c of [officer, south, analyst, await srv.login('parent')]) {
    const r = await c.get(`/api/v1/audit?person_id=${person}`);
    assert.equal(r.status, 403, r.text);
  }
  assert.equal((await srv.anon.get(`/api/v1/audit?person_id=${person}`)).status, 401);
});

test('a manager of another service is refused, and the refusal is audited', async () => {
  const r = await managerEh.get(`/api/v1/audit?person_id=${person}`);
  assert.equal(r.status, 403, r.text);
  const a = await admin.get(`/api/v1/audit?person_id=${person}&limit=3`);
  const denial = a.body.items.find((i) => i.username === 'manager_eh');
  assert.equal(denial.action, 'denied');
  // A written reason never opens the trail: only the manager's own relation
  // to the person does (their service's scope). The refusal keeps the reason.
  const bg = await managerEh.get(`/api/v1/audit?person_id=${person}`, { 'X-Break-Glass-Reason': REASON });
  assert.equal(bg.status, 403, bg.text);
  const b = await admin.get(`/api/v1/audit?person_id=${person}&limit=2`);
  const tried = b.body.items.find((i) => i.username === 'manager_eh');
  assert.equal(tried.action, 'denied');
  assert.equal(tried.break_glass, false);
  assert.equal(tried.reason, REASON);
});

test('an admin sees any person\'s audit but not the record itself', async () => {
  const r = await admin.get(`/api/v1/audit?person_id=${person}`);
  assert.equal(r.status, 200);
  assert.ok(r.body.items.some((i) => i.break_glass === true && i.username === 'officer_south'));
  assert.equal((await admin.get(`/api/v1/people/${person}`)).status, 403);
});

test('bad queries: neither id, bad ids, unknown people', async () => {
  for (const q of ['', '?person_id=abc', '?person_id=-3', '?user_id=0']) {
    const r = await manager.get(`/api/v1/audit${q}`);
    assert.equal(r.status, 400, q);
    assert.ok(['person_id', 'user_id'].includes(r.body.error.field), q);
  }
  // An id naming nobody is a 400 naming the parameter, as on every list.
  for (const [c, q, field] of [[admin, 'person_id', 'person_id'], [manager, 'person_id', 'person_id'], [admin, 'user_id', 'user_id']]) {
    const r = await c.get(`/api/v1/audit?${q}=999999`);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.field, field, r.text);
  }
});

test('what a user looked at: admins for anyone, managers for their service', async () => {
  const a = await admin.get(`/api/v1/audit?user_id=${south.user.id}`);
  assert.equal(a.status, 200, a.text);
  const glass = a.body.items.find((i) => i.break_glass);
  assert.equal(glass.person_id, person);
  assert.equal(glass.action, 'read');
  assert.ok(a.body.items.every((i) => i.user_id === south.user.id));
  const m = await manager.get(`/api/v1/audit?user_id=${officer.user.id}`);
  assert.equal(m.status, 200);
  assert.ok(m.body.items.some((i) => i.action === 'create' && i.record_id === person));
  assert.equal((await managerEh.get(`/api/v1/audit?user_id=${officer.user.id}`)).status, 403);
  assert.equal((await manager.get(`/api/v1/audit?user_id=${admin.user.id}`)).status, 403);
});

test('break glass on a list that shows nothing is still in the trail', async () => {
  const head = srv.auditHead();
  const r = await south.get(`/api/v1/consents?person_id=${person}`, { 'X-Break-Glass-Reason': REASON });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items, []);
  const rows = srv.audit({ username: 'officer_south' }, head);
  assert.deepEqual(rows.map((x) => [x.action, x.record_type, x.record_id, x.person_id, x.break_glass, x.reason]),
    [['break_glass', 'person', person, person, true, REASON]]);
  // A list that shows records audits them, flagged, and needs no extra row.
  const again = srv.auditHead();
  assert.equal((await south.get(`/api/v1/people/${person}`, { 'X-Break-Glass-Reason': REASON })).status, 200);
  assert.deepEqual(srv.audit({ username: 'officer_south' }, again).map((x) => [x.action, x.break_glass]), [['read', true]]);
});

test('a break-glass reason that is not valid text cannot poison the trail or fill it', async () => {
  const head = srv.auditHead();
  // Latin-1 bytes (not UTF-8) sent by a client that does not speak UTF-8.
  const bad = await south.get(`/api/v1/people/${person}`, { 'X-Break-Glass-Reason': 'urgent check \u00e9\u00e9 safeguarding' });
  assert.equal(bad.status, 403, bad.text);
  assert.match(bad.body.error.message, /characters that cannot be read/);
  assert.equal(bad.body.error.field, 'reason');
  const tooLong = await south.get(`/api/v1/people/${person}`, { 'X-Break-Glass-Reason': 'Police request '.repeat(40) });
  assert.equal(tooLong.status, 403, tooLong.text);
  assert.match(tooLong.body.error.message, /Enter a reason of 500 characters or fewer/);
  const long = await south.post(`/api/v1/people/${person}/close`, { version: 1, reason: 'x' }, { 'X-Break-Glass-Reason': 'Police request '.repeat(1000) });
  assert.equal(long.status, 403, long.text);
  // The operator's listing and the manager's view still read every row.
  const rows = srv.audit({ username: 'officer_south', action: 'denied' }, head);
  assert.equal(rows.length, 3);
  assert.equal(rows[0].reason, 'urgent check \ufffd\ufffd safeguarding');
  for (const r of rows.slice(1)) {
    assert.equal(r.reason.length, 503);
    assert.ok(r.reason.endsWith('...'));
  }
  const view = await manager.get(`/api/v1/audit?person_id=${person}&limit=5`);
  assert.equal(view.status, 200, view.text);
  assert.ok(view.body.items.some((i) => i.reason === 'urgent check \ufffd\ufffd safeguarding'));
});
