// Rules people see that say "three months" or "three years" count calendar
// months (date_add_months), never a fixed number of days (session 25):
// a parent's miss stays current for three calendar months after the
// intervention ended (docs/parenting.md, "Seen at start, review and end"),
// and the measures choose quarters for a period of up to three calendar
// years and refuse one of more than 20 (docs/measures.md).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, created, createdPerson, makeDb } from './lib.mjs';

const dir = mkdtempSync(join(tmpdir(), 'spire-months-'));
const servers = [];
after(async () => {
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

// A server whose clock starts at noon (UTC) on `day`, on db.
async function serverOn(day, db) {
  const s = await Server.start({ faketime: `${day} 12:00:00`, db });
  servers.push(s);
  return s;
}

test('a miss is current for three calendar months after its intervention ended: 30 November to 28 February', async () => {
  // 28 February 2025 is three calendar months after 30 November 2024;
  // 1 March is not, though it is only 91 days on (92 days reached 2 March).
  const db = makeDb(dir);
  const first = await serverOn('2025-02-28', db);
  const officer = await first.login('officer');
  const kid = await createdPerson(officer, { given_name: 'Nia', family_name: 'Hart', date_of_birth: '2010-01-05' });
  const mum = await created(officer, '/api/v1/people', { given_name: 'Lou', family_name: 'Hart', date_of_birth: '1985-03-03' });
  const yj = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: '2024-06-01',
  });
  const fam = await created(officer, '/api/v1/families', { name: 'Hart family' });
  await created(officer, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(officer, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  const ended = await created(officer, '/api/v1/outcomes', {
    case_id: yj.id, outcome_type: 'prevention', outcome_date: '2024-07-01', start_date: '2024-07-01',
    end_date: '2024-11-30', end_reason: 'completed',
  });
  const points = async (c) => {
    const r = await c.get(`/api/v1/parenting/seen?case_id=${yj.id}`);
    assert.equal(r.status, 200, r.text);
    return r.body;
  };
  const mine = (body) => body.items.filter((x) => x.outcome_id === ended.id && x.person_id === mum.id);
  const last = await points(officer);
  const onLastDay = mine(last);
  assert.deepEqual(onLastDay.map((x) => `${x.point}:${x.status}:${x.current}`).sort(), ['end:missed:true', 'start:missed:true']);
  // The scope's list (a year of misses) shows both, as current ones.
  const misses = await officer.get('/api/v1/parenting/seen');
  assert.equal(misses.body.items.filter((x) => x.outcome_id === ended.id).length, 2, 'the start and the end');
  await first.stop();
  servers.splice(servers.indexOf(first), 1);

  // The next day, on the same records: no longer current, nowhere listed.
  const next = await serverOn('2025-03-01', db);
  const officer2 = await next.login('officer');
  const after1 = await points(officer2);
  const dayAfter = mine(after1);
  assert.deepEqual(dayAfter.map((x) => `${x.point}:${x.status}:${x.current}`).sort(), ['end:missed:false', 'start:missed:false']);
  // The answer says the rule in months, not days.
  assert.equal(after1.current_months, 3);
  assert.ok(!('current_days' in after1));
  const none = await officer2.get('/api/v1/parenting/seen');
  assert.equal(none.body.items.filter((x) => x.outcome_id === ended.id).length, 0);
  // The parent worker of the child's team: nothing on their home page.
  const home = await (await next.login('parentworker')).get('/api/v1/parenting/misses');
  assert.equal(home.status, 200, home.text);
  assert.equal(home.body.months, 3);
  assert.equal(home.body.current_months, 3);
  assert.equal(home.body.items.filter((x) => x.outcome_id === ended.id).length, 0);
});

test('the measures: quarters for up to three calendar years, and at most 20 years', async () => {
  const s = await serverOn('2025-06-01', makeDb(mkdtempSync(join(dir, 'm-'))));
  const manager = await s.login('manager');
  const intervals = async (from, to) => {
    const r = await manager.get(`/api/v1/measures/custody?from=${from}&to=${to}`);
    assert.equal(r.status, 200, r.text);
    return r.body.periods.length;
  };
  // 1 April 2021 to 31 March 2024 is three years: twelve quarters.
  assert.equal(await intervals('2021-04-01', '2024-03-31'), 12);
  // Three years and two days (1,098 days, within 366 x 3): years now.
  assert.equal(await intervals('2021-04-01', '2024-04-02'), 4);
  // 20 years are allowed; 20 years and a day are not (366 x 20 days
  // let 15 more days through).
  assert.equal((await manager.get('/api/v1/measures/custody?from=2005-04-01&to=2025-03-31')).status, 200);
  const over = await manager.get('/api/v1/measures/custody?from=2005-04-01&to=2025-04-01');
  assert.equal(over.status, 400, over.text);
  assert.deepEqual(over.body.errors.map((x) => x.field), ['to']);
});
