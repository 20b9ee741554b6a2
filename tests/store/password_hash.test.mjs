// Password hashes as stored (moved here from tests/api/signin.test.mjs): at
// password_cost 1, accounts hashed at another cost (the CLI's default, 0)
// are hashed again at this cost when they next sign in, without that being
// a change of the account, and new passwords are hashed at it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, makeDb, sql } from './lib.mjs';

test('at password_cost 1 older hashes are remade at that cost when their users sign in', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-cost-'));
  const ini = join(dir, 'cost1.ini');
  writeFileSync(ini, '[security]\npassword_cost = 1\n');
  const s = await Server.start({ db: makeDb(dir), args: ['--config', ini] });
  const hash = (u) => sql(s.db, `SELECT password_hash FROM users WHERE username = '${u}'`);
  try {
    assert.match(hash('admin'), /^\$argon2id\$v=19\$m=65536,t=2,/);
    const version = sql(s.db, `SELECT version FROM users WHERE username = 'admin'`);
    const admin = await s.login('admin');
    assert.match(hash('admin'), /^\$argon2id\$v=19\$m=262144,t=3,/);
    assert.equal(sql(s.db, `SELECT version FROM users WHERE username = 'admin'`), version, 'not a change of the account');
    assert.equal((await s.login('admin')).user.username, 'admin');
    const made = await admin.post('/api/v1/users', { username: 'costly', full_name: 'Costly Hash', role: 'analyst', password: 'kettle violin marble 58' });
    assert.equal(made.status, 201, made.text);
    assert.match(hash('costly'), /^\$argon2id\$v=19\$m=262144,t=3,/);
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
