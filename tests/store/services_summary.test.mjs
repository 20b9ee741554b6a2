// A change to the services table keeps the measures' summary exact
// (session 23, migration 24; docs/measures.md): the parents-seen facts read
// services by code, so a service's code renamed by hand (nothing in Spire
// changes a service) recomputes them, and `spire report --check-summary`
// stays clean. Runs on SQLite (the sqlite3 shell on the file) and, with
// SPIRE_TEST_STORE=postgresql, on PostgreSQL (psql on the URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Server, PG, daleFamilyWithOrder, spire, ukDay as day } from './lib.mjs';

let srv, officer;

before(async () => {
  srv = await Server.start();
  officer = await srv.login('officer');
});
after(async () => { await srv.stop(); });

// run(text): text on the test's database, as an operator would run it.
function run(text) {
  if (PG) execFileSync('psql', ['-qX', '-v', 'ON_ERROR_STOP=1', '-d', srv.db, '-c', text], { stdio: 'pipe' });
  else execFileSync('sqlite3', ['-cmd', '.timeout 5000', srv.db, text], { stdio: 'pipe' });
}

test('a service\'s code renamed in the services table keeps the measures\' summary exact', async () => {
  await daleFamilyWithOrder(officer);
  const seen = () => spire(['report', '--db', srv.db, '--measure', 'parents-seen', '--from', day(-90), '--to', day(0),
    '--format', 'json', '--no-suppress']);
  const check = () => spire(['report', '--db', srv.db, '--check-summary']);
  assert.match(check(), /0 facts missing, 0 extra/);
  const before_ = seen();
  for (const code of ['youth_justice', 'parenting']) {
    run(`UPDATE services SET code = '${code}_renamed' WHERE code = '${code}'`);
    assert.match(check(), /0 facts missing, 0 extra/, `${code} renamed`);
    run(`UPDATE services SET code = '${code}' WHERE code = '${code}_renamed'`);
    assert.match(check(), /0 facts missing, 0 extra/, `${code} back`);
  }
  // Renamed, youth justice's children are not counted (the rules read the
  // code); back, the figure is as it was.
  run("UPDATE services SET code = 'yj_renamed' WHERE code = 'youth_justice'");
  const renamed = seen();
  run("UPDATE services SET code = 'youth_justice' WHERE code = 'yj_renamed'");
  assert.notEqual(renamed, before_);
  assert.equal(seen(), before_);
  // A service's name is read by no measure.
  run("UPDATE services SET name = 'Youth Justice Service' WHERE code = 'youth_justice'");
  assert.match(check(), /0 facts missing, 0 extra/);
});
