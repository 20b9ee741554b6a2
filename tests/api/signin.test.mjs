// Sign-in protections (issue 7, section 2): each attempt is counted before
// the password is checked, so simultaneous attempts cannot get past the
// limit; an account's lock cannot be evicted by failures for made-up
// usernames; the client address comes from X-Forwarded-For only when the
// TCP peer is a trusted proxy (for the throttle and for the audit trail);
// refusing an unknown username costs what refusing a wrong password costs
// at the configured password_cost (hashes made at another cost are made
// again at sign-in); a new password set by an admin ends the
// account's sessions; the password policy refuses common and breached
// patterns over the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Server, PASSWORD, BIN } from './lib.mjs';

let base;
before(async () => { base = await Server.start(); });
after(async () => { await base.stop(); });

// POST a sign-in over a fresh connection from localAddress (any of
// 127.0.0.0/8) with extra headers; resolves {status, body, ms}.
function signIn(server, { username, password, from = '127.0.0.1', headers = {} }) {
  const body = JSON.stringify({ username, password });
  const started = process.hrtime.bigint();
  return new Promise((ok, fail) => {
    const req = http.request({
      host: '127.0.0.1', port: server.port, path: '/api/v1/session', method: 'POST',
      localAddress: from, agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers },
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => ok({
        status: res.statusCode, body: text ? JSON.parse(text) : null,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const audits = (server, action, username) =>
  server.audit({ action, username }).length;

test('40 simultaneous wrong passwords: only the limit (5) are checked, the other 35 get 429', async () => {
  const s = await Server.start({ db: base.db });
  try {
    const before = audits(s, 'login_failed', 'officer2');
    // Each from its own address, so that only the account's limit applies.
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      signIn(s, { username: 'officer2', password: `wrong-guess-${i}`, from: `127.0.3.${i + 1}` })));
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((x) => x === 401).length, 5, statuses.join(' '));
    assert.equal(statuses.filter((x) => x === 429).length, 35, statuses.join(' '));
    // The audit trail counts the password checks: one login_failed each.
    assert.equal(audits(s, 'login_failed', 'officer2') - before, 5);
    // The account stays locked, even with the right password.
    const right = await signIn(s, { username: 'officer2', password: PASSWORD, from: '127.0.3.99' });
    assert.equal(right.status, 429);
  } finally {
    await s.stop();
  }
});

// FNV-1a, as the address/username throttle table places its keys.
function slotOf(key) {
  let h = 1469598103934665603n;
  for (const b of Buffer.from(key)) h = ((h ^ BigInt(b)) * 1099511628211n) & 0xffffffffffffffffn;
  return Number(h % 4096n);
}

test('failures for crafted usernames cannot evict a locked account', async () => {
  const s = await Server.start({ db: base.db });
  try {
    for (let i = 0; i < 5; i++) {
      const r = await signIn(s, { username: 'fgc', password: `wrong-${i}`, from: `127.0.4.${i + 1}` });
      assert.equal(r.status, 401);
    }
    assert.equal((await signIn(s, { username: 'fgc', password: PASSWORD, from: '127.0.4.50' })).status, 429);
    // Usernames no account has, made to land on the locked account's
    // slot of a fixed-size table, from many addresses.
    const target = slotOf('u:fgc');
    const crafted = [];
    for (let i = 0; crafted.length < 24; i++) if (slotOf(`u:x${i}`) === target) crafted.push(`x${i}`);
    for (const [i, name] of crafted.entries()) {
      const r = await signIn(s, { username: name, password: 'wrong-password', from: `127.0.5.${i + 1}` });
      assert.equal(r.status, 401);
    }
    const after = await signIn(s, { username: 'fgc', password: PASSWORD, from: '127.0.4.51' });
    assert.equal(after.status, 429, 'the account is still locked');
  } finally {
    await s.stop();
  }
});

test('behind a trusted proxy the throttle and the audit use X-Forwarded-For; from anyone else it is ignored', async () => {
  const s = await Server.start({ db: base.db, env: { SPIRE_TRUSTED_PROXIES: '127.0.0.1, ::1' } });
  try {
    // Twenty failures from one client behind the proxy block that client...
    for (let i = 0; i < 20; i++) {
      const r = await signIn(s, { username: `ghost${i}`, password: 'wrong-password', headers: { 'X-Forwarded-For': '203.0.113.9' } });
      assert.equal(r.status, 401);
    }
    const blocked = await signIn(s, { username: 'social', password: PASSWORD, headers: { 'X-Forwarded-For': '203.0.113.9' } });
    assert.equal(blocked.status, 429);
    // ...but not everyone else behind the same proxy.
    const other = await signIn(s, { username: 'social', password: PASSWORD, headers: { 'X-Forwarded-For': '203.0.113.10' } });
    assert.equal(other.status, 200);
    assert.equal(s.audit({ action: 'login', username: 'social' }).at(-1).ip, '203.0.113.10');
    assert.equal(s.audit({ action: 'login_throttled', ip: '203.0.113.9' }).length, 1);
    assert.equal(s.audit({ action: 'login_failed', ip: '203.0.113.9' }).length, 20);
    // A client's own X-Forwarded-For stays left of what the proxy adds:
    // the right-most address that is not a trusted proxy counts.
    const chained = await signIn(s, { username: 'hub', password: PASSWORD, headers: { 'X-Forwarded-For': '198.51.100.1, 203.0.113.77, ::1' } });
    assert.equal(chained.status, 200);
    assert.equal(s.audit({ action: 'login', username: 'hub' }).at(-1).ip, '203.0.113.77');
    // A peer that is not a trusted proxy cannot name another address:
    // neither in the audit trail nor to escape its own throttle.
    for (let i = 0; i < 20; i++) {
      const r = await signIn(s, { username: `spoof${i}`, password: 'wrong-password', from: '127.0.0.2', headers: { 'X-Forwarded-For': `198.51.100.${i + 1}` } });
      assert.equal(r.status, 401);
    }
    assert.equal(s.audit({ action: 'login_failed', username: (u) => u.startsWith('spoof'), ip: '127.0.0.2' }).length, 20);
    const spoofed = await signIn(s, { username: 'hub', password: PASSWORD, from: '127.0.0.2', headers: { 'X-Forwarded-For': '198.51.100.99' } });
    assert.equal(spoofed.status, 429);
  } finally {
    await s.stop();
  }
  // With no trusted proxy configured (the default) the header is ignored.
  const plain = await Server.start({ db: base.db });
  try {
    const r = await signIn(plain, { username: 'analyst', password: PASSWORD, from: '127.0.0.3', headers: { 'X-Forwarded-For': '203.0.113.5' } });
    assert.equal(r.status, 200);
    assert.equal(plain.audit({ action: 'login', username: 'analyst' }).at(-1).ip, '127.0.0.3');
  } finally {
    await plain.stop();
  }
});

test('a trusted_proxies setting that is not a list of addresses is refused at start-up', () => {
  for (const v of ['localhost', '10.0.0.0/33', '127.0.0.1; ::1']) {
    const r = spawnSync(BIN, ['serve', '--db', base.db, '--listen', '127.0.0.1:0'], {
      env: { ...process.env, SPIRE_TRUSTED_PROXIES: v }, encoding: 'utf8', timeout: 10000,
    });
    assert.ok(r.status === 1 || r.status === 2, `${v}: exit ${r.status} ${r.signal}`);
    assert.match(r.stderr, /trusted_proxies/, v);
  }
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('at password_cost 1 an unknown username is refused as slowly as a wrong password', async () => {
  const ini = join(base.dir, 'cost1.ini');
  writeFileSync(ini, '[security]\npassword_cost = 1\nlogin_max_failures = 100\nlogin_max_address_failures = 1000\n');
  const s = await Server.start({ db: base.db, args: ['--config', ini] });
  try {
    // (The hashes remade at this cost: tests/store/password_hash.test.mjs.)
    const admin = await s.login('admin');
    const version = (await admin.get(`/api/v1/users/${admin.user.id}`)).body.version;
    assert.equal((await s.login('admin')).user.username, 'admin');
    assert.equal((await admin.get(`/api/v1/users/${admin.user.id}`)).body.version, version, 'signing in is not a change of the account');
    // An account whose password was set at this server's cost.
    const made = await admin.post('/api/v1/users', { username: 'costly', full_name: 'Costly Hash', role: 'analyst', password: 'kettle violin marble 58' });
    assert.equal(made.status, 201, made.text);
    const known = [], unknown = [];
    for (let i = 0; i < 5; i++) {
      const k = await signIn(s, { username: 'costly', password: `not-it-${i}` });
      const u = await signIn(s, { username: `nobody${i}`, password: `not-it-${i}` });
      assert.equal(k.status, 401);
      assert.equal(u.status, 401);
      known.push(k.ms);
      unknown.push(u.ms);
    }
    const ratio = median(known) / median(unknown);
    assert.ok(ratio > 0.5 && ratio < 2,
      `known ${median(known).toFixed(0)} ms, unknown ${median(unknown).toFixed(0)} ms (ratio ${ratio.toFixed(2)})`);
  } finally {
    await s.stop();
  }
});

test('an admin setting a new password ends that user\'s sessions; their own stays', async () => {
  const admin = await base.login('admin');
  const adminElsewhere = await base.login('admin');
  const made = await admin.post('/api/v1/users', { username: 'resetme', full_name: 'Reset Me', role: 'analyst', password: 'kettle violin marble 58' });
  assert.equal(made.status, 201, made.text);
  const a = await base.login('resetme', 'kettle violin marble 58');
  const b = await base.login('resetme', 'kettle violin marble 58');
  assert.equal((await a.get('/api/v1/session')).status, 200);
  const r = await admin.patch(`/api/v1/users/${made.body.id}`, { version: made.body.version, password: 'Otter-Biscuit-Lantern' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await a.get('/api/v1/session')).status, 401);
  assert.equal((await b.get('/api/v1/session')).status, 401);
  assert.equal(base.audit({ action: 'update_password', record_id: made.body.id }).length, 1);
  // The old password no longer works; the new one does.
  assert.equal((await base.anon.post('/api/v1/session', { username: 'resetme', password: 'kettle violin marble 58' })).status, 401);
  const fresh = await base.login('resetme', 'Otter-Biscuit-Lantern');
  assert.equal((await fresh.get('/api/v1/session')).status, 200);
  // A change of name only ends nothing.
  const g = await admin.get(`/api/v1/users/${made.body.id}`);
  const renamed = await admin.patch(`/api/v1/users/${made.body.id}`, { version: g.body.version, full_name: 'Renamed' });
  assert.equal(renamed.status, 200);
  assert.equal((await fresh.get('/api/v1/session')).status, 200);
  // An admin setting their own: the session doing it stays, others end.
  const me = await admin.get(`/api/v1/users/${admin.user.id}`);
  const own = await admin.patch(`/api/v1/users/${admin.user.id}`, { version: me.body.version, password: 'Lantern-Otter-Biscuit' });
  assert.equal(own.status, 200, own.text);
  assert.equal((await admin.get('/api/v1/session')).status, 200);
  assert.equal((await adminElsewhere.get('/api/v1/session')).status, 401);
  const back = await admin.get(`/api/v1/users/${admin.user.id}`);
  assert.equal((await admin.patch(`/api/v1/users/${admin.user.id}`, { version: back.body.version, password: PASSWORD })).status, 200);
});

test('the password policy refuses common words with digits, substitutions, repeats and sequences; nothing is stored', async () => {
  const admin = await base.login('admin');
  const made = await admin.post('/api/v1/users', { username: 'policyuser', full_name: 'Policy User', role: 'analyst', password: 'kettle violin marble 58' });
  assert.equal(made.status, 201, made.text);
  const mark = base.auditHead();
  for (const password of ['password12345678', 'Passw0rd!2026', 'aaaaaaaaaaab', 'Summer2024!!', 'qwertyuiop12',
    'letmein12345', 'P@ssw0rd1234', 'abcabcabcabc', 'Liverpool2026']) {
    const r = await admin.post('/api/v1/users', { username: 'weakling', full_name: 'Weak', role: 'analyst', password });
    assert.equal(r.status, 400, `${password}: ${r.text}`);
    assert.equal(r.body.error.field, 'password');
    assert.match(r.body.error.message, /^Password (is too common|must)/);
    const p = await admin.patch(`/api/v1/users/${made.body.id}`, { version: made.body.version, password });
    assert.equal(p.status, 400, `${password}: ${p.text}`);
    assert.equal(p.body.error.field, 'password');
  }
  assert.deepEqual(base.changesSince(mark), [], 'no account made or changed');
  assert.equal((await admin.get('/api/v1/users?limit=200')).body.items.filter((u) => u.username === 'weakling').length, 0);
  assert.equal((await base.anon.post('/api/v1/session', { username: 'weakling', password: 'Liverpool2026' })).status, 401);
  assert.equal((await base.login('policyuser', 'kettle violin marble 58')).user.username, 'policyuser', 'the password is unchanged');
});
