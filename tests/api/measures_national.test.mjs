// Measures to the national rules (issue 10 §1, docs/measures.md, rule
// version 3): the population year of a rate and its annualisation, arrests
// counted as arrests, the Ministry of Justice's proven reoffending measure
// (quarterly cohorts), KPIs 2 and 3 to the YJB's definitions. Every figure
// below is worked by hand from the case histories made here, and each test
// fails on the rule it replaces (said at each assertion).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, makeDb, created, spire, KPI_NOT_KNOWN } from './lib.mjs';

let srv, dir, pop, manager, analyst, team, jo;

// A population of round figures: 16 cells (ages 10-17, girls and boys,
// all White) a year, so the 10-17 population is 16 x the cell: 10,000 in
// 2020, 20,000 in 2021, 40,000 in 2022 and after.
function populationCsv() {
  const cell = { 2020: 625, 2021: 1250, 2022: 2500, 2023: 2500, 2024: 2500 };
  const rows = ['year,age,sex,ethnic_group,population'];
  for (const [year, n] of Object.entries(cell)) {
    for (let age = 10; age <= 17; age++) {
      for (const sex of ['female', 'male']) rows.push(`${year},${age},${sex},white,${n}`);
    }
  }
  return `${rows.join('\n')}\n`;
}

let serial = 0;
async function childCase(given) {
  serial += 1;
  const p = await created(manager, '/api/v1/people', {
    given_name: `${given}${serial}`, family_name: 'National', date_of_birth: '2007-03-03', sex: 'male', ethnicity: 'white_british',
  });
  const k = await created(manager, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: p.id, team_id: team, start_date: '2020-01-01',
  });
  return { pid: p.id, cid: k.id };
}
async function offence(c, date, extra = {}) {
  return (await created(manager, '/api/v1/offences', {
    case_id: c.cid, offence_date: date, description: 'Shop theft', category: 'theft', gravity: 2, ...extra,
  })).id;
}
async function outcome(c, type, date, offenceIds, extra = {}) {
  return (await created(manager, '/api/v1/outcomes', {
    case_id: c.cid, outcome_type: type, outcome_date: date, offence_ids: offenceIds, ...extra,
  })).id;
}
const get = async (c, path) => {
  const r = await c.get(path);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spire-national-'));
  pop = join(dir, 'population.csv');
  writeFileSync(pop, populationCsv());
  srv = await Server.start({ db: makeDb(dir), env: { SPIRE_POPULATION: pop } });
  [manager, analyst] = await srv.loginAll(['manager', 'analyst']);
  team = (await manager.get('/api/v1/teams')).body.items.find((t) => t.name === 'YJ North').id;

  // First-time entrants: A on 1 Feb 2021, B on 1 Aug 2021, C on 1 June
  // 2022 (each a first youth caution). B is arrested twice in 2021.
  const a = await childCase('Ada');
  await outcome(a, 'youth_caution', '2021-02-01', [await offence(a, '2021-01-15')]);
  const b = await childCase('Ben');
  const b1 = await offence(b, '2021-07-01', { arrest_date: '2021-07-02' });
  await offence(b, '2021-09-01', { arrest_date: '2021-09-03' });
  await outcome(b, 'youth_caution', '2021-08-01', [b1]);
  const c = await childCase('Cal');
  await outcome(c, 'youth_caution', '2022-06-01', [await offence(c, '2022-05-01')]);

  // Proven reoffending, 2023/24 (all 15 on their index dates):
  // D: caution 1 May 2023 (Q1 index) for an offence of April; re-offends
  //    1 July (caution 1 Aug: Q2 index) and 1 Sept (referral order 1 Nov:
  //    Q3 index). E: caution 1 Oct 2023 (Q3), no more. F: caution 10 Jan
  //    2024 (Q4 index), re-offends 1 March, cautioned 20 March (the same
  //    quarter: not a second Q4 index).
  const d = await childCase('Dee');
  await outcome(d, 'youth_caution', '2023-05-01', [await offence(d, '2023-04-01')]);
  await outcome(d, 'youth_caution', '2023-08-01', [await offence(d, '2023-07-01')]);
  await outcome(d, 'referral_order', '2023-11-01', [await offence(d, '2023-09-01')]);
  const e = await childCase('Eve');
  await outcome(e, 'youth_caution', '2023-10-01', [await offence(e, '2023-09-15')]);
  const f = await childCase('Fin');
  await outcome(f, 'youth_caution', '2024-01-10', [await offence(f, '2023-12-20')]);
  await outcome(f, 'youth_caution', '2024-03-20', [await offence(f, '2024-03-01')]);

  // KPIs 2 and 3, 2019/20 (out of the way of the rates above): three referral orders ended (completed) with
  // an end snapshot each. G: in suitable ETE, not attending; SEND with an
  // EHCP. H: suitable and attending; SEND with SEN support. I: not in
  // suitable ETE; SEND with an EHCP.
  const snaps = [
    ['Gus', { ete_suitable: true, ete_attending: false, send_identified: true, learning_plan: 'ehcp' }],
    ['Hal', { ete_suitable: true, ete_attending: true, send_identified: true, learning_plan: 'sen_support' }],
    ['Ivy', { ete_suitable: false, ete_attending: false, send_identified: true, learning_plan: 'ehcp' }],
  ];
  for (const [name, kpi] of snaps) {
    const k = await childCase(name);
    const oid = await outcome(k, 'referral_order', '2019-05-01', [await offence(k, '2019-04-01')], {
      start_date: '2019-05-02', planned_end_date: '2019-11-01', end_date: '2019-11-01', end_reason: 'completed',
    });
    // The start first: an end snapshot needs one (s23 FIXB); its answers
    // not known, so the measures read only the end.
    await created(manager, '/api/v1/kpi-snapshots', { ...KPI_NOT_KNOWN, outcome_id: oid, point: 'start', measured_on: '2019-05-02' });
    await created(manager, '/api/v1/kpi-snapshots', { ...KPI_NOT_KNOWN, outcome_id: oid, point: 'end', measured_on: '2019-11-01', ...kpi });
  }
  // KPIs 1 and 2 on release from custody: Jo, released from a detention
  // and training order on 1 September 2019 to unsuitable accommodation,
  // attending suitable ETE (her release snapshot); the order goes on in
  // the community, so it has no end in the period.
  const j = await childCase('Jo');
  jo = j;
  const dto = await outcome(j, 'detention_training_order', '2019-06-01', [await offence(j, '2019-05-01')], {
    start_date: '2019-06-01', planned_end_date: '2019-12-01', release_date: '2019-09-01',
  });
  await created(manager, '/api/v1/kpi-snapshots', { ...KPI_NOT_KNOWN, outcome_id: dto, point: 'start', measured_on: '2019-06-01' });
  await created(manager, '/api/v1/kpi-snapshots', {
    ...KPI_NOT_KNOWN, outcome_id: dto, point: 'release', measured_on: '2019-09-01', accommodation_suitable: false, ete_suitable: true, ete_attending: true,
  });
  // A release in the period with no release snapshot says nothing.
  const k = await childCase('Kit');
  await outcome(k, 'custodial_sentence', '2019-06-01', [await offence(k, '2019-05-01')], { start_date: '2019-06-01', release_date: '2019-10-01' });
});
after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });

