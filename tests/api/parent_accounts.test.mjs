// Parent accounts (docs/parenting.md "Parent accounts", FINDING-6): a
// practitioner who may see a parent's record issues a one-time invitation
// code; the parent redeems it, choosing a username and password, and is
// signed in to the parent portal. Admins make staff accounts only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, PASSWORD, created, createdPerson, makeDb, spireFail, ukDay as day } from './lib.mjs';

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const NEW_PW = 'kettle violin marble 58';

let srv, admin, officer, south, analyst, kid, mum, fam;
before(async () => {
  srv = await Server.start();
  [admin, officer, south, analyst] = await srv.loginAll(['admin', 'officer', 'officer_south', 'analyst']);
  kid = await createdPerson(officer, { given_name: 'Lou', family_name: 'Reed' });
  mum = await created(officer, '/api/v1/people', { given_name: 'Ada', family_name: 'Reed', date_of_birth: '1984-03-02' });
  fam = await created(officer, '/api/v1/families', { name: 'Reed family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-30),
  });
});
after(async () => { await srv.stop(); });

const redeem = (body) => srv.anon.post('/api/v1/parent-invitations/redeem', body);
const invite = (c, person) => c.post(`/api/v1/people/${person.id}/parent-account`, {});

test('an admin cannot make a parent account, by the API or at the command line', async () => {
  const mark = srv.auditHead();
  const r = await admin.post('/api/v1/users', { username: 'ada.fake', full_name: 'Ada Reed', role: 'parent', password: NEW_PW, person_id: mum.id });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((x) => x.field).sort(), ['person_id', 'role']);
  assert.equal(r.body.errors.find((x) => x.field === 'role').message,
    'Parent accounts are not made here. The parent\'s worker invites them to the parent portal from the parent\'s record');
  const cli = spireFail(['user', 'add', '--db', srv.db, '--username', 'cli.parent', '--role', 'parent'], `${NEW_PW}\n`);
  assert.notEqual(cli.status, 0);
  assert.match(cli.stderr, /Parent accounts are not made here/);
  assert.deepEqual(srv.changesSince(mark), [], 'nothing written');
});

test('a practitioner out of scope, an admin and an analyst cannot issue an invitation (403, nothing written)', async () => {
  const mark = srv.auditHead();
  for (const [name, c] of [['officer_south', south], ['admin', admin], ['analyst', analyst]]) {
    const r = await invite(c, mum);
    assert.equal(r.status, 403, `${name}: ${r.text}`);
    assert.ok(!('code' in (r.body || {})), `${name} got a code`);
  }
  assert.deepEqual(srv.changesSince(mark), [], 'nothing written');
  assert.equal(srv.audit({ action: 'denied', person_id: mum.id }, mark).length, 3, 'each refusal audited');
});

test('the child\'s officer invites the mother; she redeems the code, is signed in and sees her family', async () => {
  const mark = srv.auditHead();
  const inv = await created(officer, `/api/v1/people/${mum.id}/parent-account`, {});
  assert.match(inv.code, CODE);
  assert.equal(inv.person_id, mum.id);
  assert.equal(inv.expires_on, day(7), 'seven UK civil days');
  assert.equal(inv.username, null, 'no account yet');
  const issued = srv.audit({ action: 'invite' }, mark);
  assert.equal(issued.length, 1);
  assert.equal(issued[0].record_type, 'parent_invitation');
  assert.equal(issued[0].record_id, inv.id);
  assert.equal(issued[0].person_id, mum.id);
  assert.equal(issued[0].username, 'officer');
  // The code is shown once: it is in no audit row.
  assert.ok(!JSON.stringify(srv.audit({}, mark)).includes(inv.code.replace(/-/g, '').slice(0, 8)));

  const before = srv.auditHead();
  // Typed with spaces and in lower case, as people do.
  const r = await redeem({ code: inv.code.toLowerCase().replace(/-/g, ' '), username: 'ada.reed', password: NEW_PW });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.user.role, 'parent');
  assert.equal(r.body.user.person_id, mum.id);
  assert.equal(r.body.user.full_name, 'Ada Reed', 'named as on her record');
  assert.match(r.headers.get('set-cookie'), /^__Host-spire=[0-9a-f]{64}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
  const ada = await srv.login('ada.reed', NEW_PW);
  const page = await ada.get('/api/v1/my-family');
  assert.equal(page.status, 200, page.text);
  assert.deepEqual(page.body.family, { id: fam.id, name: 'Reed family' });
  assert.equal(page.body.person_id, mum.id);
  const rows = srv.audit({}, before).filter((x) => x.action !== 'login');
  assert.deepEqual(rows.map((x) => `${x.action} ${x.record_type} ${x.person_id}`).slice(0, 2),
    [`redeem parent_invitation ${mum.id}`, `create user ${mum.id}`]);
  assert.equal(rows[1].record_id, r.body.user.id);

  // Used once: the same code again is refused, nothing changes.
  const mark2 = srv.auditHead();
  const again = await redeem({ code: inv.code, username: 'ada.again', password: NEW_PW });
  assert.equal(again.status, 400, again.text);
  assert.deepEqual(again.body.errors.map((x) => x.field), ['code']);
  assert.match(again.body.error.message, /^The invitation code is not right, or it has been used or has expired/);
  assert.deepEqual(srv.changesSince(mark2), []);
  const failed = srv.audit({ action: 'redeem_failed' }, mark2);
  assert.equal(failed.length, 1);
  assert.equal(failed[0].record_id, inv.id);
  await assert.rejects(srv.login('ada.again', NEW_PW), /401/);
});

