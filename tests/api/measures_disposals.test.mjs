// The disposal profile (docs/measures.md, "Disposals and interventions
// started"): case histories built through the API hold the seed's 2021/22
// figures (Coventry Youth Justice Plan: 196 disposals, 90 community
// resolutions; 93 interventions started, 55 (59 %) out of court, 39 (42 %)
// enhanced community resolutions; 118 offences with a substantive outcome,
// 136 non-substantive) and the measures reproduce them, each openable to
// the children behind it. Then secondary suppression (a group of 3 next to
// a visible total), counts of events withheld by the children behind them,
// and the current quarter marked incomplete.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, makeDb, created, ukToday } from './lib.mjs';

let srv, dir, manager, analyst, teamId;
const YEAR = 'from=2021-04-01&to=2022-03-31';
const M = '/api/v1/measures';

let serial = 0;
async function child(c, { dob = '2006-06-01' } = {}) {
  serial += 1;
  const p = await created(c, '/api/v1/people', {
    given_name: `Disposal${serial}`, family_name: 'Child', date_of_birth: dob, sex: 'male', ethnicity: 'white_british',
  });
  const k = await created(c, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: p.id, team_id: teamId, start_date: '2020-01-01',
  });
  return { pid: p.id, cid: k.id };
}
async function offence(c, k, date) {
  return (await created(c, '/api/v1/offences', {
    case_id: k.cid, offence_date: date, description: 'Assault', category: 'violence_against_person', gravity: 3,
  })).id;
}
// An outcome of type on date for k disposing of n new offences (committed a
// month before), started by the service 3 days later when started.
async function outcome(c, k, type, date, { n = 1, started = false, offences = null } = {}) {
  const ids = offences || [];
  const d = new Date(`${date}T00:00:00Z`);
  const before_ = new Date(d.getTime() - 30 * 864e5).toISOString().slice(0, 10);
  for (let i = 0; !offences && i < n; i++) ids.push(await offence(c, k, before_));
  const body = { case_id: k.cid, outcome_type: type, outcome_date: date, offence_ids: ids, allow_duplicate: true };
  if (started) body.start_date = new Date(d.getTime() + 3 * 864e5).toISOString().slice(0, 10);
  const o = await created(c, '/api/v1/outcomes', body);
  return { id: o.id, offences: ids };
}

// 2021/22, spread over 40 children (a child given several counts each):
// type, how many, offences each (first k with 2), how many started.
const PLAN = [
  ['community_resolution', 90, 30, 39],
  ['diversion', 10, 0, 10],
  ['outcome_22', 6, 0, 2],
  ['youth_caution', 20, 0, 0],
  ['youth_conditional_caution', 10, 0, 4],
  ['referral_order', 30, 20, 30],
  ['youth_rehabilitation_order', 8, 8, 8],
  ['fine', 12, 0, 0],
  ['discharge', 8, 0, 0],
  ['detention_training_order', 2, 0, 0],
];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spire-disposals-'));
  srv = await Server.start({ db: makeDb(dir) });
  [manager, analyst] = await srv.loginAll(['manager', 'analyst']);
  teamId = (await manager.get('/api/v1/teams')).body.items.find((t) => t.name === 'YJ North').id;
  const kids = [];
  for (let i = 0; i < 40; i++) kids.push(await child(manager));
  let at = 0;
  for (const [type, count, two, started] of PLAN) {
    for (let i = 0; i < count; i++, at++) {
      // Dates from 5 April 2021, a day apart in turn, inside the year.
      const date = new Date(Date.UTC(2021, 3, 5 + (at % 300))).toISOString().slice(0, 10);
      await outcome(manager, kids[at % 40], type, date, { n: i < two ? 2 : 1, started: i < started });
    }
  }
  // What must not count: a remand and a prevention programme (not
  // disposals), an outcome entered in error, a disposal of the year before
  // whose offence is disposed of again in the year (the offence counts in
  // the year of its first disposal), and one of the year after.
  const k = kids[0];
  await outcome(manager, k, 'remand_local_authority', '2021-09-01', { started: true });
  await created(manager, '/api/v1/outcomes', { case_id: k.cid, outcome_type: 'prevention', outcome_date: '2021-09-02', start_date: '2021-09-02' });
  const wrong = await outcome(manager, k, 'referral_order', '2021-10-01', { started: true });
  const r = await manager.post(`/api/v1/outcomes/${wrong.id}/close`, { version: 1, reason: 'Entered in error' });
  assert.equal(r.status, 200, r.text);
  const old = await outcome(manager, k, 'community_resolution', '2021-03-01');
  await outcome(manager, k, 'youth_caution', '2022-04-10', { offences: old.offences });
});
after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });

