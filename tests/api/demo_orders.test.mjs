// The demo's youth justice histories hold together (src/demo/yj.c,
// docs/youth-justice-model.md section 10), read back through the API as
// the youth justice manager reads them: no child has two orders of one
// kind running at once; no case starts after an outcome given on it; and
// an open case whose reason names an order has that order as its current
// order on the caseload (session 21's walkers found "No current order"
// under "Youth Rehabilitation Order").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, spire } from './lib.mjs';

const DEMO_PASSWORD = 'spire-demo-password';
// What each youth justice reason that names an order names.
const ORDERS = [
  [/^Referral Order/, 'referral_order'],
  [/^Youth Rehabilitation Order/, 'youth_rehabilitation_order'],
  [/^Detention and Training Order/, 'detention_training_order'],
];

let dir, srv, manager;
const cases = [];
const outcomes = new Map(); // case id -> its outcomes

async function all(c, path) {
  const items = [];
  for (let offset = 0; ; offset += 200) {
    const r = await c.get(`${path}${path.includes('?') ? '&' : '?'}limit=200&offset=${offset}`);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    items.push(...r.body.items);
    if (!r.body.has_more) return items;
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spire-demo-orders-'));
  const db = join(dir, 'demo.db');
  spire(['demo', '--db', db, '--seed', '1', '--children', '300', '--today', '2026-11-01']);
  srv = await Server.start({ db });
  manager = await srv.login('demo.manager', DEMO_PASSWORD); // every youth justice case
  cases.push(...(await all(manager, '/api/v1/cases')).filter((c) => c.service_code === 'youth_justice'));
  for (const c of cases) outcomes.set(c.id, await all(manager, `/api/v1/outcomes?case_id=${c.id}`));
});
after(async () => {
  await srv.stop();
  if (!process.env.KEEP_TEST_DB) rmSync(dir, { recursive: true, force: true });
});

test('the demo has youth justice cases with outcomes to check', () => {
  assert.ok(cases.length > 50, `${cases.length} youth justice cases`);
  const n = [...outcomes.values()].reduce((s, x) => s + x.length, 0);
  assert.ok(n > 50, `${n} outcomes`);
  assert.ok(cases.some((c) => c.status === 'open' && ORDERS.some(([re]) => re.test(c.reason || ''))), 'open cases opened for an order');
});

test('no case starts after an outcome given on it', () => {
  const early = [];
  for (const c of cases) {
    for (const o of outcomes.get(c.id)) if (o.outcome_date < c.start_date) early.push(`case ${c.id} from ${c.start_date}: ${o.outcome_type} of ${o.outcome_date}`);
  }
  assert.deepEqual(early, []);
});

// Custody and a remand to youth detention accommodation are for children
// of 12 to 17 (Sentencing Act 2020, s. 233; LASPO 2012, s. 98): session 22's
// walker found detention and training orders for children of 10 and 11.
test('no child under 12 is given custody or remanded to youth detention', async () => {
  const young = [];
  const TWELVE = ['detention_training_order', 'custodial_sentence', 'remand_youth_detention'];
  let seen = 0;
  for (const c of cases) {
    const held = outcomes.get(c.id).filter((o) => TWELVE.includes(o.outcome_type));
    if (!held.length) continue;
    const p = await manager.get(`/api/v1/people/${c.person_id}`);
    assert.equal(p.status, 200, p.text);
    const dob = p.body.date_of_birth;
    const twelfth = `${Number(dob.slice(0, 4)) + 12}${dob.slice(4)}`;
    for (const o of held) {
      seen++;
      if (o.outcome_date < twelfth) young.push(`${o.outcome_type} of ${o.outcome_date} for a child born ${dob}`);
    }
  }
  assert.ok(seen > 0, 'the demo has custody to check');
  assert.deepEqual(young, []);
});

test('no child has two orders of one kind running at once', () => {
  const byChild = new Map();
  for (const c of cases) {
    for (const o of outcomes.get(c.id)) {
      if (!o.start_date) continue;
      const key = `${c.person_id}:${o.outcome_type}`;
      if (!byChild.has(key)) byChild.set(key, []);
      byChild.get(key).push([o.start_date, o.end_date || o.planned_end_date || '9999-12-31', o.id]);
    }
  }
  const overlaps = [];
  for (const [key, spans] of byChild) {
    spans.sort((a, b) => a[0].localeCompare(b[0]));
    for (let i = 1; i < spans.length; i++) {
      if (spans[i][0] <= spans[i - 1][1]) overlaps.push(`${key}: ${spans[i - 1].join('..')} and ${spans[i].join('..')}`);
    }
  }
  assert.deepEqual(overlaps, []);
});

test('an open case whose reason names an order shows that order as its current order', async () => {
  const rows = new Map(); // case id -> caseload row
  for (const team of new Set(cases.map((c) => c.team_id))) {
    for (const row of await all(manager, `/api/v1/teams/${team}/caseload`)) rows.set(row.id, row);
  }
  const wrong = [];
  let checked = 0;
  for (const c of cases.filter((x) => x.status === 'open')) {
    const named = ORDERS.find(([re]) => re.test(c.reason || ''));
    if (!named) continue;
    checked++;
    const row = rows.get(c.id);
    if (!row || row.order_type !== named[1]) wrong.push(`case ${c.id} "${c.reason}": ${row ? row.order_type || 'No current order' : 'not on the caseload'}`);
  }
  assert.ok(checked > 10, `${checked} open cases opened for an order`);
  assert.deepEqual(wrong, []);
});