test('a new invitation revokes the last; redeeming it for an existing account resets the password and ends its sessions', async () => {
  const dad = await created(officer, '/api/v1/people', { given_name: 'Max', family_name: 'Reed', date_of_birth: '1982-07-07' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: dad.id, member_type: 'adult', relationship: 'father', child_id: kid.id, parental_responsibility: true });
  const first = await created(officer, `/api/v1/people/${dad.id}/parent-account`, {});
  const made = await redeem({ code: first.code, username: 'max.reed', password: NEW_PW });
  assert.equal(made.status, 200, made.text);
  const old = await srv.login('max.reed', NEW_PW);
  assert.equal((await old.get('/api/v1/my-family')).status, 200);

  const lost = await created(officer, `/api/v1/people/${dad.id}/parent-account`, {});
  assert.equal(lost.username, 'max.reed', 'the worker sees which account it resets');
  const second = await created(officer, `/api/v1/people/${dad.id}/parent-account`, {});
  assert.notEqual(second.code, lost.code);
  const mark = srv.auditHead();
  const revoked = await redeem({ code: lost.code, username: 'max.r', password: 'copper lantern 77 ridge' });
  assert.equal(revoked.status, 400, revoked.text);
  assert.equal(revoked.body.error.field, 'code');
  assert.deepEqual(srv.changesSince(mark), []);

  const reset = await redeem({ code: second.code, username: 'max.r', password: 'copper lantern 77 ridge' });
  assert.equal(reset.status, 200, reset.text);
  assert.equal(reset.body.user.id, made.body.user.id, 'the same account');
  assert.equal(reset.body.user.username, 'max.r');
  assert.equal((await old.get('/api/v1/my-family')).status, 401, 'the old session has ended');
  await assert.rejects(srv.login('max.reed', NEW_PW), /401/);
  const now = await srv.login('max.r', 'copper lantern 77 ridge');
  assert.equal((await now.get('/api/v1/my-family')).body.person_id, dad.id);
  assert.deepEqual(srv.changesSince(mark).map((x) => x.split(' ').slice(0, 2).join(' ')),
    ['redeem parent_invitation', 'update_password user']);
});