test('disposals: the seed\'s 196 disposals and 90 community resolutions', async () => {
  const r = await manager.get(`${M}/disposals?${YEAR}&by=type`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.value_type, 'count');
  assert.equal(r.body.rule_version, '1');
  assert.equal(r.body.numerator, 196);
  assert.equal(r.body.value, 196);
  assert.deepEqual(r.body.extras, {
    community_resolutions: 90, out_of_court: 136, substantive: 90, enhanced_community_resolutions: 39,
  });
  const g = Object.fromEntries(r.body.groups.map((x) => [x.group, x.numerator]));
  for (const [type, count] of PLAN) assert.equal(g[type], count, type);
  assert.equal(r.body.periods.reduce((s, p) => s + p.numerator, 0), 196);
});

test('interventions started: 93, 55 out of court (59 %), 39 enhanced community resolutions (42 %)', async () => {
  const r = await manager.get(`${M}/interventions-started?${YEAR}&by=type`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.denominator, 93);
  assert.equal(r.body.numerator, 55);
  assert.equal(Math.round(r.body.value), 59);
  assert.equal(r.body.extras.enhanced_community_resolutions, 39);
  assert.equal(Math.round(r.body.enhanced_community_resolution_share), 42);
  const g = Object.fromEntries(r.body.groups.map((x) => [x.group, x.denominator]));
  assert.equal(g.community_resolution, 39);
  assert.equal(g.referral_order, 30);
  assert.equal(g.youth_conditional_caution, 4);
});

test('offence outcomes: 118 substantive, 136 non-substantive', async () => {
  const r = await manager.get(`${M}/offence-outcomes?${YEAR}&by=category`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.numerator, 118);
  assert.equal(r.body.denominator, 254);
  assert.equal(r.body.extras.non_substantive, 136);
  const g = Object.fromEntries(r.body.groups.map((x) => [x.group, x.denominator]));
  assert.equal(g.violence_against_person, 254);
  // The offence first disposed of in March 2021 counts in 2020/21 only.
  const before_ = await manager.get(`${M}/offence-outcomes?from=2021-03-01&to=2021-03-31`);
  assert.equal(before_.body.denominator, 1);
  assert.equal(before_.body.numerator, 0);
});

test('diversion and Outcome 22', async () => {
  const r = await manager.get(`${M}/diversion?${YEAR}&by=type`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.numerator, 16);
  assert.deepEqual(r.body.extras, { diversion: 10, outcome_22: 6, worked_with: 12 });
  assert.deepEqual(r.body.groups.map((x) => [x.group, x.numerator]), [['diversion', 10], ['outcome_22', 6]]);
});

test('disposals: each figure opens to the children behind it', async () => {
  const r = await manager.get(`${M}/disposals/children?${YEAR}&by=type&group=community_resolution&limit=200`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 90);
  assert.equal(r.body.items.length, 90);
  assert.ok(r.body.items.every((i) => i.counted));
  const started = await manager.get(`${M}/interventions-started/children?${YEAR}&counted=true&limit=200`);
  assert.equal(started.body.total, 55);
  const offences = await manager.get(`${M}/offence-outcomes/children?${YEAR}&limit=200`);
  assert.equal(offences.body.total, 254);
  const substantive = await manager.get(`${M}/offence-outcomes/children?${YEAR}&counted=true&limit=200`);
  assert.equal(substantive.body.total, 118);
  const div = await manager.get(`${M}/diversion/children?${YEAR}&by=type&group=outcome_22`);
  assert.equal(div.body.total, 6);
  // A group that is not one of the breakdown's is named.
  const bad = await manager.get(`${M}/disposals/children?${YEAR}&by=type&group=caution`);
  assert.equal(bad.status, 400, bad.text);
});

