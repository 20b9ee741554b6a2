// Session 28 (from the UI helper's walk): an account's full name and a
// team's name were refused with one long message for every fault ("Enter
// the full name: 120 characters or fewer, without line breaks or hidden
// characters"). Each fault now has its own GOV.UK message: not given, too
// long, or not on one line. Nothing is stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created } from './lib.mjs';

let srv, admin;
before(async () => {
  srv = await Server.start();
  [admin] = await srv.loginAll(['admin']);
});
after(async () => { await srv.stop(); });

const message = (r, field) => (r.body.errors || []).find((x) => x.field === field)?.message;

test('a full name or team name is refused saying what is wrong with it', async () => {
  const mark = srv.auditHead();
  const user = (full_name) => admin.post('/api/v1/users', { username: 'newstarter', full_name, role: 'analyst', password: 'a-Long-unusual-pass-9' });
  for (const [given, said] of [
    ['', 'Enter the full name'],
    ['   ', 'Enter the full name'],
    ['x'.repeat(121), 'The full name must be 120 characters or fewer'],
    ['Ann\nLee', 'The full name must be on one line, without hidden characters'],
  ]) {
    const r = await user(given);
    assert.equal(r.status, 400, r.text);
    assert.equal(message(r, 'full_name'), said, JSON.stringify(given));
  }
  const u = await created(admin, '/api/v1/users', { username: 'newstarter', full_name: 'New Starter', role: 'analyst', password: 'a-Long-unusual-pass-9' });
  const p = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, full_name: 'x'.repeat(121) });
  assert.equal(p.status, 400, p.text);
  assert.equal(message(p, 'full_name'), 'The full name must be 120 characters or fewer');
  for (const [given, said] of [
    ['', 'Enter the team name'],
    ['y'.repeat(101), 'The team name must be 100 characters or fewer'],
    ['YJ\tWest', 'The team name must be on one line, without hidden characters'],
  ]) {
    const r = await admin.post('/api/v1/teams', { service_code: 'youth_justice', name: given });
    assert.equal(r.status, 400, r.text);
    assert.equal(message(r, 'name'), said, JSON.stringify(given));
  }
  assert.deepEqual(srv.changesSince(mark).filter((x) => !x.startsWith('create user')), []);
});
