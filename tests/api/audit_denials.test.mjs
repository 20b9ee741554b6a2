// Every refusal is audited, whichever check refuses: the route's role,
// CSRF, the record policy (with or without a break-glass reason), a
// record named in the body, a service's own rule (team, audit of another
// service's user). One "denied" row per refused request, about the person
// behind the record when the path names one; detail names the route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, PASSWORD, spire, child } from './lib.mjs';

let srv, officer, south, analyst, admin, managerEh, kid, login;
before(async () => {
  srv = await Server.start();
  [officer, south, analyst, admin, managerEh] = await srv.loginAll(['officer', 'officer_south', 'analyst', 'admin', 'manager_eh']);
  const r = await officer.post('/api/v1/people', child({ given_name: 'Denied' }));
  assert.equal(r.status, 201, r.text);
  kid = r.body.id;
  login = await srv.anon.post('/api/v1/session', { username: 'officer', password: PASSWORD });
});
after(async () => { await srv.stop(); });

const maxSeq = () => srv.auditHead();
function deniedSince(seq) {
  return srv.audit({ action: 'denied' }, seq).map((r) =>
    [r.username, r.record_type ?? '', String(r.record_id ?? 0), String(r.person_id ?? 0), r.detail ?? '']);
}

// refused(client, method, path, body, headers): expect 403; the denied rows
// written for it.
async function refused(c, method, path, body, headers) {
  const seq = maxSeq();
  const r = await c.request(method, path, body, headers);
  assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
  return deniedSince(seq);
}

// A measure each {name} route takes: the parents behind a figure are
// only for a measure about parents.
const measureFor = (pattern) => (pattern.split('?')[0].endsWith('/parents') ? 'parents-seen' : 'custody');

test('a role the route does not admit is audited, against the person the path names', async () => {
  assert.deepEqual(await refused(analyst, 'GET', `/api/v1/people/${kid}`),
    [['analyst', 'person', String(kid), String(kid), 'GET /api/v1/people/{id}']]);
  assert.deepEqual(await refused(officer, 'POST', '/api/v1/teams', { service: 'youth_justice', name: 'X' }),
    [['officer', '', '0', '0', 'POST /api/v1/teams']]);
});

test('a missing CSRF token is audited', async () => {
  const anon = new Client(srv.base);
  const rows = await refused(anon, 'PATCH', `/api/v1/people/${kid}`, { version: 1, preferred_name: 'X' },
    { Cookie: `__Host-spire=${login.body.token}` });
  assert.deepEqual(rows, [['officer', 'person', String(kid), String(kid), 'PATCH /api/v1/people/{id}']]);
});

test('policy refusals, with and without a reason, are audited once each', async () => {
  assert.equal((await refused(south, 'GET', `/api/v1/people/${kid}`)).length, 1);
  assert.equal((await refused(south, 'GET', `/api/v1/people/${kid}`, undefined, { 'X-Break-Glass-Reason': 'short' })).length, 1);
  assert.equal((await refused(south, 'PATCH', `/api/v1/people/${kid}`, { version: 1, preferred_name: 'X' },
    { 'X-Break-Glass-Reason': 'Police request about a missing child tonight' })).length, 1);
  // What was tried is told apart: a refused read from a refused change,
  // and a break-glass reason given in vain on a change is kept (not used).
  const seq = maxSeq();
  await refused(south, 'GET', `/api/v1/people/${kid}`);
  await refused(south, 'PATCH', `/api/v1/people/${kid}`, { version: 1, preferred_name: 'X' },
    { 'X-Break-Glass-Reason': 'Police request about a missing child tonight' });
  assert.equal(srv.audit({ action: 'denied' }, seq).map((r) => `${r.detail}|${r.break_glass ? 1 : 0}|${r.reason ?? ''}`).join('\n'),
    'GET /api/v1/people/{id}|0|\nPATCH /api/v1/people/{id}|0|Police request about a missing child tonight');
  // A person named in the body: answered as one that does not exist
  // (session 25), audited once about them.
  const before = maxSeq();
  const named = await south.post('/api/v1/consents', { person_id: kid, agency: 'Northfield Academy', purpose: 'Attendance', lawful_basis: 'consent', given_by: 'Dawn Reed (mother)', given_on: '2024-04-02' });
  assert.equal(named.status, 400, named.text);
  assert.match(named.body.error.message, /this person does not exist/);
  assert.deepEqual(deniedSince(before).map((r) => [r[0], r[3], r[4]]), [['officer_south', String(kid), 'POST /api/v1/consents']]);
});

test('a service\'s own refusals are audited: a team outside yours, another service\'s user', async () => {
  const rows = await refused(officer, 'POST', '/api/v1/cases', { service: 'youth_justice', person_id: kid, team_id: south.user.team_id, start_date: '2024-05-01', reason: 'Referred by the youth court' });
  assert.deepEqual(rows, [['officer', '', '0', '0', 'POST /api/v1/cases']]);
  assert.deepEqual(await refused(managerEh, 'GET', `/api/v1/audit?user_id=${officer.user.id}`),
    [['manager_eh', '', '0', '0', 'GET /api/v1/audit']]);
});

test('every route refused by role leaves exactly one denied row', async () => {
  const routes = JSON.parse(spire(['routes']));
  let n = 0;
  for (const r of routes) {
    if (r.public || r.roles.includes('analyst')) continue;
    const path = r.pattern.replace('{id}', String(kid)).replace('{name}', measureFor(r.pattern));
    const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
    const rows = await refused(analyst, r.method, path, body);
    assert.equal(rows.length, 1, `${r.method} ${r.pattern}`);
    // detail is the method and the route's pattern, with a {name} filled in.
    assert.equal(rows[0][4], `${r.method} ${r.pattern.split('?')[0].replace('{name}', measureFor(r.pattern))}`);
    n++;
  }
  assert.ok(n > 40, `${n} routes`);
});

test('a refused list is audited against the person or case it asked about', async () => {
  const c = await officer.post('/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-03-01',
  });
  assert.equal(c.status, 201, c.text);
  assert.deepEqual(await refused(analyst, 'GET', `/api/v1/families?person_id=${kid}`),
    [['analyst', 'person', String(kid), String(kid), 'GET /api/v1/families']]);
  assert.deepEqual(await refused(analyst, 'GET', `/api/v1/contacts?case_id=${c.body.id}`),
    [['analyst', 'case', String(c.body.id), String(kid), 'GET /api/v1/contacts']]);
  // Not a record's id: the refusal is still audited, about nothing.
  assert.deepEqual(await refused(analyst, 'GET', '/api/v1/families?person_id=abc'),
    [['analyst', '', '0', '0', 'GET /api/v1/families']]);
  // The manager's "who looked at this child" shows the attempts.
  const manager = await srv.login('manager');
  const who = await manager.get(`/api/v1/audit?person_id=${kid}&limit=20`);
  assert.equal(who.status, 200, who.text);
  assert.ok(who.body.items.filter((i) => i.username === 'analyst' && i.action === 'denied').length >= 2);
});