test('disposals: an analyst gets them suppressed like every figure', async () => {
  const r = await analyst.get(`${M}/disposals?${YEAR}&by=type`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.numerator, 196);
  const g = Object.fromEntries(r.body.groups.map((x) => [x.group, x]));
  // Two custodial sentences: withheld; so the total is not the sum of the
  // rest, the next smallest type (outcome 22, 6) is withheld with them;
  // and as 2 + 6 = 8 would leave the 2 as 1 to 3 (the 6 being 5 or more),
  // the next (one of the two types of 8) too.
  assert.equal(g.detention_training_order.numerator, null);
  assert.equal(g.outcome_22.numerator, null);
  assert.deepEqual(g.outcome_22.suppressed, ['numerator']);
  const eights = [g.discharge.numerator, g.youth_rehabilitation_order.numerator].sort();
  assert.deepEqual(eights, [8, null]);
  assert.equal(r.body.groups.filter((x) => x.numerator === null).length, 3);
  assert.equal(g.fine.numerator, 12);
  assert.equal(g.community_resolution.numerator, 90);
});

test('secondary suppression: a group of 3 next to a visible total is not recoverable by subtraction', async () => {
  // 2023/24: six children given a youth caution in Q1, three a referral
  // order in Q2. Withholding only the 3 would leave it as 9 - 6.
  for (let i = 0; i < 6; i++) await outcome(manager, await child(manager), 'youth_caution', '2023-05-01');
  for (let i = 0; i < 3; i++) await outcome(manager, await child(manager), 'referral_order', '2023-08-01');
  const q = `${M}/disposals?from=2023-04-01&to=2024-03-31&by=type`;
  const m = await manager.get(q);
  const mg = Object.fromEntries(m.body.groups.map((x) => [x.group, x]));
  assert.equal(mg.referral_order.numerator, 3, 'managers see every figure');
  assert.equal(mg.youth_caution.numerator, 6);
  const r = await analyst.get(q);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.numerator, 9);
  const g = Object.fromEntries(r.body.groups.map((x) => [x.group, x]));
  assert.equal(g.referral_order.numerator, null);
  assert.equal(g.youth_caution.numerator, null, 'the complementary cell is withheld');
  assert.deepEqual(g.youth_caution.suppressed, ['numerator', 'substantive']);
  assert.equal(g.fine.numerator, 0);
  // The periods too: Q2's 3 next to Q1's 6 and the year's 9.
  assert.deepEqual(r.body.periods.map((p) => p.numerator), [null, null, 0, 0]);
  // Inside one cell: substantive + non-substantive = all offences.
  const o = await analyst.get(`${M}/offence-outcomes?from=2023-04-01&to=2024-03-31`);
  assert.equal(o.body.denominator, 9);
  assert.equal(o.body.numerator, 9);
  assert.equal(o.body.extras.non_substantive, 0);
  // No withheld count is left as the difference of shown ones, in any
  // output of the year.
  for (const name of ['disposals', 'interventions-started', 'offence-outcomes', 'first-time-entrants']) {
    for (const by of ['', '&by=sex', '&by=age']) {
      const x = (await analyst.get(`${M}/${name}?from=2023-04-01&to=2024-03-31${by}`)).body;
      for (const lines of [x.periods, x.groups || []]) {
        if (x.numerator === null || lines.length < 2) continue;
        const hidden = lines.filter((l) => l.numerator === null).length;
        assert.notEqual(hidden, 1, `${name}${by}: one withheld next to a visible total`);
      }
    }
  }
});

test('secondary suppression: withheld quarters are not narrowed by the year (3 and 4 beside 9, 8 and 24)', async () => {
  // 2022/23: quarters of 9, 8, 3 and 4 disposals, one child each (the
  // setup's youth caution of April 2022 is one of Q1's). Withholding only
  // the 3 and the 4 beside a shown 24, 9 and 8 leaves two counts of 1 to 4
  // adding up to 7: they can only be 3 and 4.
  const q = `${M}/disposals?from=2022-04-01&to=2023-03-31`;
  const before_ = (await manager.get(q)).body.periods[0].numerator;
  const plan = [['2022-05-02', 9 - before_], ['2022-08-01', 8], ['2022-11-01', 3], ['2023-02-01', 4]];
  for (const [date, n] of plan) {
    for (let i = 0; i < n; i++) await outcome(manager, await child(manager), 'youth_caution', date);
  }
  const m = await manager.get(q);
  assert.deepEqual(m.body.periods.map((p) => p.numerator), [9, 8, 3, 4], 'managers see every figure');
  const r = await analyst.get(q);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.numerator, 24);
  // The 8 is withheld too: the three withheld add up to 15, so the 3 (or
  // the 4) could be anything from 1 to 4 (the 8 anything from 7 to 13).
  assert.deepEqual(r.body.periods.map((p) => p.numerator), [9, null, null, null]);
  assert.ok(r.body.periods[1].suppressed.includes('numerator'));
  // By type: all youth cautions, so the one group equals the total.
  const t = await analyst.get(`${q}&by=type`);
  const g = Object.fromEntries(t.body.groups.map((x) => [x.group, x.numerator]));
  assert.equal(g.youth_caution, 24);
  assert.deepEqual(t.body.periods.map((p) => p.numerator), [9, null, null, null]);
});

