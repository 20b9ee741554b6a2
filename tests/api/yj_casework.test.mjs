// Youth justice casework API: offences, outcomes and interventions (with the
// offences they disposed of and what is due), assessments, KPI snapshots,
// victims and management board meetings (docs/youth-justice-model.md).
// Create/get/list/update/close, 400 naming the field with nothing stored,
// 409 on a stale version, access by case relation, audit rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, createdPerson, KPI_ANSWERS, KPI_NOT_KNOWN } from './lib.mjs';

let srv, officer, officer2, south, manager, managerEh, analyst, parent, social;
let kid, otherKid, caseN, caseS, offence, victimPerson;

const REASON = { 'X-Break-Glass-Reason': 'Police request about an incident tonight' };
const theft = (extra = {}) => ({
  case_id: caseN.id, offence_date: '2024-03-01', description: 'Shop theft', category: 'theft', gravity: 2, ...extra,
});
const order = (extra = {}) => ({
  case_id: caseN.id, outcome_type: 'referral_order', outcome_date: '2024-04-10', start_date: '2024-04-12',
  planned_end_date: '2025-04-11', offence_ids: [offence.id], ...extra,
});

before(async () => {
  srv = await Server.start();
  [officer, officer2, south, manager, managerEh, analyst, parent, social] = await srv.loginAll(
    ['officer', 'officer2', 'officer_south', 'manager', 'manager_eh', 'analyst', 'parent', 'social']);
  kid = await createdPerson(officer, { given_name: 'Jay', family_name: 'Reed', date_of_birth: '2008-06-01' });
  otherKid = await createdPerson(south, { given_name: 'Sol', family_name: 'Hart' });
  victimPerson = await created(officer, '/api/v1/people', { given_name: 'Vic', family_name: 'Tim' });
  caseN = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: '2024-03-05',
  });
  caseS = await created(south, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: otherKid.id, team_id: south.user.team_id, worker_id: south.user.id, start_date: '2024-03-05',
  });
  offence = await created(officer, '/api/v1/offences', theft({ co_accused: true }));
});
after(async () => { await srv.stop(); });

test('offences: create, get, list by case and child, update, stale version, close', async () => {
  assert.equal(offence.person_id, kid.id, 'the child comes from the case');
  assert.equal(offence.version, 1);
  assert.equal(offence.co_accused, true);
  assert.equal(offence.weapon, false);
  assert.deepEqual(offence.victims, []);
  const g = await officer2.get(`/api/v1/offences/${offence.id}`);
  assert.equal(g.status, 200, g.text);
  assert.equal(g.body.category, 'theft');
  const byCase = await officer.get(`/api/v1/offences?case_id=${caseN.id}`);
  assert.equal(byCase.status, 200, byCase.text);
  assert.ok(byCase.body.items.some((o) => o.id === offence.id));
  const byChild = await officer.get(`/api/v1/offences?person_id=${kid.id}`);
  assert.ok(byChild.body.items.some((o) => o.id === offence.id));

  const extra = await created(officer, '/api/v1/offences', theft({ description: 'Criminal damage', category: 'criminal_damage', gravity: 3 }));
  const u = await officer.patch(`/api/v1/offences/${extra.id}`, { version: 1, gravity: 4, weapon: true });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.version, 2);
  assert.equal(u.body.gravity, 4);
  const stale = await officer2.patch(`/api/v1/offences/${extra.id}`, { version: 1, gravity: 8 });
  assert.equal(stale.status, 409, stale.text);
  const kept = (await officer.get(`/api/v1/offences/${extra.id}`)).body;
  assert.equal(`${kept.gravity}|${kept.version}`, '4|2');
  // One change after creation (the earlier version in the history:
  // tests/store/history.test.mjs).
  assert.deepEqual(srv.changes({ record_type: 'offence', record_id: extra.id }), ['create', 'update']);

  const cl = await officer.post(`/api/v1/offences/${extra.id}/close`, { version: 2, reason: 'Entered in error' });
  assert.equal(cl.status, 200, cl.text);
  assert.ok(cl.body.closed_at);
  const after = await officer.get(`/api/v1/offences?case_id=${caseN.id}`);
  assert.ok(!after.body.items.some((o) => o.id === extra.id), 'closed offences are left out');
  const all = await officer.get(`/api/v1/offences?case_id=${caseN.id}&include_closed=true`);
  assert.ok(all.body.items.some((o) => o.id === extra.id));
  assert.equal((await officer.patch(`/api/v1/offences/${extra.id}`, { version: 3, gravity: 1 })).status, 409);
});

