// A full disk, for real: the database lives on a small tmpfs that the test
// fills. Writes and audited reads answer 503 with Retry-After and a JSON
// error, nothing is half-written, refusals are still audited (the server
// releases its reserve file for them), and service resumes by itself once
// there is room again. Needs root to mount; skipped, saying why, otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, writeSync, closeSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, makeDb, child, spire, sql, TRAIL } from './lib.mjs';

let mnt, srv, officer, south, skip = false;

function tryMount(dir) {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return String(e.stderr || e.message).trim();
  }
}

before(async () => {
  mnt = mkdtempSync(join(tmpdir(), 'spire-full-'));
  const why = tryMount(mnt);
  if (why) {
    skip = `cannot mount a tmpfs to fill (${why}); run as root`;
    return;
  }
  const db = makeDb(mnt);
  srv = await Server.start({ db });
  [officer, south] = await srv.loginAll(['officer', 'officer_south']);
});

after(async () => {
  if (srv) await srv.stop();
  if (!skip) execFileSync('umount', [mnt]);
  rmSync(mnt, { recursive: true, force: true });
});

// Fill the file system with one file until it refuses another byte.
function fill(path) {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(256 * 1024);
  let size = block.length;
  try {
    for (;;) {
      try {
        writeSync(fd, block, 0, size);
      } catch (e) {
        if (e.code !== 'ENOSPC') throw e;
        if (size === 1) break;
        size = Math.max(1, size >> 1);
      }
    }
  } finally {
    closeSync(fd);
  }
}

const count = (table, where = '1') => Number(sql(srv.db, `SELECT count(*) FROM ${table} WHERE ${where}`));

function assertFull(r, label) {
  assert.equal(r.status, 503, `${label}: ${r.text}`);
  assert.equal(r.body.error.code, 'storage_full', label);
  assert.match(r.body.error.message, /full/, label);
  assert.match(r.headers.get('retry-after') ?? '', /^\d+$/, `${label}: Retry-After`);
  assert.match(r.headers.get('content-type'), /^application\/json/, label);
}

test('disk full: 503 with Retry-After for writes and audited reads, refusals still audited, recovery', async (t) => {
  if (skip) return t.skip(skip);
  const reserve = `${srv.db}-reserve`;
  assert.ok(existsSync(reserve) && statSync(reserve).size > 0, 'the server keeps a reserve file');
  const person = (await officer.post('/api/v1/people', child())).body;
  const people = count('people');
  const denials = count(TRAIL, "action = 'denied'");
  const reads = count(TRAIL, "action = 'read'");

  const filler = join(mnt, 'filler');
  fill(filler);

  // A refusal as the first thing to hit the full disk is still recorded.
  const denied = await south.get(`/api/v1/people/${person.id}`);
  assert.equal(denied.status, 403, denied.text);
  assert.equal(count(TRAIL, "action = 'denied'"), denials + 1, 'the refusal is audited on a full disk');
  assert.equal(existsSync(reserve), false, 'the reserve was released for it');

  // Writes of every kind: 503, nothing stored.
  assertFull(await officer.post('/api/v1/people', child()), 'create');
  assertFull(await officer.patch(`/api/v1/people/${person.id}`, { version: person.version, preferred_name: 'Full' }), 'update');
  assertFull(await srv.anon.post('/api/v1/session', { username: 'officer', password: 'Tr0ub4dor&3-horse' }), 'sign-in');
  assert.equal(count('people'), people, 'no person half-written');
  assert.equal(sql(srv.db, `SELECT coalesce(preferred_name, '') FROM people WHERE id = ${person.id}`), '');

  // A read whose audit row cannot be written is not shown.
  const read = await officer.get(`/api/v1/people/${person.id}`);
  assertFull(read, 'read');
  assert.doesNotMatch(read.text, new RegExp(person.given_name));
  assert.equal(count(TRAIL, "action = 'read'"), reads);

  // Refusals go on being audited while the disk stays full.
  for (let i = 0; i < 3; i++) assert.equal((await south.get(`/api/v1/people/${person.id}`)).status, 403);
  assert.equal(count(TRAIL, "action = 'denied'"), denials + 4);
  const failedLogins = count(TRAIL, "action = 'login_failed'");
  assert.equal((await srv.anon.post('/api/v1/session', { username: 'officer', password: 'wrong-password-x' })).status, 401);
  assert.equal(count(TRAIL, "action = 'login_failed'"), failedLogins + 1, 'a failed sign-in is audited too');

  // Room again: service resumes by itself and the reserve is restored.
  rmSync(filler);
  let again;
  for (let i = 0; i < 40; i++) {
    again = await officer.post('/api/v1/people', child());
    if (again.status === 201) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.equal(again.status, 201, again.text);
  assert.ok(existsSync(reserve), 'the reserve is re-created');
  assert.equal((await officer.get(`/api/v1/people/${person.id}`)).status, 200);
  assert.equal(count('people'), people + 1);
  assert.match(spire(['audit', 'verify', '--db', srv.db]), /./, 'the audit chain verifies');
});
