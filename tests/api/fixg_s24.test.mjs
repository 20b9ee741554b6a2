// What session 23's reviewers found, fixed (session 24, fixg): a contact's
// contradictions are checked on the contact as it will be stored (the
// stored values merged with the change), and "child seen: yes" needs the
// child among the people who attended.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Server, USERS, TEAMS, BIN, created, createdPerson, ukDay as day } from './lib.mjs';

let srv, officer, kid, mum, caseN;

before(async () => {
  srv = await Server.start({ teams: TEAMS, users: USERS });
  [officer] = await srv.loginAll(['officer']);
  kid = await createdPerson(officer, { given_name: 'Owen', family_name: 'Price', date_of_birth: '2010-04-05', sex: 'male' });
  mum = await created(officer, '/api/v1/people', { given_name: 'Sian', family_name: 'Price' });
  caseN = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: officer.user.team_id,
    worker_id: officer.user.id, start_date: day(-200),
  });
});
after(async () => { await srv.stop(); });

const byField = (r) => Object.fromEntries(r.body.errors.map((x) => [x.field, x.message]));
const visit = (extra) => ({ case_id: caseN.id, contact_date: day(-1), contact_type: 'home_visit', summary: 'Home visit.', ...extra });

test('a contact saying the child was seen must list the child among the people who attended, naming both fields', async () => {
  const before = srv.auditHead();
  for (const attendees of [undefined, { people: [mum.id], practitioners: [officer.user.id] }]) {
    const r = await officer.post('/api/v1/contacts', visit({ child_seen: true, outcome: 'attended', ...(attendees ? { attendees } : {}) }));
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(byField(r), {
      child_seen: 'Select no for whether the child was seen, or select the child among the people who attended: they are not listed as attending',
      'attendees.people': 'Select the child among the people who attended, or select no for whether the child was seen',
    });
  }
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
  const ok = await officer.post('/api/v1/contacts', visit({ child_seen: true, attendees: { people: [kid.id, mum.id], practitioners: [] } }));
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.child_seen, true);
});

test('a change is checked against the contact as it will be stored, whichever of its fields it sends', async () => {
  // Stored: the child listed as attending, seen.
  const c = await created(officer, '/api/v1/contacts', visit({ child_seen: true, attendees: { people: [kid.id, mum.id], practitioners: [] } }));
  // "Not seen" alone: the stored attendees list the child.
  const notSeen = await officer.patch(`/api/v1/contacts/${c.id}`, { version: c.version, child_seen: false });
  assert.equal(notSeen.status, 400, notSeen.text);
  assert.deepEqual(Object.keys(byField(notSeen)).sort(), ['attendees.people', 'child_seen']);
  // "Did not attend" alone: the same.
  const dna = await officer.patch(`/api/v1/contacts/${c.id}`, { version: c.version, outcome: 'did_not_attend', child_seen: null });
  assert.equal(dna.status, 400, dna.text);
  assert.deepEqual(Object.keys(byField(dna)).sort(), ['attendees.people', 'outcome']);
  assert.match(byField(dna).outcome, /the outcome is "Did not attend"/);
  // The attendees alone, without the child: the stored "seen: yes".
  const away = await officer.patch(`/api/v1/contacts/${c.id}`, { version: c.version, attendees: { people: [mum.id], practitioners: [] } });
  assert.equal(away.status, 400, away.text);
  assert.deepEqual(Object.keys(byField(away)).sort(), ['attendees.people', 'child_seen']);
  // Nothing changed.
  const now = (await officer.get(`/api/v1/contacts/${c.id}`)).body;
  assert.equal(now.version, c.version);
  assert.equal(now.child_seen, true);
  assert.deepEqual(now.attendees.people.map((p) => p.id).sort(), [kid.id, mum.id].sort());
  // Both together, consistent: stored.
  const both = await officer.patch(`/api/v1/contacts/${c.id}`, { version: c.version, child_seen: false, attendees: { people: [mum.id], practitioners: [] } });
  assert.equal(both.status, 200, both.text);
  assert.equal(both.body.child_seen, false);
});

test('the rule messages of dates name the fields by their labels, not their names', async () => {
  const before = srv.auditHead();
  const off = await officer.post('/api/v1/offences', {
    case_id: caseN.id, offence_date: '2024-03-01', arrest_date: '2024-02-01', description: 'Shop theft', category: 'theft', gravity: 2,
  });
  assert.equal(off.status, 400, off.text);
  assert.equal(byField(off).arrest_date, 'Date of arrest must be the same as or after the date of the offence');
  const future = await officer.post('/api/v1/offences', {
    case_id: caseN.id, offence_date: day(3), description: 'Shop theft', category: 'theft', gravity: 2,
  });
  assert.equal(future.status, 400, future.text);
  assert.equal(byField(future).offence_date, 'Date of the offence must be today or in the past');
  const contact = await officer.post('/api/v1/contacts', visit({ contact_date: day(3) }));
  assert.equal(contact.status, 400, contact.text);
  assert.equal(byField(contact).contact_date, 'Date of the contact must be today or in the past');
  assert.deepEqual(srv.changesSince(before), [], 'nothing stored');
});

test('"three months" between reviews is three calendar months, not 91 days', async () => {
  const off = await created(officer, '/api/v1/offences', {
    case_id: caseN.id, offence_date: '2024-11-01', description: 'Shop theft', category: 'theft', gravity: 2,
  });
  const o = await created(officer, '/api/v1/outcomes', {
    case_id: caseN.id, outcome_type: 'referral_order', outcome_date: '2024-11-30', start_date: '2024-11-30',
    planned_end_date: '2025-11-29', offence_ids: [off.id],
  });
  const review = (await officer.get(`/api/v1/outcomes/${o.id}`)).body.due.find((d) => d.what === 'review');
  // 91 days after 30 November 2024 is 1 March 2025; three months, 28 February.
  assert.equal(review.due_date, '2025-02-28');
});

test('spire report run outside the source tree fails, saying what to give, rather than give 0; given the folders, it reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-fixg-'));
  const env = { ...process.env };
  delete env.SPIRE_FORMS_DIR;
  delete env.SPIRE_POPULATION;
  const run = (extra) => execFileSync(BIN, ['report', '--db', srv.db, '--measure', 'self-assessment-needs',
    '--from', '2024-01-01', '--to', '2024-12-31', '--format', 'json', ...extra], { cwd: dir, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  const fails = (extra) => {
    try { run(extra); } catch (e) { return { status: e.status, stderr: String(e.stderr), stdout: String(e.stdout) }; }
    throw new Error('expected spire report to fail');
  };
  try {
    const noForms = fails([]);
    assert.equal(noForms.status, 1);
    assert.equal(noForms.stdout, '', 'no figures');
    assert.match(noForms.stderr, /^spire: there is no folder of form definitions forms: give --forms DIR/);
    const noPop = fails(['--forms', resolve('forms')]);
    assert.equal(noPop.status, 1);
    assert.match(noPop.stderr, /data\/population\.csv.*give --population FILE/);
    const r = JSON.parse(run(['--forms', resolve('forms'), '--population', resolve('data/population.csv')]));
    assert.equal(r.measure, 'self-assessment-needs');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