const FTE = '/api/v1/measures/first-time-entrants';

test('population year: a calendar year divides by that year\'s mid-year estimate', async () => {
  // January-December 2021 (the seed comparator's period): A and B, over
  // mid-2021's 20,000 = 10 per 100,000. The old rule took the financial
  // year the period starts in (2020/21: mid-2020's 10,000) and said 20.
  const r = await get(manager, `${FTE}?from=2021-01-01&to=2021-12-31`);
  assert.equal(r.numerator, 2);
  assert.equal(r.denominator, 20000);
  assert.equal(r.value, 10);
  assert.deepEqual(r.population_years, [2021]);
  assert.equal(r.annualised, false);
  assert.equal(r.months, 12);
  assert.equal(r.rate_label, 'per 100,000 children aged 10-17 a year');
  // A financial year uses the mid-year estimate inside it too: 2021/22
  // holds B only, 1 / 20,000.
  const fy = await get(manager, `${FTE}?from=2021-04-01&to=2022-03-31`);
  assert.deepEqual([fy.numerator, fy.denominator, fy.value], [1, 20000, 5]);
});

test('annualised: a rate over 21 months is a year\'s rate, labelled so', async () => {
  // April 2021 - December 2022 holds B and C and two 30 Junes (2021:
  // 20,000; 2022: 40,000; mean 30,000): 2 / 30,000 x 100,000 = 6.667 over
  // 21 months, x 12/21 = 3.81 a year. The old rule: 2 / 20,000 = 10,
  // shown as if a year's.
  const r = await get(manager, `${FTE}?from=2021-04-01&to=2022-12-31`);
  assert.equal(r.numerator, 2);
  assert.equal(r.denominator, 30000);
  assert.equal(r.value, 3.81);
  assert.deepEqual(r.population_years, [2021, 2022]);
  assert.equal(r.annualised, true);
  assert.equal(r.months, 21);
  assert.equal(r.rate_label, 'per 100,000 children aged 10-17 a year, annualised from 21 months');
  // The quarters are their own rates, never "a year": Q2 2021/22 (July -
  // September, no 30 June: the financial year's 2021) holds B: 1 /
  // 20,000 = 5 in the quarter.
  const q2 = r.periods.find((p) => p.period === '2021/22 Q2');
  assert.deepEqual([q2.numerator, q2.denominator, q2.value], [1, 20000, 5]);
  assert.equal(q2.rate_label, 'per 100,000 children aged 10-17 in the quarter (not annualised)');
  assert.equal(q2.annualised, false);
  for (const p of r.periods) assert.doesNotMatch(p.rate_label, /a year/, p.period);
  // spire report says the same in its text.
  const text = spire(['report', '--db', srv.db, '--measure', 'first-time-entrants', '--from', '2021-04-01', '--to', '2022-12-31',
    '--population', pop, '--format', 'text', '--no-suppress']);
  assert.match(text, /Value: per 100,000 children aged 10-17 a year, annualised from 21 months; each period's is that period's own/);
  assert.match(text, /whole period\s+2\s+30000\s+3\.81/);
  // A 45-day period (15 July - 28 August) is a month and 14 days, annualised
  // by its days.
  const d = await get(manager, `${FTE}?from=2021-07-15&to=2021-08-28`);
  assert.equal(d.rate_label, 'per 100,000 children aged 10-17 a year, annualised from 1 month and 14 days');
  // B over 20,000, x 365.25 / 45.
  assert.equal(d.value, 40.58);
  // Months and days: 1 April - 1 May is a month and a day (31 days).
  const md = await get(manager, `${FTE}?from=2021-04-01&to=2021-05-01`);
  assert.equal(md.rate_label, 'per 100,000 children aged 10-17 a year, annualised from 1 month and 1 day');
  assert.deepEqual([md.months, md.days], [null, 31]);
});

