// KPIs 1 and 2 count a remand to youth detention once (rule version 4,
// session 25; docs/measures.md, "And at release"). The YJB counts children
// in the community and being released from custody; a release is one from
// a detention and training order or a custodial sentence. Two episodes,
// each counted once, where rule version 3 counted each twice:
// - Rae, remanded to youth detention and released on bail: counted at the
//   remand's end (its end snapshot), not again at the release that day;
// - Sam, remanded to youth detention until sentenced to a detention and
//   training order, then released from it: counted at the release from the
//   sentence, not at the remand's end (he stayed in custody).
// Runs on SQLite, and on PostgreSQL with SPIRE_TEST_STORE=postgresql.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, makeDb, created, spire, KPI_NOT_KNOWN } from './lib.mjs';

let srv, dir, manager, team, samRemand;
const Y = 'from=2022-04-01&to=2023-03-31';

async function childCase(given) {
  const p = await created(manager, '/api/v1/people', {
    given_name: given, family_name: 'Remand', date_of_birth: '2006-03-03', sex: 'male', ethnicity: 'white_british',
  });
  const k = await created(manager, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: p.id, team_id: team, start_date: '2022-01-01',
  });
  return { pid: p.id, cid: k.id };
}
async function outcome(c, type, date, offenceIds, extra = {}) {
  return (await created(manager, '/api/v1/outcomes', {
    case_id: c.cid, outcome_type: type, outcome_date: date, offence_ids: offenceIds, ...extra,
  })).id;
}
const snapshot = (outcomeId, point, on, facts = {}) => created(manager, '/api/v1/kpi-snapshots', {
  ...KPI_NOT_KNOWN, outcome_id: outcomeId, point, measured_on: on, ...facts,
});
const get = async (path) => {
  const r = await manager.get(path);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
};
const figures = (m) => [m.numerator, m.denominator];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spire-kpi-remand-'));
  srv = await Server.start({ db: makeDb(dir) });
  [manager] = await srv.loginAll(['manager']);
  team = (await manager.get('/api/v1/teams')).body.items.find((t) => t.name === 'YJ North').id;
  const offence = async (c) => (await created(manager, '/api/v1/offences', {
    case_id: c.cid, offence_date: '2022-04-20', description: 'Robbery', category: 'robbery', gravity: 6,
  })).id;

  // Rae: remanded to youth detention on 1 May 2022, released on bail on
  // 15 June (the remand's end and its release, one day). The same facts at
  // both points: suitable accommodation, attending suitable ETE.
  const rae = await childCase('Rae');
  const remand1 = await outcome(rae, 'remand_youth_detention', '2022-05-01', [await offence(rae)], {
    start_date: '2022-05-01', end_date: '2022-06-15', end_reason: 'other', release_date: '2022-06-15',
  });
  const good = { accommodation_suitable: true, ete_suitable: true, ete_attending: true, looked_after: false };
  await snapshot(remand1, 'start', '2022-05-01');
  await snapshot(remand1, 'release', '2022-06-15', good);
  await snapshot(remand1, 'end', '2022-06-15', good);

  // Sam: remanded to youth detention on 1 May 2022 until sentenced on 1
  // July to a detention and training order (the remand ends with no
  // release: his end snapshot records the secure estate), released from
  // it on 1 October to suitable accommodation, in suitable ETE he is not
  // attending yet. The order goes on in the community past the year.
  const sam = await childCase('Sam');
  const off = await offence(sam);
  const remand2 = await outcome(sam, 'remand_youth_detention', '2022-05-01', [off], {
    start_date: '2022-05-01', end_date: '2022-07-01', end_reason: 'other',
  });
  samRemand = remand2;
  await snapshot(remand2, 'start', '2022-05-01');
  await snapshot(remand2, 'end', '2022-07-01', {
    accommodation: 'secure_estate', accommodation_suitable: false, ete_suitable: false, ete_attending: false, looked_after: false,
  });
  const dto = await outcome(sam, 'detention_training_order', '2022-07-01', [off], {
    start_date: '2022-07-01', planned_end_date: '2023-07-01', release_date: '2022-10-01',
  });
  await snapshot(dto, 'start', '2022-07-01');
  await snapshot(dto, 'release', '2022-10-01', { accommodation_suitable: true, ete_suitable: true, ete_attending: false });
});
after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });

test('KPI 1 counts each remand to youth detention once: Rae at the remand\'s end, Sam on release from his sentence', async () => {
  // Both suitable: 2 of 2. Rule version 3 counted Rae twice (end and
  // release) and Sam at the remand's end (unsuitable) and his release:
  // 3 of 4.
  const acc = await get(`/api/v1/measures/kpi-accommodation?${Y}`);
  assert.deepEqual(figures(acc), [2, 2]);
  assert.equal(acc.value, 100);
  assert.equal(acc.rule_version, '4');
  assert.match(acc.rule, /remand to youth detention is counted once/);
  const list = await get(`/api/v1/measures/kpi-accommodation/children?${Y}`);
  assert.deepEqual(list.items.map((i) => [i.given_name, i.date, i.counted]), [
    ['Rae', '2022-06-15', true],
    ['Sam', '2022-10-01', true],
  ]);
});

test('KPI 2 counts each remand to youth detention once', async () => {
  // Rae attending suitable ETE at the remand's end; Sam in suitable ETE
  // not attending on release: 1 of 2, suitable 2. Rule version 3: 2 of 4
  // (Rae twice, Sam's remand end not suitable), suitable 3.
  const ete = await get(`/api/v1/measures/kpi-ete?${Y}`);
  assert.deepEqual(figures(ete), [1, 2]);
  assert.equal(ete.extras.suitable, 2);
  assert.equal(ete.rule_version, '4');
});

test('the other KPIs still read every intervention\'s end, the remand\'s included', async () => {
  // KPI 8 reads the end snapshots (looked after recorded on both remands'
  // ends, not on the release): 0 of 2, as before.
  const wider = await get(`/api/v1/measures/kpi-wider-services?${Y}`);
  assert.deepEqual(figures(wider), [0, 2]);
});

test('the summary equals the records, and follows a remand\'s release recorded later', async () => {
  assert.match(spire(['report', '--db', srv.db, '--check-summary']), /0 facts missing, 0 extra/);
  // Sam's remand given a release date after all (released on bail on 1
  // July, then sentenced): he was released from it, so it is counted at
  // its end (unsuitable) and still not at that release: 2 of 3.
  const o = await get(`/api/v1/outcomes/${samRemand}`);
  const r = await manager.patch(`/api/v1/outcomes/${samRemand}`, { version: o.version, release_date: '2022-07-01' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(figures(await get(`/api/v1/measures/kpi-accommodation?${Y}`)), [2, 3]);
  assert.match(spire(['report', '--db', srv.db, '--check-summary']), /0 facts missing, 0 extra/);
  // Taken away again: counted at his release from the sentence alone.
  const o2 = await get(`/api/v1/outcomes/${samRemand}`);
  const back = await manager.patch(`/api/v1/outcomes/${samRemand}`, { version: o2.version, release_date: null });
  assert.equal(back.status, 200, back.text);
  assert.deepEqual(figures(await get(`/api/v1/measures/kpi-accommodation?${Y}`)), [2, 2]);
  assert.match(spire(['report', '--db', srv.db, '--check-summary']), /0 facts missing, 0 extra/);
});
