// Session 27: what a Family Hub worker is told when refused a youth justice
// record. Each kind a reason may open answers "give a reason" (the page
// offers the reason form) and opens with one, flagged; a victim record,
// which no reason opens for a role outside youth justice, says why and who
// to ask (docs/access.md, "Youth justice records").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, created, daleFamilyWithOrder, KPI_NOT_KNOWN } from './lib.mjs';

let srv, officer, hub, managerEh, d, rec;
const REASON = 'Strategy meeting about the family this afternoon';

before(async () => {
  srv = await Server.start();
  [officer, hub, managerEh] = await srv.loginAll(['officer', 'hub', 'manager_eh']);
  d = await daleFamilyWithOrder(officer);
  const offence = (await officer.get(`/api/v1/offences?case_id=${d.yjCase.id}`)).body.items[0];
  const victim = await created(officer, '/api/v1/people', { given_name: 'Vic', family_name: 'Tim' });
  rec = {
    offences: offence.id,
    outcomes: d.outcome.id,
    assessments: (await created(officer, '/api/v1/assessments', {
      case_id: d.yjCase.id, outcome_id: d.outcome.id, assessment_type: 'assetplus', stage: 'start',
      assessment_date: d.outcome.start_date, likelihood_of_reoffending: 'low', risk_of_serious_harm: 'low', safety_wellbeing: 'medium',
    })).id,
    'kpi-snapshots': (await created(officer, '/api/v1/kpi-snapshots', {
      ...KPI_NOT_KNOWN, outcome_id: d.outcome.id, point: 'start', measured_on: d.outcome.start_date,
    })).id,
    hearings: (await created(officer, '/api/v1/hearings', {
      case_id: d.yjCase.id, court: 'Town Youth Court', hearing_date: d.outcome.outcome_date, hearing_type: 'sentence', hearing_outcome: 'sentenced',
    })).id,
    victims: (await created(officer, '/api/v1/victims', { offence_id: offence.id, victim_id: victim.id, consent_to_contact: true })).id,
  };
});
after(async () => { await srv.stop(); });

test('a youth justice record outside the hub worker\'s caseload asks for a reason, and opens with one', async () => {
  for (const kind of ['offences', 'outcomes', 'assessments', 'kpi-snapshots', 'hearings']) {
    const path = `/api/v1/${kind}/${rec[kind]}`;
    const r = await hub.get(path);
    assert.equal(r.status, 403, `${kind}: ${r.text}`);
    assert.equal(r.body.error.message, 'This record is outside your caseload. To view it, give a reason', kind);
    const g = await hub.get(path, { 'X-Break-Glass-Reason': REASON });
    assert.equal(g.status, 200, `${kind}: ${g.text}`);
  }
});

test('a victim record says why no reason opens it, and who to ask', async () => {
  const want = 'Only youth justice officers and youth justice managers can see victims, so a reason does not open their records. '
    + 'If you need to know about a victim, ask the child’s youth justice officer';
  // The route refuses the hub worker's role; the record refuses a manager
  // of another service: both in the same words.
  for (const c of [hub, managerEh]) {
    for (const path of [`/api/v1/victims/${rec.victims}`, `/api/v1/victims?case_id=${d.yjCase.id}`]) {
      for (const h of [{}, { 'X-Break-Glass-Reason': REASON }]) {
        const r = await c.get(path, h);
        assert.equal(r.status, 403, r.text);
        assert.equal(r.body.error.field, null);
        assert.equal(r.body.error.message, want, `${c.user.username} ${path}`);
      }
    }
  }
});