test('arrests count arrests; arrested-children counts each child once', async () => {
  // B was arrested on 2 July and 3 September 2021: 2 arrests (the old
  // rule counted B once), 2 / 20,000 x 1,000 = 0.1 a year.
  const r = await get(manager, '/api/v1/measures/arrests?from=2021-01-01&to=2021-12-31');
  assert.equal(r.numerator, 2);
  assert.equal(r.value, 0.1);
  assert.equal(r.unit, 'arrest');
  assert.equal(r.rule_version, '3');
  const k = await get(manager, '/api/v1/measures/arrested-children?from=2021-01-01&to=2021-12-31');
  assert.equal(k.numerator, 1);
  assert.equal(k.value, 0.05);
  // Both arrests are openable to the child behind them.
  const list = await get(manager, '/api/v1/measures/arrests/children?from=2021-01-01&to=2021-12-31');
  assert.equal(list.items.length, 2);
  assert.equal(new Set(list.items.map((i) => i.person_id)).size, 1);
});

test('proven reoffending: four quarterly cohorts make the year, a child in more than one', async () => {
  const r = await get(manager, '/api/v1/measures/proven-reoffending?from=2023-04-01&to=2024-03-31&interval=quarter&as_of=2026-01-01');
  // Q1: D (re-offences 1 July, 1 Sept: 2). Q2: D (1 Sept: 1). Q3: D (0),
  // E (0). Q4: F (1 March: 1).
  assert.deepEqual(r.periods.map((p) => [p.period, p.numerator, p.denominator]), [
    ['2023/24 Q1', 1, 1], ['2023/24 Q2', 1, 1], ['2023/24 Q3', 0, 2], ['2023/24 Q4', 1, 1],
  ]);
  // The year: 3 reoffenders of 5 cohort members = 60 %; 4 re-offences /
  // 3 reoffenders = 1.33.
  assert.equal(r.numerator, 3);
  assert.equal(r.denominator, 5);
  assert.equal(r.value, 60);
  assert.equal(r.extras.reoffences, 4);
  assert.equal(r.reoffences_per_reoffender, 1.33);
  assert.equal(r.status, 'final');
  // The live tracker, one twelve-month cohort (each child once, at their
  // first index): D (2), E (0), F (1) = 2 of 3, 3 re-offences per 2.
  const live = await get(manager, '/api/v1/measures/reoffending?from=2023-04-01&to=2024-03-31&as_of=2026-01-01');
  assert.deepEqual([live.numerator, live.denominator, live.value], [2, 3, 66.67]);
  // By year, the same four cohorts.
  const y = await get(manager, '/api/v1/measures/proven-reoffending?from=2023-04-01&to=2024-03-31&interval=year&as_of=2026-01-01');
  assert.deepEqual([y.periods[0].numerator, y.periods[0].denominator], [3, 5]);
  // Openable: D three times (one row per cohort), E and F once.
  const list = await get(manager, '/api/v1/measures/proven-reoffending/children?from=2023-04-01&to=2024-03-31&as_of=2026-01-01');
  assert.equal(list.total, 5);
  const per = {};
  for (const i of list.items) per[i.given_name.replace(/\d+$/, '')] = (per[i.given_name.replace(/\d+$/, '')] || 0) + 1;
  assert.deepEqual(per, { Dee: 3, Eve: 1, Fin: 1 });
  assert.equal(list.items.filter((i) => i.counted).length, 3);
  // In the list of measures beside the tracker.
  const all = await get(analyst, '/api/v1/measures');
  const names = all.items.map((m) => m.name);
  assert.equal(names.indexOf('proven-reoffending'), names.indexOf('reoffending') + 1);
});

