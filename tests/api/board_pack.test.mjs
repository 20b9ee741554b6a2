// The board pack (docs/measures.md, "The board pack"): every measure for a
// chosen quarter (by default the last one over, by the UK civil date) and
// the three before it, suppressed; as JSON for the printable page and as an
// XLSX workbook whose figures, read back with a spreadsheet reader
// (exceljs), equal the API's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Server, makeDb, created } from './lib.mjs';

let srv, dir, manager, analyst, officer;

// The server's today is 15 August 2025: 2025/26 Q2 (July-September) is not
// over, so the default quarter is 2025/26 Q1 (April-June).
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spire-pack-'));
  srv = await Server.start({ db: makeDb(dir), faketime: '2025-08-15 12:00:00', env: { SPIRE_POPULATION: 'data/population.csv' } });
  [manager, analyst, officer] = await srv.loginAll(['manager', 'analyst', 'officer']);
  const team = (await manager.get('/api/v1/teams')).body.items.find((t) => t.name === 'YJ North').id;
  // Seven children given a youth caution in 2025/26 Q1 and three a
  // referral order in 2024/25 Q4 (withheld, with its complement).
  let n = 0;
  const give = async (type, date) => {
    n += 1;
    const p = await created(manager, '/api/v1/people', { given_name: `Pack${n}`, family_name: 'Child', date_of_birth: '2009-01-01', sex: 'female', ethnicity: 'white_british' });
    const k = await created(manager, '/api/v1/cases', { service: 'youth_justice', reason: 'Referred', person_id: p.id, team_id: team, start_date: '2024-01-01' });
    const o = await created(manager, '/api/v1/offences', { case_id: k.id, offence_date: '2024-12-01', description: 'Theft', category: 'theft', gravity: 2 });
    await created(manager, '/api/v1/outcomes', { case_id: k.id, outcome_type: type, outcome_date: date, offence_ids: [o.id], start_date: date });
  };
  for (let i = 0; i < 7; i++) await give('youth_caution', '2025-05-01');
  for (let i = 0; i < 3; i++) await give('referral_order', '2025-02-01');
});
after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });

async function xlsx(client, query) {
  const res = await fetch(`${client.base}/api/v1/board-pack?${query}`, { headers: { Authorization: `Bearer ${client.token}` } });
  assert.equal(res.status, 200, await res.clone().text());
  const wb = new ExcelJS.Workbook();
  const buf = Buffer.from(await res.arrayBuffer());
  await wb.xlsx.load(buf);
  return { res, wb, buf };
}

test('board pack: the last quarter over by default, any quarter that has begun on request', async () => {
  const r = await analyst.get('/api/v1/board-pack');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.quarter, '2025/26 Q1');
  assert.equal(r.body.from, '2025-04-01');
  assert.equal(r.body.to, '2025-06-30');
  assert.equal(r.body.year_from, '2024-07-01');
  assert.equal(r.body.incomplete, false);
  const names = (await analyst.get('/api/v1/measures')).body.items.map((m) => m.name);
  assert.deepEqual(r.body.measures.map((m) => m.measure), names);
  const now = await analyst.get(`/api/v1/board-pack?quarter=${encodeURIComponent('2025/26 Q2')}`);
  assert.equal(now.body.incomplete, true);
  assert.equal(now.body.measures[0].periods.at(-1).incomplete, true);
  assert.equal(now.body.measures[0].periods[0].incomplete, false);
  // Each measure's figures are the API's for the same year, suppressed.
  for (const m of r.body.measures) {
    const api = await analyst.get(`/api/v1/measures/${m.measure}?from=2024-07-01&to=2025-06-30&interval=quarter`);
    assert.deepEqual(api.body.periods.map((p) => [p.numerator, p.denominator, p.value]),
      m.periods.map((p) => [p.numerator, p.denominator, p.value]), m.measure);
  }
  const d = r.body.measures.find((m) => m.measure === 'disposals');
  assert.deepEqual(d.periods.map((p) => p.numerator), [0, 0, null, null], 'the Q4 3 and its complement withheld');
  assert.equal(d.numerator, 10);
});

