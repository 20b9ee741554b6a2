// A PostgreSQL URL's password never appears in what Spire's commands print
// (their output lands in logs and cron mail): `spire init` and `spire
// backup` name the database with the password masked. Runs when
// SPIRE_TEST_PG is set (scripts/run-tests.sh starts a throw-away cluster);
// its sockets trust local connections, so any password is accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spire } from '../api/lib.mjs';

const PG = process.env.SPIRE_TEST_PG;
const SKIP = PG ? false : 'SPIRE_TEST_PG is not set';
const SECRET = 'S3cret-Pw-0417';

// The cluster's URL for a new database, with a password in the user info
// and, separately, as a parameter.
function urls(name) {
  const u = new URL(PG.replace(/^postgresql:/, 'http:'));
  const host = u.searchParams.get('host');
  const user = u.searchParams.get('user') || u.username || 'postgres';
  execFileSync(resolve('scripts/pg-cluster.sh'), ['createdb', host, name], { stdio: 'ignore' });
  return [
    `postgresql://${user}:${SECRET}@/${name}?host=${encodeURIComponent(host)}`,
    `postgresql:///${name}?host=${encodeURIComponent(host)}&user=${user}&password=${SECRET}`,
  ];
}

test('init and backup print the database without its password', { skip: SKIP }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-pgpw-'));
  try {
    const name = `pw_${process.pid}`;
    for (const [i, url] of urls(name).entries()) {
      const key = join(dir, `key${i}`);
      const out = spire(['init', '--db', url, '--audit-key', key]);
      assert.doesNotMatch(out, new RegExp(SECRET), out);
      assert.match(out, /\*\*\*\*/, out);
      const to = join(dir, `b${i}.dump`);
      const b = spire(['backup', '--db', url, '--to', to, '--audit-key', key]);
      assert.doesNotMatch(b, new RegExp(SECRET), b);
      assert.match(b, new RegExp(`backed up postgresql://.*\\*\\*\\*\\*.* to ${to.replace(/[.*]/g, '\\$&')}`), b);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
