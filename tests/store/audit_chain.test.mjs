// The audit trail as stored: rows for reads, writes, refusals and
// break-glass reads (checked in the SQLite files themselves: the records'
// chain in the database, the access log in FILE.access), append-only
// triggers, the keyed (HMAC) chain, `spire audit verify` and `spire audit
// head`/`--expect-head`, re-keying a database from before the key, and
// group commit under concurrent reads (every answered read is already
// durable).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { statSync, writeFileSync, copyFileSync, existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Server, spire, spireFail, child, makeDb } from './lib.mjs';

let srv, officer, south, manager;
before(async () => {
  srv = await Server.start();
  [officer, south, manager] = await srv.loginAll(['officer', 'officer_south', 'manager']);
});
after(async () => { await srv.stop(); });

// Run SQL with the sqlite3 CLI, the access log attached as `access` as
// Spire attaches it; rows as arrays of strings.
const attach = (db) => (existsSync(`${db}.access`) ? ['-cmd', `ATTACH '${db}.access' AS access`] : []);
function sql(db, text) {
  const out = execFileSync('sqlite3', ['-cmd', '.timeout 5000', ...attach(db), '-separator', '\t', db, text], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

function sqlFail(db, text) {
  try {
    execFileSync('sqlite3', ['-cmd', '.timeout 5000', ...attach(db), db, text], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    return String(e.stderr);
  }
  throw new Error(`expected sqlite3 to fail: ${text}`);
}

const COLS = 'user_id, username, action, record_type, record_id, person_id, ip, break_glass, ifnull(reason, \'\')';
// The whole trail: both chains, which number their rows in one sequence.
const TRAIL = '(SELECT * FROM main.audit UNION ALL SELECT * FROM access.audit)';
function rowsAbout(personId, after = 0) {
  return sql(srv.db, `SELECT ${COLS} FROM ${TRAIL} WHERE person_id = ${personId} AND seq > ${after} ORDER BY seq`);
}
const key = () => `${srv.db}.audit-key`;
const maxSeq = () => Number(sql(srv.db, `SELECT ifnull(max(seq), 0) FROM ${TRAIL}`)[0][0]);
// The seqs of one chain's rows ('main' or 'access'), oldest first.
const seqsOf = (db, chain) => sql(db, `SELECT seq FROM ${chain}.audit ORDER BY seq`).map((r) => Number(r[0]));

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
  // The changes in the records' chain, the read in the access log.
  assert.deepEqual(sql(srv.db, `SELECT action FROM main.audit WHERE person_id = ${id} ORDER BY seq`).flat(), ['create', 'update', 'close']);
  assert.deepEqual(sql(srv.db, `SELECT action FROM access.audit WHERE person_id = ${id} ORDER BY seq`).flat(), ['read']);
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
    // A reason given in vain (too short; on a write) is kept, unflagged.
    [sid, 'officer_south', 'denied', 'person', String(id), String(id), '127.0.0.1', '0', 'because'],
    [sid, 'officer_south', 'read', 'person', String(id), String(id), '127.0.0.1', '1', reason],
    [sid, 'officer_south', 'denied', 'person', String(id), String(id), '127.0.0.1', '0', reason],
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
  const rows = sql(srv.db, `SELECT username, action, ip FROM ${TRAIL} WHERE seq > ${seq} ORDER BY seq`);
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
  const seqs = sql(srv.db, `SELECT seq FROM ${TRAIL} WHERE seq > ${seq} ORDER BY seq`).map((r) => Number(r[0]));
  assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => seq + 1 + i), 'no gaps in seq');
  // All 200 in the access log: the main file was not written.
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM main.audit WHERE seq > ${seq}`)[0][0]), 0);
  assert.match(spire(['audit', 'verify', '--db', srv.db]), /intact: \d+ rows/);
});

test('UPDATE and DELETE on the audit tables are refused by triggers', () => {
  for (const chain of ['main', 'access']) {
    const first = seqsOf(srv.db, chain)[0];
    const before = sql(srv.db, `SELECT count(*), max(hash) FROM ${chain}.audit`)[0];
    assert.match(sqlFail(srv.db, `UPDATE ${chain}.audit SET action = 'nothing' WHERE seq = ${first}`), /append-only/);
    assert.match(sqlFail(srv.db, `DELETE FROM ${chain}.audit WHERE seq = ${first}`), /append-only/);
    assert.match(sqlFail(srv.db, `DELETE FROM ${chain}.audit`), /append-only/);
    assert.deepEqual(sql(srv.db, `SELECT count(*), max(hash) FROM ${chain}.audit`)[0], before);
  }
});

test('`spire audit verify` passes, then names the row after tampering (edit or removal)', () => {
  const ok = spire(['audit', 'verify', '--db', srv.db]);
  const n = Number(ok.match(/intact: (\d+) rows/)[1]);
  assert.equal(n, maxSeq());
  assert.ok(n > 200);

  // Tamper with consistent copies, so the live server is left alone. A
  // copy is verified with the live database's key, kept apart from it.
  // Each chain in turn: the records' (main) and the access log.
  for (const chain of ['main', 'access']) {
    const seqs = seqsOf(srv.db, chain);
    const name = chain === 'main' ? "the records' chain" : 'the access log';
    const edited = join(srv.dir, `edited-${chain}.db`);
    spire(['backup', '--db', srv.db, '--to', edited]);
    assert.match(spire(['audit', 'verify', '--db', edited, '--audit-key', key()]), /intact/);
    sql(edited, `DROP TRIGGER ${chain}.audit_no_update; UPDATE ${chain}.audit SET username = 'someone_else' WHERE seq = ${seqs[6]}`);
    let r = spireFail(['audit', 'verify', '--db', edited, '--audit-key', key()]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`broken at row ${seqs[6]} \\(${name}\\)`));

    // Rewriting a row's own hash does not help: the next row's prev_hash
    // no longer matches.
    const rehash = join(srv.dir, `rehash-${chain}.db`);
    spire(['backup', '--db', srv.db, '--to', rehash]);
    sql(rehash, `DROP TRIGGER ${chain}.audit_no_update; UPDATE ${chain}.audit SET hash = '${'a'.repeat(64)}' WHERE seq = ${seqs[11]}`);
    r = spireFail(['audit', 'verify', '--db', rehash, '--audit-key', key()]);
    assert.match(r.stderr, new RegExp(`broken at row ${seqs[11]}\\b`));

    const removed = join(srv.dir, `removed-${chain}.db`);
    spire(['backup', '--db', srv.db, '--to', removed]);
    sql(removed, `DROP TRIGGER ${chain}.audit_no_delete; DELETE FROM ${chain}.audit WHERE seq = ${seqs[19]}`);
    r = spireFail(['audit', 'verify', '--db', removed, '--audit-key', key()]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`broken at row ${seqs[20]}\\b`));

    const truncated = join(srv.dir, `truncated-${chain}.db`);
    spire(['backup', '--db', srv.db, '--to', truncated]);
    sql(truncated, `DROP TRIGGER ${chain}.audit_no_delete; DELETE FROM ${chain}.audit WHERE seq = ${seqs[0]}`);
    r = spireFail(['audit', 'verify', '--db', truncated, '--audit-key', key()]);
    assert.match(r.stderr, new RegExp(`broken at row ${seqs[1]}\\b`));
  }

  // The live database is still intact.
  assert.match(spire(['audit', 'verify', '--db', srv.db]), /intact/);
});

// The columns a row's MAC covers, in order, with the length framing of
// src/store/audit.c: "<bytes>:<value>|" per value, "-|" for NULL text,
// integers (NULL as 0) in decimal.
const TEXT = new Set(['at', 'username', 'action', 'record_type', 'ip', 'reason', 'detail']);
const FED = ['prev', 'seq', 'at', 'user_id', 'username', 'action', 'record_type', 'record_id', 'person_id', 'ip', 'break_glass', 'reason', 'detail'];
function rowMac(row, prev, keyBytes) {
  const h = keyBytes ? createHmac('sha256', keyBytes) : createHash('sha256');
  for (const col of FED) {
    let v = col === 'prev' ? prev : row[col];
    if (v === null && TEXT.has(col)) { h.update('-|'); continue; }
    if (v === null) v = 0;
    const b = Buffer.from(String(v), 'utf8');
    h.update(`${b.length}:`); h.update(b); h.update('|');
  }
  return h.digest('hex');
}
// One chain's rows ('main': the records'; 'access': the access log).
function allRows(db, chain = 'main') {
  const out = execFileSync('sqlite3', ['-json', ...attach(db), db, `SELECT * FROM ${chain}.audit ORDER BY seq`], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}
// Rewrite a chain from row `from` on as someone without the key would:
// recomputing each row's hash with keyBytes (null: plain SHA-256, the
// chain before the key existed).
function rechain(db, from, keyBytes, chain = 'main') {
  const rows = allRows(db, chain);
  let prev = '0'.repeat(64);
  const updates = [`DROP TRIGGER IF EXISTS ${chain}.audit_no_update;`, 'BEGIN;'];
  for (const r of rows) {
    if (r.seq >= from) {
      const h = rowMac(r, prev, keyBytes);
      updates.push(`UPDATE ${chain}.audit SET prev_hash = '${prev}', hash = '${h}' WHERE seq = ${r.seq};`);
      prev = h;
    } else {
      prev = r.hash;
    }
  }
  updates.push('COMMIT;');
  sql(db, updates.join('\n'));
}

test('`spire init` keeps the audit key outside the database, readable by its owner only', () => {
  const st = statSync(key());
  assert.equal(st.mode & 0o777, 0o600);
  assert.match(execFileSync('cat', [key()], { encoding: 'utf8' }), /^[0-9a-f]{64}\n$/);
  // The live trail's MACs are under that key: recomputed here with it.
  const k = Buffer.from(execFileSync('cat', [key()], { encoding: 'utf8' }).trim(), 'hex');
  for (const chain of ['main', 'access']) {
    const rows = allRows(srv.db, chain).slice(0, 50);
    assert.ok(rows.length > 10, chain);
    let prev = '0'.repeat(64);
    for (const r of rows) { assert.equal(r.hash, rowMac(r, prev, k), `${chain} row ${r.seq}`); prev = r.hash; }
  }
  // Verifying with another key fails at the first row.
  const other = join(srv.dir, 'other.key');
  writeFileSync(other, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  const r = spireFail(['audit', 'verify', '--db', srv.db, '--audit-key', other]);
  assert.match(r.stderr, /broken at row 1\b/);
  // A key others can read is refused.
  const loose = join(srv.dir, 'loose.key');
  writeFileSync(loose, execFileSync('cat', [key()]), { mode: 0o644 });
  assert.match(spireFail(['audit', 'verify', '--db', srv.db, '--audit-key', loose]).stderr, /owner only/);
});

test('a chain rewritten and re-hashed without the key fails verify', () => {
  for (const chain of ['main', 'access']) {
    const nine = seqsOf(srv.db, chain)[8];
    for (const [name, keyBytes] of [['sha', null], ['guess', randomBytes(32)]]) {
      const copy = join(srv.dir, `rewritten-${chain}-${name}.db`);
      spire(['backup', '--db', srv.db, '--to', copy]);
      sql(copy, `DROP TRIGGER ${chain}.audit_no_update; UPDATE ${chain}.audit SET username = 'someone_else' WHERE seq = ${nine}`);
      rechain(copy, nine, keyBytes, chain);
      const r = spireFail(['audit', 'verify', '--db', copy, '--audit-key', key()]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, new RegExp(`broken at row ${nine}\\b`), `${chain} ${name}`);
    }
  }
});

test('`spire audit head` and `verify --expect-head` catch a truncated or rewritten tail', async () => {
  // Make the records' chain's last row not the trail's last: a write, then a read.
  const p = await officer.post('/api/v1/people', child());
  assert.equal((await officer.get(`/api/v1/people/${p.body.id}`)).status, 200);
  const head = spire(['audit', 'head', '--db', srv.db]).trim();
  assert.match(head, /^\d+:[0-9a-f]{64},\d+:[0-9a-f]{64}$/);
  const heads = { main: head.split(',')[0].split(':'), access: head.split(',')[1].split(':') };
  for (const chain of ['main', 'access']) {
    const [seq, mac] = heads[chain];
    assert.deepEqual(sql(srv.db, `SELECT hash FROM ${chain}.audit WHERE seq = ${seq}`), [[mac]]);
    assert.equal(Number(seq), seqsOf(srv.db, chain).at(-1));
  }
  assert.equal(Number(heads.access[0]), maxSeq());
  // More activity after the head was recorded: still fine.
  await officer.get('/api/v1/people?q=Anyone');
  await officer.post('/api/v1/people', child());
  assert.match(spire(['audit', 'verify', '--db', srv.db, '--expect-head', head]), /intact: \d+ rows, recorded head present/);
  // A head recorded before the access log had a chain of its own (the
  // records' chain alone) is still accepted.
  assert.match(spire(['audit', 'verify', '--db', srv.db, '--expect-head', head.split(',')[0]]), /recorded head present/);

  const k = Buffer.from(execFileSync('cat', [key()], { encoding: 'utf8' }).trim(), 'hex');
  for (const chain of ['main', 'access']) {
    const [seq] = heads[chain];
    const which = chain === 'access' ? ' of the access log' : '';
    // Cut the tail back to before the head: the chain is still whole (no
    // MAC can tell an end that was cut off), but the other chain's rows
    // are numbered above the cut, so the shared numbering has holes; and
    // the recorded head is gone.
    const cut = join(srv.dir, `cut-${chain}.db`);
    spire(['backup', '--db', srv.db, '--to', cut]);
    const seqs = seqsOf(cut, chain);
    sql(cut, `DROP TRIGGER ${chain}.audit_no_delete; DELETE FROM ${chain}.audit WHERE seq >= ${seqs[seqs.indexOf(Number(seq)) - 3]}`);
    let r = spireFail(['audit', 'verify', '--db', cut, '--audit-key', key()]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /the audit trail is missing [1-9]\d* row\(s\) numbered below its newest/);
    r = spireFail(['audit', 'verify', '--db', cut, '--audit-key', key(), '--expect-head', head]);
    assert.equal(r.status, 1);
    // With the other chain's later rows cut as well, only the head tells.
    const both = join(srv.dir, `cut-both-${chain}.db`);
    spire(['backup', '--db', srv.db, '--to', both]);
    const from = seqs[seqs.indexOf(Number(seq)) - 3];
    sql(both, `DROP TRIGGER main.audit_no_delete; DROP TRIGGER access.audit_no_delete; DELETE FROM main.audit WHERE seq >= ${from}; DELETE FROM access.audit WHERE seq >= ${from}`);
    assert.match(spire(['audit', 'verify', '--db', both, '--audit-key', key()]), /intact/);
    r = spireFail(['audit', 'verify', '--db', both, '--audit-key', key(), '--expect-head', head]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /row \d+( of the access log)?, the recorded head, is missing: the trail was truncated/);

    // Cut, then grow back past the head with rows MACed under the right key
    // (as the server would append after a restore): the head's row differs.
    const regrown = join(srv.dir, `regrown-${chain}.db`);
    spire(['backup', '--db', srv.db, '--to', regrown]);
    sql(regrown, `DROP TRIGGER ${chain}.audit_no_update; UPDATE ${chain}.audit SET action = 'read' , detail = 'changed' WHERE seq = ${seq}`);
    rechain(regrown, Number(seq), k, chain);
    assert.match(spire(['audit', 'verify', '--db', regrown, '--audit-key', key()]), /intact/, 'a key holder can rewrite');
    r = spireFail(['audit', 'verify', '--db', regrown, '--audit-key', key(), '--expect-head', head]);
    assert.match(r.stderr, new RegExp(`row ${seq}${which} is not the recorded head: the trail was rewritten`));
  }

  assert.equal(spireFail(['audit', 'verify', '--db', srv.db, '--expect-head', 'nonsense']).status, 1);
  assert.equal(spireFail(['audit', 'head', '--db', srv.db, '--audit-key', join(srv.dir, 'missing.key')]).status, 1);
});

test('a database from before the key is checked and re-keyed by `spire init`; a broken one is refused', () => {
  const dir = join(srv.dir, 'legacy');
  execFileSync('mkdir', ['-p', dir]);
  const db = makeDb(dir, { users: [], teams: [] });
  unlinkSync(`${db}.audit-key`);
  // An unkeyed SHA-256 chain, as Spire wrote before the key existed.
  const inserts = [];
  let prev = '0'.repeat(64);
  for (let seq = 1; seq <= 30; seq++) {
    const row = { seq, at: `2026-01-01T10:00:${String(seq).padStart(2, '0')}.000Z`, user_id: seq % 3 ? 7 : null,
      username: seq % 3 ? 'officer' : null, action: 'read', record_type: 'person', record_id: seq,
      person_id: seq, ip: '127.0.0.1', break_glass: 0, reason: null, detail: seq === 5 ? 'Zoë' : null };
    row.prev_hash = prev;
    row.hash = rowMac(row, prev, null);
    prev = row.hash;
    const q = (v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
    inserts.push(`INSERT INTO audit(seq, at, user_id, username, action, record_type, record_id, person_id, ip, break_glass, reason, detail, prev_hash, hash) VALUES (${[row.seq, row.at, row.user_id, row.username, row.action, row.record_type, row.record_id, row.person_id, row.ip, row.break_glass, row.reason, row.detail, row.prev_hash, row.hash].map(q).join(', ')});`);
  }
  sql(db, inserts.join('\n'));
  const broken = join(dir, 'broken.db');
  copyFileSync(db, broken);
  copyFileSync(`${db}.access`, `${broken}.access`);
  sql(broken, "DROP TRIGGER audit_no_update; UPDATE audit SET username = 'x' WHERE seq = 12");

  const before = allRows(db);
  spire(['init', '--db', db]);
  assert.ok(existsSync(`${db}.audit-key`));
  const after = allRows(db);
  assert.equal(after.length, 30);
  const k = Buffer.from(execFileSync('cat', [`${db}.audit-key`], { encoding: 'utf8' }).trim(), 'hex');
  prev = '0'.repeat(64);
  for (let i = 0; i < 30; i++) {
    assert.deepEqual({ ...after[i], hash: 0, prev_hash: 0 }, { ...before[i], hash: 0, prev_hash: 0 }, 'only the hashes change');
    assert.notEqual(after[i].hash, before[i].hash);
    assert.equal(after[i].hash, rowMac(after[i], prev, k));
    prev = after[i].hash;
  }
  assert.match(spire(['audit', 'verify', '--db', db]), /intact: 30 rows/);
  // Still append-only after re-keying.
  assert.match(sqlFail(db, "UPDATE audit SET action = 'x' WHERE seq = 1"), /append-only/);
  // Re-running init with the key present changes nothing.
  spire(['init', '--db', db]);
  assert.deepEqual(allRows(db), after);

  // A broken old chain is not vouched for: no key is made.
  const r = spireFail(['init', '--db', broken]);
  assert.match(r.stderr, /not keying the audit trail: audit chain broken at row 12\b/);
  assert.ok(!existsSync(`${broken}.audit-key`));
  // Nor is a keyed chain whose key file went missing re-keyed.
  unlinkSync(`${db}.audit-key`);
  assert.match(spireFail(['init', '--db', db]).stderr, /broken at row 1\b/);
});

test('`spire backup` checks the copy\'s head under the key, and still backs up without it', () => {
  const other = join(srv.dir, 'backup-other.key');
  writeFileSync(other, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  const bad = spireFail(['backup', '--db', srv.db, '--to', join(srv.dir, 'b1.db'), '--audit-key', other]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /does not match the audit key/);
  const copy = join(srv.dir, 'b2.db');
  const out = spire(['backup', '--db', srv.db, '--to', copy, '--audit-key', join(srv.dir, 'no-such.key')]);
  assert.match(out, /integrity ok/);
  assert.match(execFileSync('cat', [`${copy}.audit-head`], { encoding: 'utf8' }), /^\d+:[0-9a-f]{64},\d+:[0-9a-f]{64}\n$/);
  // The access log is copied beside the database.
  assert.ok(existsSync(`${copy}.access`));
  assert.match(spire(['audit', 'verify', '--db', copy, '--audit-key', key()]), /intact/);
});