test('KPI 2 counts attending a suitable arrangement; KPI 3 needs suitable ETE and a plan', async () => {
  const Y = 'from=2019-04-01&to=2020-03-31';
  // KPI 2, in the community and on release: G suitable not attending, H
  // suitable and attending, I not suitable (their end snapshots); Jo
  // suitable and attending on release: 2 of 4. The old rule counted
  // suitable at the end alone: 2 of 3.
  const ete = await get(manager, `/api/v1/measures/kpi-ete?${Y}`);
  assert.deepEqual([ete.numerator, ete.denominator, ete.value], [2, 4, 50]);
  assert.equal(ete.extras.suitable, 3);
  assert.equal(ete.rule_version, '4'); // 4: a remand counted once (session 25)
  // KPI 3: all three have SEND and a formal plan; G and H are in suitable
  // ETE: 2 of 3 (the old rule counted the plan alone: 3 of 3). Jo's
  // release snapshot is not KPI 3's.
  const send = await get(manager, `/api/v1/measures/kpi-send?${Y}`);
  assert.deepEqual([send.numerator, send.denominator, send.value], [2, 3, 66.67]);
  assert.deepEqual(send.extras, { learning_plan: 3, suitable_ete: 2 });
});

test('KPI 1 counts children released from custody, from their release snapshot', async () => {
  // G, H and I's end snapshots do not record accommodation; Jo's release
  // snapshot does (unsuitable): 0 of 1. The old rule ignored releases: no
  // figure at all (0 of 0).
  const Y = 'from=2019-04-01&to=2020-03-31';
  const acc = await get(manager, `/api/v1/measures/kpi-accommodation?${Y}`);
  assert.deepEqual([acc.numerator, acc.denominator, acc.value], [0, 1, 0]);
  assert.equal(acc.rule_version, '4'); // 4: a remand counted once (session 25)
  // Openable to Jo, on her release date, in the denominator only.
  const list = await get(manager, `/api/v1/measures/kpi-accommodation/children?${Y}`);
  assert.deepEqual(list.items.map((i) => [i.given_name.replace(/\d+$/, ''), i.date, i.counted, i.in_denominator]), [['Jo', '2019-09-01', false, true]]);
  assert.equal(list.total_counted, 0);
  // The summary follows the release snapshot: closing it takes Jo out.
  const snaps = await get(manager, `/api/v1/kpi-snapshots?case_id=${jo.cid}`);
  const snap = snaps.items.find((x) => x.point === 'release');
  const r = await manager.post(`/api/v1/kpi-snapshots/${snap.id}/close`, { version: snap.version, reason: 'Entered in error' });
  assert.equal(r.status, 200, r.text);
  const after = await get(manager, `/api/v1/measures/kpi-accommodation?${Y}`);
  assert.deepEqual([after.numerator, after.denominator], [0, 0]);
  const ete = await get(manager, `/api/v1/measures/kpi-ete?${Y}`);
  assert.deepEqual([ete.numerator, ete.denominator], [1, 3]);
});

test('bad parameters: every wrong one is named in the one 400', async () => {
  const r = await manager.get('/api/v1/measures/proven-reoffending?from=2023-02-30&to=2023-13-01&interval=month&format=xml');
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((x) => x.field).sort(), ['format', 'from', 'interval', 'to']);
  const back = await manager.get('/api/v1/measures/arrests?from=2024-06-01&to=2024-01-01&by=colour');
  assert.equal(back.status, 400, back.text);
  assert.deepEqual(back.body.errors.map((x) => [x.field, x.message]).sort(), [
    ['by', 'Choose a breakdown by ethnicity, sex, age or team'],
    ['to', 'The end of the period must be the same as or after its start'],
  ]);
  const kids = await manager.get('/api/v1/measures/arrested-children/children?from=2023-02-30&to=2024-01-01&limit=0&counted=maybe');
  assert.equal(kids.status, 400, kids.text);
  assert.deepEqual(kids.body.errors.map((x) => x.field).sort(), ['counted', 'from', 'limit']);
});
