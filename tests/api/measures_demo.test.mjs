// The example on the demo authority (seed 3, 300 children): a
// first-time entrant whose youth justice case is open; their case closed as
// entered in error, then their person record, takes them out of the figure
// and of the children behind it, and reopening brings them back. The child
// is found in the demo rather than named by id: each demo child draws from
// a sequence of their own (src/demo/rng.h), but a change to how children
// are made may still move which child is one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, spire } from './lib.mjs';

const DEMO_PASSWORD = 'spire-demo-password';
let srv, PERSON;

before(async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'spire-demo-eie-')), 'demo.db');
  spire(['demo', '--db', db, '--seed', '3', '--children', '300', '--today', '2026-11-01']);
  srv = await Server.start({ db });
});
after(async () => { await srv.stop(); });

// The financial year (April to March) holding an ISO date.
function financialYear(day) {
  const y = Number(day.slice(0, 4)) - (day.slice(5) < '04-01' ? 1 : 0);
  return `from=${y}-04-01&to=${y + 1}-03-31`;
}

// The person's first entry, and the case it hangs from, as the demo
// manager sees them: the earliest outcome whose year lists the person.
async function firstEntry(manager, FTE, person) {
  const outcomes = (await manager.get(`/api/v1/outcomes?person_id=${person}&limit=200`)).body.items
    .sort((a, b) => a.outcome_date.localeCompare(b.outcome_date));
  for (const o of outcomes) {
    const kids = await manager.get(`${FTE}/children?${financialYear(o.outcome_date)}&limit=200`);
    assert.equal(kids.status, 200, kids.text);
    if (kids.body.items.some((c) => c.person_id === person && c.counted)) return { day: o.outcome_date, caseId: o.case_id };
  }
  return {};
}

test('a demo first-time entrant: entered in error reaches first-time entrants and the children behind it', async () => {
  const manager = await srv.login('demo.manager', DEMO_PASSWORD);
  const FTE = '/api/v1/measures/first-time-entrants';
  // The first child counted in the last whole financial year whose entry
  // hangs from a case still open.
  let day, caseId;
  const kids = await manager.get(`${FTE}/children?from=2025-04-01&to=2026-03-31&limit=200`);
  assert.equal(kids.status, 200, kids.text);
  for (const c of kids.body.items.filter((x) => x.counted).sort((a, b) => a.person_id - b.person_id)) {
    const first = await firstEntry(manager, FTE, c.person_id);
    if (!first.caseId || (await manager.get(`/api/v1/cases/${first.caseId}`)).body.status !== 'open') continue;
    ({ day, caseId } = first);
    PERSON = c.person_id;
    break;
  }
  assert.ok(day && caseId, 'a first-time entrant of 2025-26 with an open case in the demo');
  const workerId = (await manager.get(`/api/v1/cases/${caseId}`)).body.worker_id;
  const users = await manager.get('/api/v1/users?limit=200');
  assert.equal(users.status, 200, users.text);
  const worker = users.body.items.find((u) => u.id === workerId).username;
  const officer = await srv.login(worker, DEMO_PASSWORD);
  const period = financialYear(day);
  const figures = async () => {
    const r = await manager.get(`${FTE}?${period}`);
    assert.equal(r.status, 200, r.text);
    const kids = await manager.get(`${FTE}/children?${period}&limit=200`);
    assert.equal(kids.status, 200, kids.text);
    return {
      numerator: r.body.numerator,
      shown: kids.body.items.some((c) => c.person_id === PERSON),
      counted: kids.body.total + kids.body.outside_your_service,
    };
  };
  const base = await figures();
  assert.equal(base.shown, true);
  const PATHS = { cases: 'cases', people: 'people' };
  const version = async (table, id) => (await manager.get(`/api/v1/${PATHS[table]}/${id}`)).body.version;
  // Every open case of the person, then the person, as entered in error.
  const open = (await manager.get(`/api/v1/people/${PERSON}`)).body.cases.filter((c) => c.status === 'open').map((c) => c.id);
  assert.ok(open.includes(caseId), 'the case of the first entry is open');
  for (const id of open) {
    const r = await officer.post(`/api/v1/cases/${id}/close`, { version: await version('cases', id), reason: 'Entered in error: wrong child' });
    assert.equal(r.status, 200, r.text);
  }
  let r = await officer.post(`/api/v1/people/${PERSON}/close`,
    { version: await version('people', PERSON), reason: 'Entered in error: duplicate record' });
  assert.equal(r.status, 200, r.text);
  const gone = await figures();
  assert.deepEqual(gone, { numerator: base.numerator - 1, shown: false, counted: base.counted - 1 });
  // Reopened through the API, the person first and then each case.
  r = await officer.post(`/api/v1/people/${PERSON}/reopen`, { version: await version('people', PERSON), reason: 'Closed by mistake' });
  assert.equal(r.status, 200, r.text);
  for (const id of open) {
    r = await officer.post(`/api/v1/cases/${id}/reopen`, { version: await version('cases', id), reason: 'Closed by mistake' });
    assert.equal(r.status, 200, r.text);
  }
  assert.deepEqual(await figures(), base);
  assert.match(spire(['report', '--db', srv.db, '--check-summary']), /0 facts missing, 0 extra/);
});
