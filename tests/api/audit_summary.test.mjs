// "Who viewed this record" at a glance (GET /api/v1/audit/summary): one row
// per person per UK day with what they opened and how often, break-glass
// views first, filtered by user and date; the raw trail as CSV
// (GET /api/v1/audit/export). Opened only by a manager's own relation to
// the person, never by a break-glass reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, child, ukToday } from './lib.mjs';

let srv, officer, south, manager, managerEh, admin, person;
// A reason that a spreadsheet would run as a formula, with a comma and quotes.
const REASON = '=HYPERLINK("x"), police request about a missing child';

before(async () => {
  srv = await Server.start();
  [officer, south, manager, managerEh, admin] = await srv.loginAll(
    ['officer', 'officer_south', 'manager', 'manager_eh', 'admin']);
  person = (await officer.post('/api/v1/people', child({ given_name: 'Glance' }))).body.id;
  for (let i = 0; i < 2; i++) assert.equal((await officer.get(`/api/v1/people/${person}`)).status, 200);
  assert.equal((await south.get(`/api/v1/people/${person}`)).status, 403);
  assert.equal((await south.get(`/api/v1/people/${person}`, { 'X-Break-Glass-Reason': REASON })).status, 200);
});
after(async () => { await srv.stop(); });

test('one row per person per day, break glass first, with what they opened and how often', async () => {
  const r = await manager.get(`/api/v1/audit/summary?person_id=${person}`);
  assert.equal(r.status, 200, r.text);
  const [glass, own, ...rest] = r.body.items;
  assert.equal(rest.length, 0, r.text);
  assert.equal(glass.username, 'officer_south');
  assert.equal(glass.name, 'Test officer_south');
  assert.equal(glass.role_label, 'Youth justice officer');
  assert.equal(glass.break_glass, true);
  assert.deepEqual(glass.reasons, [REASON]);
  assert.equal(glass.day, ukToday());
  assert.equal(glass.views, 2);
  assert.deepEqual(glass.opened.map((o) => [o.what, o.count]).sort(), [
    ['Opened the person’s details', 1], ['Was refused the person’s details', 1]]);
  assert.equal(own.username, 'officer');
  assert.equal(own.break_glass, false);
  assert.deepEqual(own.reasons, []);
  assert.equal(own.views, 3);
  assert.deepEqual(own.opened, [
    { what: 'Opened the person’s details', count: 2 }, { what: 'Added the person’s details', count: 1 }]);
  assert.ok(own.first_at <= own.last_at);
  // The summary is itself audited.
  const last = srv.audit({ action: 'audit_view', username: 'manager' }).at(-1);
  assert.equal(last.person_id, person);
});

test('filters: by user, and by UK day', async () => {
  const byUser = await manager.get(`/api/v1/audit/summary?person_id=${person}&user_id=${officer.user.id}`);
  assert.equal(byUser.status, 200, byUser.text);
  assert.deepEqual(byUser.body.items.map((i) => i.username), ['officer']);
  const today = ukToday();
  const same = await manager.get(`/api/v1/audit/summary?person_id=${person}&from=${today}&to=${today}`);
  assert.ok(same.body.items.some((i) => i.username === 'officer_south'));
  const later = await manager.get(`/api/v1/audit/summary?person_id=${person}&from=2099-01-01`);
  assert.equal(later.status, 200);
  assert.deepEqual(later.body.items, []);
  const earlier = await manager.get(`/api/v1/audit/summary?person_id=${person}&to=2000-01-01`);
  assert.deepEqual(earlier.body.items, []);
});

test('the raw trail as CSV: every row, quoted by libcsv, formulas neutralised', async () => {
  const r = await manager.get(`/api/v1/audit/export?person_id=${person}`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), new RegExp(`who-viewed-person-${person}\\.csv`));
  assert.equal(r.headers.get('cache-control'), 'no-store');
  // A byte-order mark, for spreadsheets (fetch's text() drops it).
  const bytes = new Uint8Array(await (await fetch(`${srv.base}/api/v1/audit/export?person_id=${person}`,
    { headers: { Authorization: `Bearer ${manager.token}` } })).arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = r.text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  assert.equal(lines[0], '"Date (UK)","Time (UK)","Who","Username","Role","What they did","Record","Record number",'
    + '"Person number","Break glass","Reason given","From (network address)","Entry number"');
  const raw = await admin.get(`/api/v1/audit?person_id=${person}&limit=200`);
  // Every row of the trail but the two exports' own rows, written after them.
  assert.equal(lines.length - 1, raw.body.items.length - 2);
  assert.deepEqual(raw.body.items.slice(0, 2).map((i) => i.action), ['audit_export', 'audit_export']);
  const glass = lines.find((l) => l.includes('"Yes"'));
  assert.ok(glass.includes(`"'=HYPERLINK(""x""), police request about a missing child"`), glass);
  assert.ok(glass.includes('"Opened the person’s details"'), glass);
  assert.ok(glass.includes('"Youth justice officer"'), glass);
  const last = srv.audit({ action: 'audit_export' }).at(-1);
  assert.equal(last.username, 'manager');
  assert.equal(last.person_id, person);
});

test('a break-glass reason never opens the summary or the export', async () => {
  for (const path of ['summary', 'export']) {
    const r = await managerEh.get(`/api/v1/audit/${path}?person_id=${person}`, { 'X-Break-Glass-Reason': 'Governance check of this child' });
    assert.equal(r.status, 403, r.text);
    assert.equal((await officer.get(`/api/v1/audit/${path}?person_id=${person}`)).status, 403);
  }
  const denied = srv.audit({ action: 'denied', username: 'manager_eh' });
  assert.ok(denied.every((d) => d.break_glass === 0 || d.break_glass === false));
});

test('bad queries name every wrong parameter at once', async () => {
  for (const path of ['summary', 'export']) {
    const r = await manager.get(`/api/v1/audit/${path}?person_id=abc&user_id=x&from=2026-02-30&to=soon`);
    assert.equal(r.status, 400, r.text);
    const fields = r.body.errors.map((x) => x.field);
    for (const f of ['person_id', 'user_id', 'from', 'to']) assert.ok(fields.includes(f), `${f}: ${r.text}`);
    const order = await manager.get(`/api/v1/audit/${path}?person_id=${person}&from=2026-03-02&to=2026-03-01`);
    assert.equal(order.status, 400);
    assert.equal(order.body.error.field, 'to');
    const none = await manager.get(`/api/v1/audit/${path}`);
    assert.equal(none.status, 400);
    assert.equal(none.body.error.field, 'person_id');
  }
});

test('a UK day, not a UTC one: 23:30 UTC in summer is the next day', async () => {
  const s = await Server.start({ faketime: '2026-07-02 23:30:00' });
  try {
    const [o, m] = await s.loginAll(['officer', 'manager']);
    const p = (await o.post('/api/v1/people', child())).body.id;
    const r = await m.get(`/api/v1/audit/summary?person_id=${p}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.items[0].day, '2026-07-03');
    const none = await m.get(`/api/v1/audit/summary?person_id=${p}&to=2026-07-02`);
    assert.deepEqual(none.body.items, []);
  } finally { await s.stop(); }
});