test('offences: invalid input is a 400 naming the field, and nothing is stored', async () => {
  const before = srv.auditHead();
  const cases = [
    [theft({ gravity: 9 }), 'gravity'],
    [theft({ gravity: 0 }), 'gravity'],
    [theft({ category: 'burglary' }), 'category'],
    [theft({ offence_date: '2024-02-30' }), 'offence_date'],
    [theft({ offence_date: '2999-01-01' }), 'offence_date'],
    [theft({ arrest_date: '2024-02-01' }), 'arrest_date'],
    [theft({ description: '  ' }), 'description'],
    [theft({ person_id: otherKid.id }), 'person_id'],
    [theft({ case_id: 999999 }), 'case_id'],
    [{ ...theft(), case_id: undefined }, 'case_id'],
    [theft({ weapon: 'yes' }), 'weapon'],
    [theft({ colour: 'red' }), 'colour'],
  ];
  for (const [body, field] of cases) {
    const r = await officer.post('/api/v1/offences', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.error.field, field, r.text);
  }
  assert.deepEqual(srv.changesSince(before), []);
  // A case outside the officer's team cannot take their records.
  const r = await officer.post('/api/v1/offences', theft({ case_id: caseS.id }));
  assert.equal(r.status, 403, r.text);
  assert.equal(r.body.error.field, 'case_id');
  assert.deepEqual(srv.changesSince(before), []);
});

