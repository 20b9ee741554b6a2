// The record routes of the described resources are derived from their
// descriptors (docs/resources.md), not written by hand: `spire routes` marks
// each derived row, and every row under a described resource's path is
// derived except the few that are genuinely different (GET
// /api/v1/outcomes/due). The derived rows answer as the hand-written ones
// did: the list's keys and prompt, 404 and 405 with Allow, roles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, spire } from './lib.mjs';

// Each resource whose rows are derived: its list keys, the list's further
// query parameters, its close verb and whether it reopens.
const YJ = { keys: ['case_id', 'person_id'], query: ['include_closed'], verb: 'close' };
const DERIVED = {
  contacts: { keys: ['case_id'], query: ['include_closed'], verb: 'close', reopen: false },
  consents: { keys: ['person_id'], query: [], verb: 'withdraw', reopen: false },
  // Alerts on a person (docs/team-week.md).
  alerts: { keys: ['person_id'], query: ['include_closed'], verb: 'end', reopen: true },
  offences: { ...YJ, reopen: true },
  outcomes: { ...YJ, reopen: true },
  victims: { ...YJ, reopen: true },
  assessments: { ...YJ, reopen: false },
  'kpi-snapshots': { ...YJ, reopen: false },
  'board-meetings': { keys: [], query: ['from', 'to', 'include_closed'], verb: 'close', reopen: false },
  // Peer support and referrals out (docs/parenting.md).
  'peer-groups': { keys: ['team_id'], query: ['include_closed'], verb: 'close', reopen: true },
  'peer-group-sessions': { keys: ['group_id'], query: ['include_closed'], verb: 'close', reopen: true },
  'peer-group-attendance': { keys: ['session_id'], query: ['include_closed'], verb: 'close', reopen: true },
  'peer-mentors': { keys: ['team_id'], query: ['include_closed'], verb: 'close', reopen: true },
  'parent-preferences': { keys: ['person_id'], query: ['include_closed'], verb: 'close', reopen: true },
  'parent-referrals': { keys: ['case_id'], query: ['include_closed'], verb: 'close', reopen: true },
  'parent-supports': { keys: ['child_case_id', 'case_id', 'person_id'], query: ['include_closed'], verb: 'close', reopen: true },
  'parent-sessions': { keys: ['case_id'], query: ['include_closed'], verb: 'close', reopen: true },
  'parent-plan-items': { keys: ['case_id'], query: ['include_closed'], verb: 'close', reopen: true },
  'steps-decisions': { keys: ['family_id'], query: [], verb: 'close', reopen: false },
  // One Family, One Plan (docs/parenting.md).
  'family-plans': { keys: ['family_id'], query: ['include_closed'], verb: 'close', reopen: false },
  'family-plan-actions': { keys: ['plan_id'], query: ['include_closed'], verb: 'close', reopen: false },
  'family-plan-reviews': { keys: ['plan_id'], query: ['include_closed'], verb: 'close', reopen: false },
  // Court work (docs/youth-justice-model.md section 11).
  hearings: { keys: ['case_id'], query: ['include_closed'], verb: 'close', reopen: true },
  'court-reports': { keys: ['case_id'], query: ['include_closed'], verb: 'close', reopen: true },
};
// Rows under those paths that are written by hand, being different.
const HAND_WRITTEN = new Set(['GET /api/v1/outcomes/due', 'GET /api/v1/court-reports/due', 'GET /api/v1/family-plans/{id}/versions',
  'GET /api/v1/family-plan-actions/{id}/versions']);

let srv, officer, manager;
before(async () => {
  srv = await Server.start();
  [officer, manager] = await srv.loginAll(['officer', 'manager']);
});
after(async () => { await srv.stop(); });

const routes = () => JSON.parse(spire(['routes']));