test('board pack: the workbook has a sheet per measure in plain English, charts, and the API\'s figures', async () => {
  const q = encodeURIComponent('2025/26 Q1');
  const { res, wb, buf } = await xlsx(analyst, `quarter=${q}&format=xlsx`);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  assert.match(res.headers.get('content-disposition'), /board-pack-2025-26-Q1\.xlsx/);
  const pack = (await analyst.get(`/api/v1/board-pack?quarter=${q}`)).body;
  assert.equal(wb.worksheets.length, pack.measures.length + 2);
  assert.equal(wb.worksheets[0].name, 'Contents');
  assert.equal(wb.worksheets[1].name, 'Notes');
  assert.match(String(wb.worksheets[0].getCell('A1').value), /board pack: 2025\/26 Q1/);
  const cellValue = (v) => (v && typeof v === 'object' && 'text' in v ? v.text : v);
  for (const [i, m] of pack.measures.entries()) {
    const ws = wb.worksheets[i + 2];
    assert.equal(cellValue(ws.getCell('A1').value), m.title);
    assert.ok(!/^[a-z-]+$/.test(ws.name), `plain-English sheet name, not ${ws.name}`);
    // The rows of the quarters: Period | From | To | Status | Counted | Out of | Value.
    let head = 0;
    ws.eachRow((row, n) => { if (row.getCell(1).value === 'Period') head = n; });
    assert.ok(head > 0, ws.name);
    // Each extra column is headed by what it counts, as the measure's
    // rule names it, never its field name ("Suitable").
    const extras = Object.keys(m.extras || {});
    assert.deepEqual(extras.map((k, j) => ws.getRow(head).getCell(8 + j).value), extras.map((k) => m.extra_labels[k]), ws.name);
    for (const k of extras) assert.ok(/^[A-Z][^_]+$/.test(m.extra_labels[k]), `${m.measure}: ${k} has no label`);
    if (m.measure === 'kpi-ete') assert.equal(m.extra_labels.suitable, 'In a suitable arrangement, attending or not');
    const want = (v, hidden) => (v === null ? (hidden ? '[c]' : '[x]') : v);
    for (const [k, p] of m.periods.entries()) {
      const row = ws.getRow(head + 1 + k);
      assert.equal(row.getCell(1).value, p.period, ws.name);
      assert.equal(row.getCell(5).value, want(p.numerator, p.suppressed.includes('numerator')), `${ws.name} ${p.period} counted`);
      if (m.value_type === 'percentage') {
        assert.equal(row.getCell(6).value, want(p.denominator, p.suppressed.includes('denominator')), `${ws.name} ${p.period} out of`);
      }
      // As the page shows them: a percentage to one place from its
      // counts, a rate to two, a count whole.
      const exact = m.value_type === 'percentage' && typeof p.numerator === 'number' && p.denominator > 0
        ? Math.round((1000 * p.numerator) / p.denominator) / 10 : p.value;
      assert.equal(row.getCell(7).value, want(exact, p.suppressed.length > 0), `${ws.name} ${p.period} value`);
      for (const c of [5, 6]) {
        const v = row.getCell(c).value;
        if (typeof v === 'number') {
          assert.ok(Number.isInteger(v), `${ws.name} ${p.period}: a whole count, not ${v}`);
          assert.equal(row.getCell(c).numFmt, '#,##0');
        }
      }
      if (typeof row.getCell(7).value === 'number') {
        const fmt = { percentage: '0.0', rate: '#,##0.00', count: '#,##0' }[m.value_type];
        assert.equal(row.getCell(7).numFmt, fmt, `${ws.name} ${p.period} shown as ${m.value_type}`);
      }
    }
  }
  // A withheld figure is [c] and a figure that does not apply [x], each
  // explained on the Notes sheet.
  const notes = [];
  wb.worksheets[1].eachRow((row) => notes.push([row.getCell(1).value, row.getCell(2).value]));
  assert.match(String(notes.find(([k]) => k === '[c]')[1]), /^Confidential: withheld/);
  assert.match(String(notes.find(([k]) => k === '[x]')[1]), /^Not available/);
  const d = pack.measures.find((m) => m.measure === 'disposals');
  const ds = wb.worksheets[pack.measures.indexOf(d) + 2];
  let dh = 0;
  ds.eachRow((row, n) => { if (row.getCell(1).value === 'Period') dh = n; });
  assert.deepEqual([0, 1, 2, 3].map((k) => ds.getRow(dh + 1 + k).getCell(5).value), [0, 0, '[c]', '[c]']);
  // A chart per measure: the package's chart parts, named in its
  // (uncompressed) zip directory.
  const charts = new Set(buf.toString('latin1').match(/xl\/charts\/chart\d+\.xml/g));
  assert.equal(charts.size, pack.measures.length);
  const sheet = wb.worksheets.find((w) => w.name === 'Disposals given');
  assert.ok(sheet, 'the disposals sheet by its title');
});