test('bad input names every wrong field at once and changes nothing', async () => {
  const dob = await created(officer, '/api/v1/people', { given_name: 'Sam', family_name: 'Reed', date_of_birth: '1990-01-01' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: dob.id, member_type: 'adult', relationship: 'aunt', child_id: kid.id });
  const inv = await created(officer, `/api/v1/people/${dob.id}/parent-account`, {});
  const mark = srv.auditHead();
  const all = await redeem({ code: '', username: 'Has Space', password: 'short', shoe: 9 });
  assert.equal(all.status, 400, all.text);
  assert.deepEqual(all.body.errors.map((x) => x.field).sort(), ['code', 'password', 'shoe', 'username']);
  assert.equal(all.body.errors.find((x) => x.field === 'code').message, 'Enter the invitation code your worker gave you');
  // A good code with a weak password: only the password is named, and the
  // code still works afterwards.
  const weak = await redeem({ code: inv.code, username: 'sam.reed', password: 'Password1234' });
  assert.equal(weak.status, 400, weak.text);
  assert.deepEqual(weak.body.errors.map((x) => x.field), ['password']);
  const taken = await redeem({ code: inv.code, username: 'officer', password: NEW_PW });
  assert.equal(taken.status, 400, taken.text);
  assert.equal(taken.body.error.field, 'username');
  assert.match(taken.body.error.message, /already taken/);
  const wrong = await redeem({ code: 'AAAA-BBBB-CCCC-DDDD', username: 'sam.reed', password: NEW_PW });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.field, 'code');
  assert.deepEqual(srv.changesSince(mark), []);
  const ok = await redeem({ code: inv.code, username: 'sam.reed', password: NEW_PW });
  assert.equal(ok.status, 200, ok.text);
});

test('an invitation works to the end of its seventh UK civil day, then never (under faketime)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-invite-'));
  const db = makeDb(dir);
  let s = await Server.start({ db, faketime: '2026-03-01 10:00:00' });
  let code;
  try {
    const off = await s.login('officer');
    const p = await created(off, '/api/v1/people', { given_name: 'Eve', family_name: 'Late', date_of_birth: '1980-02-02' });
    const inv = await created(off, `/api/v1/people/${p.id}/parent-account`, {});
    assert.equal(inv.expires_on, '2026-03-08');
    code = inv.code;
  } finally { await s.stop(); }
  // 23:30 on the 8th: the code is still good (only the weak password is named).
  s = await Server.start({ db, faketime: '2026-03-08 23:30:00' });
  try {
    const r = await s.anon.post('/api/v1/parent-invitations/redeem', { code, username: 'eve.late', password: 'Password1234' });
    assert.deepEqual(r.body.errors.map((x) => x.field), ['password'], r.text);
  } finally { await s.stop(); }
  s = await Server.start({ db, faketime: '2026-03-09 00:30:00' });
  try {
    const mark = s.auditHead();
    const r = await s.anon.post('/api/v1/parent-invitations/redeem', { code, username: 'eve.late', password: NEW_PW });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.field, 'code');
    assert.deepEqual(s.changesSince(mark), []);
    assert.equal(s.audit({ action: 'redeem_failed' }, mark).length, 1);
  } finally { await s.stop(); rmSync(dir, { recursive: true, force: true }); }
});

test('wrong codes are throttled by client address: past the limit even the right code waits', async () => {
  const s = await Server.start({ env: { SPIRE_LOGIN_MAX_ADDRESS_FAILURES: '3' } });
  try {
    const off = await s.login('officer');
    const p = await created(off, '/api/v1/people', { given_name: 'Tam', family_name: 'Guess', date_of_birth: '1981-01-01' });
    const inv = await created(off, `/api/v1/people/${p.id}/parent-account`, {});
    const mark = s.auditHead();
    for (const guess of ['AAAA-AAAA-AAAA-AAAA', 'BBBB-BBBB-BBBB-BBBB', 'CCCC-CCCC-CCCC-CCCC']) {
      const r = await s.anon.post('/api/v1/parent-invitations/redeem', { code: guess, username: 'tam.guess', password: NEW_PW });
      assert.equal(r.status, 400, r.text);
    }
    const r = await s.anon.post('/api/v1/parent-invitations/redeem', { code: inv.code, username: 'tam.guess', password: NEW_PW });
    assert.equal(r.status, 429, r.text);
    assert.match(r.body.error.message, /Too many wrong invitation codes/);
    assert.deepEqual(s.changesSince(mark), []);
    assert.equal(s.audit({ action: 'redeem_failed' }, mark).length, 3);
    assert.equal(s.audit({ action: 'redeem_throttled' }, mark).length, 1);
    await assert.rejects(s.login('tam.guess', NEW_PW), /401/);
  } finally { await s.stop(); }
});

test('the fixture\'s parent account is made by invitation too', async () => {
  const parent = await srv.login('parent', PASSWORD);
  assert.equal(parent.user.role, 'parent');
  assert.ok(parent.user.person_id > 0);
});
