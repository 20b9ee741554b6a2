// The audit trail as stored: rows for reads, writes, refusals and
// break-glass reads (checked in the SQLite file itself), append-only
// triggers, the hash chain and `spire audit verify`, and group commit under
// concurrent reads (every answered read is already durable).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Server, spire, spireFail, child } from './lib.mjs';

let srv, officer, south, manager;
before(async () => {
  srv = await Server.start();
  [officer, south, manager] = await srv.loginAll(['officer', 'officer_south', 'manager']);
});
after(async () => { await srv.stop(); });

// Run SQL with the sqlite3 CLI; rows as arrays of strings.
function sql(db, text) {
  const out = execFileSync('sqlite3', ['-cmd', '.timeout 5000', '-separator', '\t', db, text], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

function sqlFail(db, text) {
  try {
    execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, text], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    return String(e.stderr);
  }
  throw new Error(`expected sqlite3 to fail: ${text}`);
}

const COLS = 'user_id, username, action, record_type, record_id, person_id, ip, break_glass, ifnull(reason, \'\')';
function rowsAbout(personId, after = 0) {
  return sql(srv.db, `SELECT ${COLS} FROM audit WHERE person_id = ${personId} AND seq > ${after} ORDER BY seq`);
}
const maxSeq = () => Number(sql(srv.db, 'SELECT ifnull(max(seq), 0) FROM audit')[0][0]);

test('creating, reading, updating and closing a person each write an audit row', async () => {
  const c = await officer.post('/api/v1/people', child());
  assert.equal(c.status, 201);
  const id = c.body.id;
  const uid = String(officer.user.id);
  await officer.get(`/api/v1/people/${id}`);
  const u = await officer.patch(`/api/v1/people/${id}`, { version: 1, preferred_name: 'Ace' });
  assert.equal(u.status, 200, u.text);
  const cl = await officer.post(`/api/v1/people/${id}/close`, { version: 2, reason: 'entered in error' });
  assert.equal(cl.status, 200, cl.text);
  const rows = rowsAbout(id);
  assert.deepEqual(rows.map((r) => r[2]), ['create', 'read', 'update', 'close']);
  for (const r of rows) {
    assert.deepEqual([r[0], r[1], r[3], r[4], r[5], r[6], r[7]], [uid, 'officer', 'person', String(id), String(id), '127.0.0.1', '0']);
  }
  // A failed update (stale version) writes no 'update' row.
  const stale = await officer.patch(`/api/v1/people/${id}`, { version: 1, preferred_name: 'Nope' });
  assert.equal(stale.status, 409);
  assert.equal(rowsAbout(id).filter((r) => r[2] === 'update').length, 1);
});

test('a people search audits each person shown', async () => {
  const a = await officer.post('/api/v1/people', child({ given_name: 'Listaudit' }));
  const b = await officer.post('/api/v1/people', child({ given_name: 'Listaudit' }));
  const seq = maxSeq();
  const r = await officer.get('/api/v1/people?q=Listaudit');
  assert.equal(r.body.items.length, 2);
  for (const p of [a.body.id, b.body.id]) {
    const rows = rowsAbout(p, seq);
    assert.equal(rows.length, 1, `person ${p}`);
    assert.equal(rows[0][2], 'search');
    assert.equal(rows[0][1], 'officer');
  }
});

test('a refused read is audited as denied; break-glass reads are flagged with the reason', async () => {
  const c = await officer.post('/api/v1/people', child());
  const id = c.body.id;
  const seq = maxSeq();
  const denied = await south.get(`/api/v1/people/${id}`);
  assert.equal(denied.status, 403);
  assert.doesNotMatch(denied.text, new RegExp(c.body.given_name), 'nothing of the record leaks');
  const short = await south.get(`/api/v1/people/${id}`, { 'X-Break-Glass-Reason': 'because' });
  assert.equal(short.status, 403);
  assert.equal(short.body.error.field, 'reason');
  const reason = 'Police request about a missing child tonight';
  const glass = await south.get(`/api/v1/people/${id}`, { 'X-Break-Glass-Reason': reason });
  assert.equal(glass.status, 200, glass.text);
  // Break glass is for reading only.
  const write = await south.patch(`/api/v1/people/${id}`, { version: 1, preferred_name: 'X' }, { 'X-Break-Glass-Reason': reason });
  assert.equal(write.status, 403);
  const rows = rowsAbout(id, seq);
  const sid = String(south.user.id);
  assert.deepEqual(rows, [
    [sid, 'officer_south', 'denied', 'person', String(id), String(id), '127.0.0.1', '0', ''],
    [sid, 'officer_south', 'denied', 'person', String(id), String(id), '127.0.0.1', '0', ''],
    [sid, 'officer_south', 'read', 'person', String(id), String(id), '127.0.0.1', '1', reason],
    [sid, 'officer_south', 'denied', 'person', String(id), String(id), '127.0.0.1', '0', ''],
  ]);
  // The manager of the service reads without breaking glass.
  assert.equal((await manager.get(`/api/v1/people/${id}`)).status, 200);
  assert.deepEqual(rowsAbout(id, seq).at(-1).slice(1, 3), ['manager', 'read']);
});

test('sign-in, failures and sign-out are audited', async () => {
  const seq = maxSeq();
  const bad = await srv.anon.post('/api/v1/session', { username: 'officer2', password: 'not-the-password' });
  assert.equal(bad.status, 401);
  const c = await srv.login('officer2');
  await c.delete('/api/v1/session');
  const rows = sql(srv.db, `SELECT username, action, ip FROM audit WHERE seq > ${seq} ORDER BY seq`);
  assert.deepEqual(rows, [
    ['officer2', 'login_failed', '127.0.0.1'],
    ['officer2', 'login', '127.0.0.1'],
    ['officer2', 'logout', '127.0.0.1'],
  ]);
});

test('group commit: 200 concurrent reads all answered with 200 and all 200 audit rows durable', async () => {
  const c = await officer.post('/api/v1/people', child());
  const id = c.body.id;
  const seq = maxSeq();
  const answers = await Promise.all(Array.from({ length: 200 }, () => officer.get(`/api/v1/people/${id}`)));
  assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
  // Counted right after the answers, with the server still running.
  const rows = rowsAbout(id, seq);
  assert.equal(rows.length, 200);
  assert.ok(rows.every((r) => r[2] === 'read' && r[1] === 'officer'));
  const seqs = sql(srv.db, `SELECT seq FROM audit WHERE seq > ${seq} ORDER BY seq`).map((r) => Number(r[0]));
  assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => seq + 1 + i), 'no gaps in seq');
  assert.match(spire(['audit', 'verify', '--db', srv.db]), /intact: \d+ rows/);
});