test('outcomes: kind, substantive, offence links, due items, and what only some outcomes have', async () => {
  const o = await created(officer, '/api/v1/outcomes', order({ offence_ids: [offence.id] }));
  assert.equal(o.kind, 'court');
  assert.equal(o.substantive, 1);
  assert.equal(o.reoffending_index_date, '2024-04-10');
  assert.deepEqual(o.offence_ids, [offence.id]);
  const whats = o.due.map((d) => d.what);
  for (const w of ['start_assessment', 'start_kpi', 'end_assessment', 'transition_plan', 'review']) assert.ok(whats.includes(w), `${w} in ${whats}`);
  const sa = o.due.find((d) => d.what === 'start_assessment');
  assert.equal(sa.due_date, '2024-05-10');
  assert.equal(sa.overdue, true);
  const g = await officer.get(`/api/v1/offences/${offence.id}`);
  assert.deepEqual(g.body.outcome_ids, [o.id]);

  // Custody counts from release.
  const dto = await created(officer, '/api/v1/outcomes', {
    case_id: caseN.id, outcome_type: 'detention_training_order', outcome_date: '2024-05-01', start_date: '2024-05-01',
    planned_end_date: '2024-11-01', release_date: '2024-08-01', offence_ids: [offence.id],
  });
  assert.equal(dto.kind, 'custody');
  assert.equal(dto.reoffending_index_date, '2024-08-01');
  assert.ok(dto.due.some((d) => d.what === 'release_assessment' && d.due_date === '2024-08-15'));
  const diversion = await created(officer, '/api/v1/outcomes', { case_id: caseN.id, outcome_type: 'community_resolution', outcome_date: '2024-03-10' });
  assert.equal(diversion.kind, 'pre_court');
  assert.equal(diversion.substantive, 0);
  assert.equal(diversion.reoffending_index_date, null);
  assert.equal(diversion.due, undefined, 'no intervention, nothing due');

  const before = srv.auditHead();
  const otherOffence = await created(south, '/api/v1/offences', {
    case_id: caseS.id, offence_date: '2024-03-01', description: 'Robbery', category: 'robbery', gravity: 6,
  });
  const bad = [
    [order({ release_date: '2024-06-01' }), 'release_date'],
    [order({ outcome_type: 'caution' }), 'outcome_type'],
    [order({ end_date: '2024-06-01' }), 'end_reason'],
    [order({ end_reason: 'completed' }), 'end_date'],
    [order({ end_date: '2024-06-01', end_reason: 'transferred_out' }), 'transferred_to'],
    [order({ transferred_from: 'Warwickshire YJS' }), 'transferred_from'],
    [order({ yro_requirements: ['curfew'] }), 'yro_requirements'],
    [order({ outcome_type: 'youth_rehabilitation_order', yro_requirements: ['juggling'] }), 'yro_requirements'],
    [order({ start_date: '2024-04-01' }), 'start_date'],
    [order({ planned_end_date: '2024-04-01' }), 'planned_end_date'],
    [order({ offence_ids: [offence.id, otherOffence.id] }), 'offence_ids[1]'],
    [order({ offence_ids: [offence.id, offence.id] }), 'offence_ids[1]'],
    [order({ offence_ids: [424242] }), 'offence_ids[0]'],
    [order({ offence_ids: 'all' }), 'offence_ids'],
  ];
  for (const [body, field] of bad) {
    const r = await officer.post('/api/v1/outcomes', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.error.field, field, r.text);
  }
  assert.deepEqual(srv.changesSince(before), [`create offence ${otherOffence.id}`], 'no outcome or offence link stored');

  // A YRO with requirements; ending it; replacing the offence links.
  const yro = await created(officer, '/api/v1/outcomes', order({
    outcome_type: 'youth_rehabilitation_order', yro_requirements: ['supervision', 'curfew'],
  }));
  assert.deepEqual(yro.yro_requirements, ['supervision', 'curfew']);
  const ended = await officer.patch(`/api/v1/outcomes/${yro.id}`, {
    version: 1, end_date: '2024-09-01', end_reason: 'transferred_out', transferred_to: 'Warwickshire YJS', offence_ids: [offence.id],
  });
  assert.equal(ended.status, 200, ended.text);
  assert.deepEqual(ended.body.offence_ids, [offence.id]);
  assert.deepEqual(ended.body.due, [], 'nothing is due on an order that has ended (issue 10 section 2)');
  // A sentence keeps at least one offence (issue 7).
  const unlinked = await officer.patch(`/api/v1/outcomes/${yro.id}`, { version: 2, offence_ids: [] });
  assert.equal(unlinked.status, 400, unlinked.text);
  assert.equal(unlinked.body.error.field, 'offence_ids');
  const second = await created(officer, '/api/v1/offences', theft({ description: 'Second shop theft' }));
  const relinked = await officer.patch(`/api/v1/outcomes/${yro.id}`, { version: 2, offence_ids: [second.id] });
  assert.deepEqual(relinked.body.offence_ids, [second.id]);
  assert.deepEqual((await officer.get(`/api/v1/outcomes/${yro.id}`)).body.offence_ids, [second.id], 'the old link is gone');
  // (The old link kept, marked removed: tests/store/history.test.mjs.)
  const stale = await officer.patch(`/api/v1/outcomes/${yro.id}`, { version: 2, notes: 'late' });
  assert.equal(relinked.body.version, 3);
  assert.equal(stale.status, 409);
});