test('every record row of a described resource is derived from its descriptor', () => {
  const all = routes();
  for (const [plural, d] of Object.entries(DERIVED)) {
    const base = `/api/v1/${plural}`;
    const mine = all.filter((r) => r.pattern === base || r.pattern.startsWith(`${base}/`));
    const hand = mine.filter((r) => !r.derived).map((r) => `${r.method} ${r.pattern}`);
    assert.deepEqual(hand.filter((h) => !HAND_WRITTEN.has(h)), [], `${plural}: rows written by hand`);
    const rows = mine.filter((r) => r.derived).map((r) => `${r.method} ${r.pattern}`);
    const want = [`GET ${base}`, `POST ${base}`, `GET ${base}/{id}`, `PATCH ${base}/{id}`,
      `POST ${base}/{id}/${d.verb}`, ...(d.reopen ? [`POST ${base}/{id}/reopen`] : [])];
    assert.deepEqual(rows, want, `${plural}: the derived rows`);
    const list = mine.find((r) => r.derived && r.method === 'GET' && r.pattern === base);
    assert.deepEqual(list.query, [...d.keys, ...d.query, 'limit', 'offset'], `${plural}: the list's query`);
    for (const r of mine.filter((x) => x.derived)) {
      assert.equal(r.write, r.method !== 'GET', `${r.method} ${r.pattern}`);
      assert.equal(r.json, r.method !== 'GET', `${r.method} ${r.pattern}`);
      assert.equal(r.record !== null, r.pattern.includes('{id}') && plural !== 'board-meetings',
        `${r.method} ${r.pattern}: {id} names the record`);
    }
  }
  // No other row claims to be derived.
  const known = Object.keys(DERIVED).map((p) => `/api/v1/${p}`);
  const stray = all.filter((r) => r.derived && !known.some((b) => r.pattern === b || r.pattern.startsWith(`${b}/`)));
  assert.deepEqual(stray.map((r) => r.pattern), []);
});

test('a derived list takes exactly one of its keys, naming the first with its prompt', async () => {
  const prompts = {
    offences: 'Choose a case or a child (one of them)',
    victims: 'Choose a case or a child (one of them)',
    contacts: "Choose which case's contacts to show",
    consents: 'Choose whose consents to show',
  };
  for (const [plural, message] of Object.entries(prompts)) {
    const d = DERIVED[plural];
    const none = await officer.get(`/api/v1/${plural}`);
    assert.equal(none.status, 400, none.text);
    assert.equal(none.body.error.field, d.keys[0]);
    assert.equal(none.body.error.message, message);
    if (d.keys.length > 1) {
      const both = await officer.get(`/api/v1/${plural}?case_id=1&person_id=1`);
      assert.equal(both.status, 400, both.text);
      assert.equal(both.body.error.field, 'case_id');
    }
    const bad = await officer.get(`/api/v1/${plural}?${d.keys[0]}=1&colour=red`);
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.error.field, 'colour');
  }
  const board = await manager.get('/api/v1/board-meetings?from=2024-02-30');
  assert.equal(board.status, 400, board.text);
  assert.equal(board.body.error.field, 'from');
  assert.equal((await manager.get('/api/v1/board-meetings?from=2024-01-01&to=2024-12-31')).status, 200);
  // A range that ends before it starts is named, not answered empty.
  const backwards = await manager.get('/api/v1/board-meetings?from=2026-05-01&to=2026-01-01');
  assert.equal(backwards.status, 400, backwards.text);
  assert.equal(backwards.body.error.field, 'to');
  assert.match(backwards.body.error.message, /same as or after the from date/);
});

test('derived paths keep 404 and 405 with Allow', async () => {
  for (const [plural, d] of Object.entries(DERIVED)) {
    const who = plural === 'board-meetings' ? manager : officer;
    let r = await who.delete(`/api/v1/${plural}/1`);
    assert.equal(r.status, 405, `${plural}: ${r.text}`);
    assert.equal(r.headers.get('allow'), 'GET, PATCH');
    r = await who.put(`/api/v1/${plural}`, {});
    assert.equal(r.status, 405, `${plural}: ${r.text}`);
    assert.equal(r.headers.get('allow'), 'GET, POST');
    r = await who.get(`/api/v1/${plural}/1/${d.verb}`);
    assert.equal(r.status, 405, `${plural}: ${r.text}`);
    assert.equal(r.headers.get('allow'), 'POST');
    assert.equal((await who.get(`/api/v1/${plural}/01`)).status, 404);
    assert.equal((await who.get(`/api/v1/${plural}/1/${d.reopen ? 'undo' : 'reopen'}`)).status, 404);
  }
});