test('suppression: counts of events are withheld by the children behind them; board places are not about people', async () => {
  // 2024/25: two children given three fines each (6 fines, 2 children)
  // and five children a youth caution each.
  for (let i = 0; i < 2; i++) {
    const k = await child(manager, { dob: '2008-06-01' });
    for (let j = 0; j < 3; j++) await outcome(manager, k, 'fine', `2024-05-0${j + 1}`);
  }
  for (let i = 0; i < 5; i++) await outcome(manager, await child(manager, { dob: '2008-06-01' }), 'youth_caution', '2024-05-10');
  const r = await analyst.get(`${M}/disposals?from=2024-04-01&to=2025-03-31&by=type`);
  assert.equal(r.body.numerator, 11);
  const g = Object.fromEntries(r.body.groups.map((x) => [x.group, x]));
  assert.equal(g.fine.numerator, null, '6 fines of 2 children are withheld');
  assert.equal(g.youth_caution.numerator, null, 'and their complement');
  assert.equal(r.body.extras.substantive, 11);
  // Inside one cell: seven remands of seven children, five to youth
  // detention and two to local authority accommodation: the 2 withheld
  // and so the 5 (else 7 - 5); and a shown total of 7 would still narrow
  // the 2 (a complement is 5 or more, so the small one is 1 or 2), so
  // the total is withheld too; custody's episodes likewise.
  for (let i = 0; i < 7; i++) {
    await outcome(manager, await child(manager, { dob: '2008-06-01' }), i < 5 ? 'remand_youth_detention' : 'remand_local_authority', '2024-07-01');
  }
  const remM = await manager.get(`${M}/remands?from=2024-04-01&to=2025-03-31`);
  assert.equal(remM.body.numerator, 7);
  const rem = await analyst.get(`${M}/remands?from=2024-04-01&to=2025-03-31`);
  assert.equal(rem.body.numerator, null);
  assert.deepEqual(rem.body.extras, { youth_detention: null, local_authority: null });
  const cus = await analyst.get(`${M}/custody?from=2024-04-01&to=2025-03-31`);
  assert.equal(cus.body.extras.episodes, null);
  assert.equal(cus.body.extras.remands_youth_detention, null);
  assert.equal(cus.body.extras.remands_local_authority, null);
  // Three partner places at one meeting: shown as they are.
  await created(manager, '/api/v1/board-meetings', {
    meeting_date: '2024-06-01', title: 'Board',
    attendance: [
      { agency: 'police', attended: true, senior: true },
      { agency: 'probation', attended: true, senior: false },
      { agency: 'health', attended: false, senior: false },
    ],
  });
  const b = await analyst.get(`${M}/kpi-board-attendance?from=2024-04-01&to=2025-03-31`);
  assert.equal(b.status, 200, b.text);
  assert.equal(b.body.numerator, 1);
  assert.equal(b.body.denominator, 3);
  assert.equal(b.body.extras.attended, 2);
  assert.deepEqual(b.body.suppressed, []);
});

test('partial periods: the quarter not yet over is marked incomplete', async () => {
  const today = ukToday();
  const y = Number(today.slice(0, 4)) - 1;
  const r = await analyst.get(`${M}/disposals?from=${y}-01-01&to=${today}&interval=quarter`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.incomplete, true);
  const last = r.body.periods.at(-1);
  assert.equal(last.incomplete, true, last.period);
  assert.ok(last.from <= today && today <= last.to);
  assert.ok(r.body.periods.slice(0, -1).every((p) => p.incomplete === false));
  // The CSV says so in its last column.
  const csv = await analyst.get(`${M}/disposals?from=${y}-01-01&to=${today}&interval=quarter&format=csv`);
  const rows = csv.text.trim().split('\r\n');
  assert.match(rows[0], /,suppressed,incomplete$/);
  assert.match(rows[1], /^disposals,1,whole,.*,yes$/);
  assert.match(rows.at(-1), /,yes$/);
  assert.match(rows[2], /,no$/);
  const past = await analyst.get(`${M}/disposals?${YEAR}`);
  assert.equal(past.body.incomplete, false);
  assert.ok(past.body.periods.every((p) => p.incomplete === false));
});