test('UPDATE and DELETE on the audit table are refused by triggers', () => {
  const before = sql(srv.db, 'SELECT count(*), max(hash) FROM audit')[0];
  assert.match(sqlFail(srv.db, "UPDATE audit SET action = 'nothing' WHERE seq = 1"), /append-only/);
  assert.match(sqlFail(srv.db, 'DELETE FROM audit WHERE seq = 1'), /append-only/);
  assert.match(sqlFail(srv.db, 'DELETE FROM audit'), /append-only/);
  assert.deepEqual(sql(srv.db, 'SELECT count(*), max(hash) FROM audit')[0], before);
});

test('`spire audit verify` passes, then names the row after tampering (edit or removal)', () => {
  const ok = spire(['audit', 'verify', '--db', srv.db]);
  const n = Number(ok.match(/intact: (\d+) rows/)[1]);
  assert.equal(n, maxSeq());
  assert.ok(n > 200);

  // Tamper with consistent copies, so the live server is left alone.
  const edited = join(srv.dir, 'edited.db');
  spire(['backup', '--db', srv.db, '--to', edited]);
  sql(edited, "DROP TRIGGER audit_no_update; UPDATE audit SET username = 'someone_else' WHERE seq = 7");
  let r = spireFail(['audit', 'verify', '--db', edited]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /broken at row 7\b/);

  // Rewriting a row's own hash does not help: the next row's prev_hash
  // no longer matches.
  const rehash = join(srv.dir, 'rehash.db');
  spire(['backup', '--db', srv.db, '--to', rehash]);
  sql(rehash, "DROP TRIGGER audit_no_update; UPDATE audit SET hash = '" + 'a'.repeat(64) + "' WHERE seq = 12");
  r = spireFail(['audit', 'verify', '--db', rehash]);
  assert.match(r.stderr, /broken at row 12\b/);

  const removed = join(srv.dir, 'removed.db');
  spire(['backup', '--db', srv.db, '--to', removed]);
  sql(removed, 'DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 20');
  r = spireFail(['audit', 'verify', '--db', removed]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /broken at row 21\b/);

  const truncated = join(srv.dir, 'truncated.db');
  spire(['backup', '--db', srv.db, '--to', truncated]);
  sql(truncated, 'DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 1');
  r = spireFail(['audit', 'verify', '--db', truncated]);
  assert.match(r.stderr, /broken at row 2\b/);

  // The live database is still intact.
  assert.match(spire(['audit', 'verify', '--db', srv.db]), /intact/);
});
