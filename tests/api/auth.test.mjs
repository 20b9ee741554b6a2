// Sign-in, sessions and their ends: token + CSRF + cookie, uniform 401s,
// throttling per account and per address, CSRF on cookie sessions, sign-out,
// idle and absolute expiry, disabling a user, and the password policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { Server, Client, PASSWORD, BIN, spire, spireFail, child } from './lib.mjs';

let srv;
before(async () => { srv = await Server.start(); });
after(async () => { await srv.stop(); });

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// POST a sign-in from a chosen loopback source address (127.0.0.0/8 all
// reach the server), so throttling by address can be told apart.
function signInFrom(server, localAddress, username, password) {
  const body = JSON.stringify({ username, password });
  return new Promise((ok, fail) => {
    const req = http.request({
      host: '127.0.0.1', port: server.port, path: '/api/v1/session', method: 'POST', localAddress,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => ok({ status: res.statusCode, body: JSON.parse(text), text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

test('sign-in returns token, csrf_token and user, and sets a __Host- cookie', async () => {
  const r = await srv.anon.post('/api/v1/session', { username: 'officer', password: PASSWORD });
  assert.equal(r.status, 200, r.text);
  assert.match(r.body.token, /^[0-9a-f]{64}$/);
  assert.match(r.body.csrf_token, /^[0-9a-f]{64}$/);
  assert.notEqual(r.body.token, r.body.csrf_token);
  assert.equal(r.body.user.username, 'officer');
  assert.equal(r.body.user.role, 'yjs_officer');
  assert.equal(typeof r.body.user.team_id, 'number');
  assert.equal(r.body.user.password_hash, undefined);
  assert.doesNotMatch(r.text, /argon2/);
  const cookie = r.headers.get('set-cookie');
  assert.equal(cookie, `__Host-spire=${r.body.token}; Path=/; HttpOnly; Secure; SameSite=Strict`);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  // Username matching ignores case; each sign-in is a new session.
  const again = await srv.anon.post('/api/v1/session', { username: 'OFFICER', password: PASSWORD });
  assert.equal(again.status, 200);
  assert.notEqual(again.body.token, r.body.token);
  const me = await new Client(srv.base, r.body.token).get('/api/v1/session');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'officer');
  assert.equal(me.body.csrf_token, r.body.csrf_token);
});

test('wrong password and unknown user get the same 401 body', async () => {
  const wrong = await srv.anon.post('/api/v1/session', { username: 'officer2', password: PASSWORD + 'x' });
  const unknown = await srv.anon.post('/api/v1/session', { username: 'nobody_here', password: PASSWORD });
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.text, unknown.text);
  assert.equal(wrong.body.error.field, null, 'no hint which part was wrong');
  assert.equal(wrong.headers.get('set-cookie'), null);
  // Missing fields are a validation error, not a sign-in attempt.
  const missing = await srv.anon.post('/api/v1/session', { username: 'officer' });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.field, 'password');
});

test('bad tokens are 401', async () => {
  for (const h of [{}, { Authorization: 'Bearer ' + 'a'.repeat(64) }, { Authorization: 'Bearer short' },
    { Cookie: '__Host-spire=' + 'b'.repeat(64) }, { Authorization: 'Basic b2ZmaWNlcjp4' }]) {
    const r = await srv.anon.get('/api/v1/session', h);
    assert.equal(r.status, 401, JSON.stringify(h));
    assert.equal(r.body.error.code, 'unauthenticated');
  }
});

test('five failures lock the account (429), from any address, even with the right password', async () => {
  const s = await Server.start({ db: srv.db });
  try {
    for (let i = 0; i < 5; i++) {
      const r = await signInFrom(s, `127.0.0.${10 + i}`, 'officer2', 'wrong-password-' + i);
      assert.equal(r.status, 401, `attempt ${i + 1}`);
    }
    const locked = await signInFrom(s, '127.0.0.20', 'officer2', PASSWORD);
    assert.equal(locked.status, 429, locked.text);
    assert.equal(locked.body.error.code, 'rate_limited');
    const upper = await signInFrom(s, '127.0.0.21', 'Officer2', PASSWORD);
    assert.equal(upper.status, 429, 'the lock ignores username case');
    // Another account from another address is unaffected.
    const other = await signInFrom(s, '127.0.0.22', 'officer_south', PASSWORD);
    assert.equal(other.status, 200);

    // Per address: twenty failures on different names block that address
    // (more than per account: a whole office may share one address).
    for (let i = 0; i < 20; i++) {
      const r = await signInFrom(s, '127.0.0.30', `ghost${i}`, 'wrong-password');
      assert.equal(r.status, 401);
    }
    const blocked = await signInFrom(s, '127.0.0.30', 'social', PASSWORD);
    assert.equal(blocked.status, 429);
    const elsewhere = await signInFrom(s, '127.0.0.31', 'social', PASSWORD);
    assert.equal(elsewhere.status, 200);
  } finally {
    await s.stop();
  }
  // Each failure and each refusal was audited.
  const rows = spire(['audit', 'verify', '--db', srv.db]);
  assert.match(rows, /intact/);
});

test('cookie sessions need X-CSRF-Token to change state; bearer tokens do not', async () => {
  const login = await srv.anon.post('/api/v1/session', { username: 'officer', password: PASSWORD });
  const cookie = { Cookie: `__Host-spire=${login.body.token}` };
  const anon = new Client(srv.base);
  const read = await anon.get('/api/v1/session', cookie);
  assert.equal(read.status, 200, 'reads need no CSRF token');

  const name = 'Csrfchild';
  let r = await anon.post('/api/v1/people', child({ given_name: name }), cookie);
  assert.equal(r.status, 403, r.text);
  assert.equal(r.body.error.field, 'X-CSRF-Token');
  r = await anon.post('/api/v1/people', child({ given_name: name }), { ...cookie, 'X-CSRF-Token': 'f'.repeat(64) });
  assert.equal(r.status, 403);
  r = await anon.post('/api/v1/people', child({ given_name: name }), { ...cookie, 'X-CSRF-Token': login.body.token });
  assert.equal(r.status, 403, 'the session token is not the CSRF token');
  const bearer = new Client(srv.base, login.body.token);
  const none = await bearer.get(`/api/v1/people?q=${name}`);
  assert.equal(none.body.items.length, 0, 'refused writes stored nothing');

  r = await anon.post('/api/v1/people', child({ given_name: name }), { ...cookie, 'X-CSRF-Token': login.body.csrf_token });
  assert.equal(r.status, 201, r.text);
  r = await bearer.post('/api/v1/people', child({ given_name: name }));
  assert.equal(r.status, 201, 'bearer without CSRF is fine');
  const two = await bearer.get(`/api/v1/people?q=${name}`);
  assert.equal(two.body.items.length, 2);

  // Signing out over a cookie is a state change too.
  r = await anon.delete('/api/v1/session', cookie);
  assert.equal(r.status, 403);
  assert.equal((await anon.get('/api/v1/session', cookie)).status, 200);
});

test('sign-out ends the token at once and clears the cookie', async () => {
  const c = await srv.login('officer');
  const other = await srv.login('officer');
  const r = await c.delete('/api/v1/session');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('set-cookie'), /^__Host-spire=; .*Max-Age=0/);
  assert.equal((await c.get('/api/v1/session')).status, 401);
  assert.equal((await c.get('/api/v1/people')).status, 401);
  assert.equal((await c.delete('/api/v1/session')).status, 401);
  assert.equal((await other.get('/api/v1/session')).status, 200, 'other sessions carry on');
});

test('disabling a user with the CLI while the server runs ends their sessions at once', async () => {
  const c = await srv.login('parentworker');
  assert.equal((await c.get('/api/v1/session')).status, 200);
  const out = spire(['user', 'disable', '--db', srv.db, '--username', 'parentworker']);
  assert.match(out, /disabled parentworker/);
  const r = await c.get('/api/v1/session');
  assert.equal(r.status, 401);
  const again = await srv.anon.post('/api/v1/session', { username: 'parentworker', password: PASSWORD });
  assert.equal(again.status, 401);
  const bad = spireFail(['user', 'disable', '--db', srv.db, '--username', 'no_such_user']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /no_such_user|no such|not found/i);
});

test('idle timeout and absolute lifetime end sessions', async () => {
  const [idle, abs] = await Promise.all([
    Server.start({ db: srv.db, env: { SPIRE_IDLE_TIMEOUT: '4', SPIRE_ABSOLUTE_TIMEOUT: '3600' } }),
    Server.start({ db: srv.db, env: { SPIRE_IDLE_TIMEOUT: '3600', SPIRE_ABSOLUTE_TIMEOUT: '3' } }),
  ]);
  try {
    const idleRun = (async () => {
      const c = await idle.login('manager');
      await sleep(2200);
      assert.equal((await c.get('/api/v1/session')).status, 200, 'active within the idle time');
      await sleep(2200);
      // More than the idle time since sign-in, but not since the last use.
      assert.equal((await c.get('/api/v1/session')).status, 200, 'use keeps the session alive');
      await sleep(5200);
      const r = await c.get('/api/v1/session');
      assert.equal(r.status, 401, 'idle too long');
      assert.equal(r.body.error.code, 'unauthenticated');
    })();
    const absRun = (async () => {
      const c = await abs.login('manager');
      const started = Date.now();
      let last = 200;
      while (Date.now() - started < 5500) {
        last = (await c.get('/api/v1/session')).status;
        if (last === 401) break;
        await sleep(500);
      }
      const lived = Date.now() - started;
      assert.equal(last, 401, 'the absolute lifetime ends even an active session');
      assert.ok(lived >= 1900, `ended too soon (${lived} ms)`);
      const fresh = await abs.login('manager');
      assert.equal((await fresh.get('/api/v1/session')).status, 200);
    })();
    await Promise.all([idleRun, absRun]);
  } finally {
    await Promise.all([idle.stop(), abs.stop()]);
  }
});

test('timeouts below 1 s or non-numeric are refused at start-up', () => {
  for (const v of ['0', 'abc', '-5']) {
    for (const name of ['SPIRE_IDLE_TIMEOUT', 'SPIRE_ABSOLUTE_TIMEOUT']) {
      const r = spawnSync(BIN, ['serve', '--db', srv.db, '--listen', '127.0.0.1:0'], {
        env: { ...process.env, [name]: v }, encoding: 'utf8', timeout: 10000,
      });
      assert.ok(r.status === 1 || r.status === 2, `${name}=${v}: exit ${r.status} ${r.signal}`);
      assert.match(r.stderr, /timeout.*must be a number from 1/, `${name}=${v}`);
    }
  }
});

test('password policy in `spire user add`: short, common, containing the username', () => {
  const add = (username, password) =>
    spireFail(['user', 'add', '--db', srv.db, '--username', username, '--role', 'yjs_officer',
      '--team', 'YJ North', '--service', 'youth_justice'], password + '\n');
  let r = add('newbie', 'Sh0rt-pw!');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /at least 12/);
  r = add('newbie', 'password1234');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /common/);
  r = add('newbie', 'PASSWORD1234');
  assert.match(r.stderr, /common/, 'common check ignores case');
  r = add('newbie', 'my-Newbie-password-9');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /username/);
  r = add('newbie', 'x'.repeat(14));
  assert.notEqual(r.status, 0);
  r = add('newbie', '');
  assert.notEqual(r.status, 0);
  const list = spire(['user', 'list', '--db', srv.db]);
  assert.doesNotMatch(list, /newbie/, 'refused accounts are not stored');
  const ok = spire(['user', 'add', '--db', srv.db, '--username', 'newbie', '--role', 'yjs_officer',
    '--team', 'YJ North', '--service', 'youth_justice'], 'a-Long-unusual-phrase-42\n');
  assert.match(ok, /added user newbie/);
  assert.match(spire(['user', 'list', '--db', srv.db]), /newbie/);
});