test('board pack: bad parameters are named at once; only managers and analysts', async () => {
  const r = await analyst.get('/api/v1/board-pack?quarter=2025-Q1&format=pdf');
  assert.equal(r.status, 400, r.text);
  const fields = r.body.errors.map((x) => x.field);
  assert.deepEqual(fields.sort(), ['format', 'quarter'], r.text);
  const future = await analyst.get(`/api/v1/board-pack?quarter=${encodeURIComponent('2025/26 Q3')}`);
  assert.equal(future.status, 400);
  assert.match(future.body.error.message, /begun/);
  assert.equal((await officer.get('/api/v1/board-pack')).status, 403);
  assert.equal((await manager.get('/api/v1/board-pack')).status, 200);
});

// Walker, session 23: the live tracker chooses each quarter's cohort
// afresh, so its quarters need not add up to the year, but the year is
// never more than their sum (each child of the year is in the cohort of the
// quarter of their first index event). 0 + 0 + [c] + 7 beside a year of 10
// left the [c] at 3: the quarter's complement is withheld too now. The
// workbook's Contents says what a quarter's rate is per (the quarter
// alone, not annualised) beside the year's, and marks a provisional figure.
test('board pack: a live-tracker quarter is not narrowed by the year; the contents label quarter rates and provisional figures', async () => {
  const q = encodeURIComponent('2025/26 Q1');
  const pack = (await analyst.get(`/api/v1/board-pack?quarter=${q}`)).body;
  const r = pack.measures.find((m) => m.measure === 'reoffending');
  assert.equal(r.denominator, 10);
  assert.deepEqual(r.periods.map((p) => p.denominator), [0, 0, null, null], 'the 3 and the 7 beside it withheld');
  assert.ok(r.periods[3].suppressed.includes('denominator'));
  const { wb } = await xlsx(analyst, `quarter=${q}&format=xlsx`);
  const contents = wb.worksheets[0];
  const rows = [];
  contents.eachRow((row) => rows.push([1, 2, 3, 4, 5].map((c) => {
    const v = row.getCell(c).value;
    return v && typeof v === 'object' && 'text' in v ? v.text : v;
  })));
  assert.deepEqual(rows.find((x) => x[0] === 'Measure'), ['Measure', 'This quarter', 'Year', 'Shown as', 'Status']);
  const rate = pack.measures.find((m) => m.value_type === 'rate');
  const rr = rows.find((x) => x[0] === rate.title);
  assert.equal(rr[3], 'Rate: the quarter per 1,000 children aged 10-17 in the quarter (not annualised); the year per 1,000 children aged 10-17 a year'.replace(/1,000/g, rate.rate_per === 100000 ? '100,000' : '1,000'));
  const ro = rows.find((x) => x[0] === r.title);
  assert.equal(ro[4], 'Provisional (quarter and year)');
  const sheet = wb.worksheets[pack.measures.indexOf(rate) + 2];
  const notes = [];
  sheet.eachRow((row) => notes.push(String(row.getCell(1).value)));
  assert.ok(notes.some((t) => /^Each quarter's rate is per [\d,]+ children aged 10-17 in the quarter \(not annualised\); the year's is per [\d,]+ children aged 10-17 a year\.$/.test(t)), notes.join(' | '));
});
