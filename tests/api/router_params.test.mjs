// Typed path parameters ({id}, {name}): a value that does not fit its type,
// or a name that names nothing, is an unknown path (404) before any access
// check or handler runs; a known path with the wrong method is 405 with
// Allow. The measures are one {name} route each for figures and children.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './lib.mjs';

let srv, manager, analyst;
before(async () => {
  srv = await Server.start();
  [manager, analyst] = await srv.loginAll(['manager', 'analyst']);
});
after(async () => { await srv.stop(); });

const Q = '?from=2024-04-01&to=2025-03-31';

test('a measure name that names no measure, or is not a name, is 404', async () => {
  for (const path of ['/api/v1/measures/no-such-measure', '/api/v1/measures/Custody',
    '/api/v1/measures/custody_', '/api/v1/measures/-custody', '/api/v1/measures/9custody',
    '/api/v1/measures/custody.csv', `/api/v1/measures/${'a'.repeat(65)}`,
    '/api/v1/measures/kpi-board-attendance/children', '/api/v1/measures/no-such-measure/children',
    '/api/v1/measures/custody/', '/api/v1/measures//children']) {
    const r = await manager.get(path + Q);
    assert.equal(r.status, 404, `${path}: ${r.text}`);
    assert.equal(r.body.error.code, 'not_found', path);
    // Unknown to an anonymous caller too: the path is checked first.
    assert.equal((await srv.anon.get(path + Q)).status, 404, path);
  }
});

test('a known measure with the wrong method is 405 with Allow; an unknown one 404', async () => {
  let r = await manager.request('POST', '/api/v1/measures/custody', {});
  assert.equal(r.status, 405, r.text);
  assert.equal(r.headers.get('allow'), 'GET');
  r = await manager.request('DELETE', '/api/v1/measures/custody/children');
  assert.equal(r.status, 405, r.text);
  assert.equal(r.headers.get('allow'), 'GET');
  r = await manager.request('POST', '/api/v1/measures/no-such-measure', {});
  assert.equal(r.status, 404, r.text);
  r = await manager.request('POST', '/api/v1/measures/kpi-board-attendance/children', {});
  assert.equal(r.status, 404, r.text);
});

test('every measure answers at its own name, with its own definition', async () => {
  const list = await manager.get('/api/v1/measures');
  assert.equal(list.status, 200, list.text);
  const items = list.body.items ?? list.body;
  assert.ok(items.length > 10);
  for (const m of items) {
    const r = await manager.get(`/api/v1/measures/${m.name}${Q}`);
    assert.equal(r.status, 200, `${m.name}: ${r.text}`);
    assert.equal(r.body.measure, m.name);
    const c = await manager.get(`/api/v1/measures/${m.name}/children${Q}`);
    assert.equal(c.status, m.children ? 200 : 404, `${m.name}/children: ${c.text}`);
  }
});

test('a refused measure route is audited with the measure named in its detail', async () => {
  const seq = srv.auditHead();
  const r = await analyst.get(`/api/v1/measures/custody/children${Q}`);
  assert.equal(r.status, 403, r.text);
  assert.equal(srv.audit({ action: 'denied' }, seq).map((r) => r.detail).join('\n'),
    'GET /api/v1/measures/custody/children');
});

test('an {id} that is not a positive int64 without leading zero is 404', async () => {
  for (const id of ['0', '007', '-3', '+3', '12abc', '9223372036854775808', '99999999999999999999', ' 1', '1.0']) {
    const r = await manager.get(`/api/v1/people/${encodeURIComponent(id)}`);
    assert.equal(r.status, 404, `${id}: ${r.text}`);
  }
  // The largest int64 is a well-formed id: it reaches the policy (no such person).
  const r = await manager.get('/api/v1/people/9223372036854775807');
  assert.notEqual(r.status, 400, r.text);
  assert.ok([403, 404].includes(r.status), r.text);
});