test('assessments and KPI snapshots take items off the due list', async () => {
  // The same order on the same day for the same offence: recorded again on
  // purpose (allow_duplicate), as the probable-duplicate check asks.
  const o = await created(officer, '/api/v1/outcomes', order({ allow_duplicate: true }));
  const bad = await officer.post('/api/v1/assessments', {
    case_id: caseN.id, outcome_id: o.id, assessment_type: 'assetplus', stage: 'start', assessment_date: '2024-04-20',
    likelihood_of_reoffending: 'low', safety_wellbeing: 'medium',
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'risk_of_serious_harm');
  const release = await officer.post('/api/v1/assessments', {
    case_id: caseN.id, outcome_id: o.id, assessment_type: 'prevention_diversion', stage: 'release', assessment_date: '2024-04-20',
  });
  assert.equal(release.body.error.field, 'outcome_id', release.text);
  const a = await created(officer, '/api/v1/assessments', {
    case_id: caseN.id, outcome_id: o.id, assessment_type: 'assetplus', stage: 'start', assessment_date: '2024-04-20',
    likelihood_of_reoffending: 'low', risk_of_serious_harm: 'medium', safety_wellbeing: 'high', intervention_level: 'enhanced',
  });
  assert.equal(a.person_id, kid.id);
  const pd = await created(officer, '/api/v1/assessments', {
    case_id: caseN.id, assessment_type: 'prevention_diversion', stage: 'start', assessment_date: '2024-03-20',
    circumstances: 'Lives with gran', exploitation: 'None known', childs_plan: 'Boxing club', exit_plan: 'Youth club',
  });
  assert.equal(pd.childs_plan, 'Boxing club');
  const au = await officer.patch(`/api/v1/assessments/${a.id}`, { version: 1, safety_wellbeing: 'very_high' });
  assert.equal(au.status, 200, au.text);
  assert.equal((await officer.patch(`/api/v1/assessments/${a.id}`, { version: 1, stage: 'end' })).status, 409);

  // A blank form is refused: nothing is answered for the practitioner,
  // and every question left unanswered is named at once.
  const blankBefore = srv.auditHead();
  const blank = await officer.post('/api/v1/kpi-snapshots', { outcome_id: o.id, point: 'start', measured_on: '2024-04-12' });
  assert.equal(blank.status, 400, blank.text);
  assert.deepEqual(blank.body.errors.map((e) => e.field).sort(), [...KPI_ANSWERS].sort());
  assert.equal(blank.body.errors.find((e) => e.field === 'looked_after').message, 'Select whether the child is looked after');
  assert.equal(blank.body.errors.find((e) => e.field === 'accommodation').message, 'Select the type of accommodation, or not known');
  assert.deepEqual(srv.changesSince(blankBefore), []);
  const snap = { ...KPI_NOT_KNOWN, outcome_id: o.id, point: 'start', measured_on: '2024-04-12', accommodation: 'with_parents',
    accommodation_suitable: true, ete_provision: 'mainstream_school', ete_suitable: true, ete_attending: false,
    ete_hours_offered: 25, ete_hours_attended: 10, send_identified: true, learning_plan: 'ehcp',
    mental_health_need: true, mental_health_offered: true, mental_health_attending: null, child_in_need: true };
  const before = srv.auditHead();
  for (const [body, field] of [
    [{ ...snap, ete_hours_attended: 30 }, 'ete_hours_attended'],
    [{ ...snap, substance_misuse_offered: true }, 'substance_misuse_offered'],
    [{ ...snap, point: 'release' }, 'point'],
    [{ ...snap, ete_hours_offered: 61 }, 'ete_hours_offered'],
    [{ ...snap, case_id: caseN.id }, 'case_id'],
    [{ ...snap, accommodation: 'castle' }, 'accommodation'],
  ]) {
    const r = await officer.post('/api/v1/kpi-snapshots', body);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.field, field, r.text);
  }
  assert.deepEqual(srv.changesSince(before), []);
  const k = await created(officer, '/api/v1/kpi-snapshots', snap);
  assert.equal(k.case_id, caseN.id);
  assert.equal(k.person_id, kid.id);
  assert.equal(k.mental_health_attending, null, 'not known stays null');
  assert.equal(k.looked_after, null);
  assert.equal(k.ete_attending, false);
  assert.equal((await officer2.get(`/api/v1/kpi-snapshots/${k.id}`)).body.looked_after, null, 'stored as not known');
  const dup = await officer.post('/api/v1/kpi-snapshots', snap);
  assert.equal(dup.status, 400);
  assert.equal(dup.body.error.field, 'point');
  const g = await officer.get(`/api/v1/outcomes/${o.id}`);
  const whats = g.body.due.map((d) => d.what);
  assert.ok(!whats.includes('start_assessment') && !whats.includes('start_kpi'), whats.join());
  const review = g.body.due.find((d) => d.what === 'review');
  assert.equal(review.due_date, '2024-07-20', 'three months after the start assessment');
  const lst = await officer.get(`/api/v1/kpi-snapshots?person_id=${kid.id}`);
  assert.ok(lst.body.items.some((x) => x.id === k.id && x.accommodation_suitable === true));
});

