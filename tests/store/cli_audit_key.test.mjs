// --audit-key names the audit trail's key for every command that opens the
// database, `spire serve`, `spire user` and `spire team` included (as
// docs/operations.md says; they once refused the flag and only the
// environment or the config file could name a key kept elsewhere).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, spire, spireFail, makeDb } from '../api/lib.mjs';

test('serve, user and team take --audit-key for a key kept away from the database', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-key-'));
  try {
    const db = makeDb(dir);
    const key = join(dir, 'elsewhere.key');
    renameSync(`${db}.audit-key`, key);
    const missing = spireFail(['user', 'list', '--db', db]);
    assert.notEqual(missing.status, 0, 'without the key the trail cannot be written');
    assert.match(spire(['user', 'list', '--db', db, '--audit-key', key]), /username/);
    spire(['team', 'add', '--db', db, '--audit-key', key, '--service', 'fgc', '--name', 'Keyed FGC']);
    assert.match(spire(['team', 'list', '--db', db, '--audit-key', key]), /Keyed FGC/);
    const srv = await Server.start({ db, args: ['--audit-key', key] });
    try {
      const r = await srv.anon.get('/index.html');
      assert.equal(r.status, 200);
    } finally {
      await srv.stop();
    }
    assert.match(spire(['audit', 'verify', '--db', db, '--audit-key', key]), /audit trail intact/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