test('the due list: my caseload and my team, not another team', async () => {
  const mine = await officer.get('/api/v1/outcomes/due?scope=mine&within=366');
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.body.items.length > 0);
  for (const row of mine.body.items) {
    assert.equal(row.person_id, kid.id);
    assert.ok(row.due.length > 0);
  }
  const overdue = await officer.get('/api/v1/outcomes/due?overdue=true');
  assert.ok(overdue.body.items.every((r) => r.due.every((d) => d.overdue)));
  const team = await officer2.get('/api/v1/outcomes/due?scope=team');
  assert.ok(team.body.items.some((r) => r.person_id === kid.id));
  const other = await south.get('/api/v1/outcomes/due?scope=team');
  assert.ok(!other.body.items.some((r) => r.person_id === kid.id));
  assert.equal((await officer.get('/api/v1/outcomes/due?scope=all')).body.error.field, 'scope');
  assert.equal((await officer.get('/api/v1/outcomes/due?within=999')).body.error.field, 'within');
});

test('victims: linked to an offence, about the victim, never for the family', async () => {
  const v = await created(officer, '/api/v1/victims', {
    offence_id: offence.id, victim_id: victimPerson.id, consent_to_contact: true, rj_offered: true, rj_taken_part: false,
  });
  assert.equal(v.person_id, kid.id);
  assert.equal(v.case_id, caseN.id);
  assert.equal(v.given_name, 'Vic');
  const g = await officer.get(`/api/v1/offences/${offence.id}`);
  assert.deepEqual(g.body.victims.map((x) => x.victim_id), [victimPerson.id]);
  for (const [body, field] of [
    [{ offence_id: offence.id, victim_id: victimPerson.id }, 'victim_id'],
    [{ offence_id: offence.id, victim_id: kid.id }, 'victim_id'],
    [{ offence_id: offence.id, victim_id: otherKid.id }, 'victim_id'],
    [{ offence_id: offence.id, victim_id: victimPerson.id, rj_taken_part: true }, 'victim_id'],
    [{ offence_id: 999999, victim_id: victimPerson.id }, 'offence_id'],
  ]) {
    const r = await officer.post('/api/v1/victims', body);
    assert.ok(r.status === 400 || r.status === 403, r.text);
    assert.equal(r.body.error.field, field, r.text);
  }
  const rj = await officer.patch(`/api/v1/victims/${v.id}`, { version: 1, rj_offered: false, rj_taken_part: true });
  assert.equal(rj.status, 400);
  assert.equal(rj.body.error.field, 'rj_taken_part');
  // The audit trail names the victim for victim records.
  const audit = await manager.get(`/api/v1/audit?person_id=${victimPerson.id}`);
  assert.ok(audit.body.items.some((i) => i.record_type === 'victim' && i.action === 'create'), audit.text);
  // Parents and other services never reach them.
  for (const c of [parent, social, analyst, south]) {
    assert.equal((await c.get(`/api/v1/victims/${v.id}`)).status, 403);
    assert.equal((await c.get(`/api/v1/victims?case_id=${caseN.id}`)).status, 403);
  }
  const listed = await officer.get(`/api/v1/victims?person_id=${kid.id}`);
  assert.deepEqual(listed.body.items.map((x) => x.id), [v.id]);
});

test('access: own case and team yes; other team, analyst, parent, other service no; break glass reads', async () => {
  const path = `/api/v1/offences/${offence.id}`;
  assert.equal((await officer.get(path)).status, 200);
  assert.equal((await officer2.get(path)).status, 200);
  assert.equal((await manager.get(path)).status, 200);
  for (const c of [south, analyst, parent, social, managerEh]) assert.equal((await c.get(path)).status, 403, c.user.username);
  assert.equal((await south.patch(path, { version: 1, gravity: 1 })).status, 403);
  assert.equal((await south.get(`/api/v1/outcomes?person_id=${kid.id}`)).status, 403);
  const bg = await south.get(path, REASON);
  assert.equal(bg.status, 200, bg.text);
  const bgList = await south.get(`/api/v1/offences?person_id=${kid.id}`, REASON);
  assert.equal(bgList.status, 200, bgList.text);
  assert.ok(bgList.body.items.length > 0);
  // (Through the child, a user sees only the records on cases they may
  // open, with an early help case no API request can make:
  // tests/store/legacy_rows.test.mjs.)
});

test('audit: every read, list and write of a youth justice record is recorded about the child', async () => {
  const a = await manager.get(`/api/v1/audit?person_id=${kid.id}&limit=200`);
  assert.equal(a.status, 200, a.text);
  const seen = new Set(a.body.items.map((i) => `${i.record_type}:${i.action}`));
  for (const k of ['offence:create', 'offence:read', 'offence:list', 'offence:update', 'offence:close', 'offence:denied',
    'outcome:create', 'outcome:update', 'outcome:list', 'assessment:create', 'assessment:update',
    'kpi_snapshot:create', 'kpi_snapshot:list']) assert.ok(seen.has(k), `${k} in audit`);
  const glass = a.body.items.find((i) => i.record_type === 'offence' && i.break_glass);
  assert.ok(glass, 'break-glass read flagged');
});

test('board meetings: youth justice managers keep them, analysts read them', async () => {
  const body = {
    meeting_date: '2024-06-12', title: 'Quarterly board',
    attendance: [
      { agency: 'police', attended: true, senior: true, disproportionality_data: true },
      { agency: 'health', attended: true, senior: false },
      { agency: 'education', attended: false },
    ],
  };
  const m = await created(manager, '/api/v1/board-meetings', body);
  assert.equal(m.attendance.length, 3);
  assert.deepEqual(m.attendance[0], { agency: 'police', attended: true, senior: true, disproportionality_data: true });
  assert.equal((await managerEh.post('/api/v1/board-meetings', body)).status, 403);
  assert.equal((await officer.post('/api/v1/board-meetings', body)).status, 403);
  assert.equal((await officer.get(`/api/v1/board-meetings/${m.id}`)).status, 403);
  const r = await analyst.get(`/api/v1/board-meetings/${m.id}`);
  assert.equal(r.status, 200, r.text);
  const before = srv.auditHead();
  for (const [b, field] of [
    [{ ...body, attendance: [{ agency: 'police', attended: false, senior: true }] }, 'attendance[0].senior'],
    [{ ...body, attendance: [{ agency: 'mi5', attended: true }] }, 'attendance[0].agency'],
    [{ ...body, attendance: [{ agency: 'police', attended: 'yes' }] }, 'attendance[0].attended'],
    [{ ...body, attendance: [{ agency: 'police' }, { agency: 'police' }] }, 'attendance[1].agency'],
    [{ ...body, meeting_date: 'June' }, 'meeting_date'],
  ]) {
    const x = await manager.post('/api/v1/board-meetings', b);
    assert.equal(x.status, 400, x.text);
    assert.equal(x.body.error.field, field, x.text);
  }
  assert.deepEqual(srv.changesSince(before), []);
  const u = await manager.patch(`/api/v1/board-meetings/${m.id}`, { version: 1, attendance: [{ agency: 'probation', attended: true }] });
  assert.equal(u.status, 200, u.text);
  assert.deepEqual(u.body.attendance.map((x) => x.agency), ['probation']);
  assert.equal((await manager.patch(`/api/v1/board-meetings/${m.id}`, { version: 1, title: 'x' })).status, 409);
  const list = await analyst.get('/api/v1/board-meetings?from=2024-01-01&to=2024-12-31');
  assert.deepEqual(list.body.items.map((x) => x.id), [m.id]);
  const cl = await manager.post(`/api/v1/board-meetings/${m.id}/close`, { version: 2, reason: 'Duplicate' });
  assert.equal(cl.status, 200, cl.text);
  assert.equal((await analyst.get('/api/v1/board-meetings')).body.items.length, 0);
});
