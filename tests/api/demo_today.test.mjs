// spire demo dates every record relative to the day it is loaded (the UK
// civil date, or --today): what is overdue and due soon on the parent
// worker's home page is plausible on that day, and nothing is dated a
// month behind it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, spire, spireFail, ukToday } from './lib.mjs';

const DEMO_PASSWORD = 'spire-demo-password';
const dir = mkdtempSync(join(tmpdir(), 'spire-demo-today-'));
after(() => { if (!process.env.KEEP_TEST_DB) rmSync(dir, { recursive: true, force: true }); });

const addDays = (iso, n) => new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

// The latest case start and contact, and the parent worker's due list.
async function datesOf(db) {
  const srv = await Server.start({ db });
  try {
    const m = await srv.login('demo.manager', DEMO_PASSWORD);
    const starts = [];
    for (let offset = 0; ; offset += 200) {
      const r = await m.get(`/api/v1/cases?limit=200&offset=${offset}`);
      assert.equal(r.status, 200, r.text);
      starts.push(...r.body.items.map((c) => c.start_date));
      if (!r.body.has_more) break;
    }
    const pw = await srv.login('lisa.grey', DEMO_PASSWORD); // the Parenting Team's manager: the service's due list
    const due = (await pw.get('/api/v1/parenting/due')).body.items;
    return { latestStart: starts.sort().pop(), due };
  } finally {
    await srv.stop();
  }
}

test('without --today the demo is dated from the UK date of the load', async () => {
  const db = join(dir, 'now.db');
  const out = spire(['demo', '--db', db, '--seed', '6', '--children', '120']);
  assert.match(out, /people/);
  const today = ukToday();
  const { latestStart, due } = await datesOf(db);
  assert.ok(latestStart <= today && latestStart >= addDays(today, -60), `the latest case started ${latestStart}, today ${today}`);
  // Overdue and due soon, both, on the day of the load.
  assert.ok(due.some((x) => x.overdue && x.due_date >= addDays(today, -60)), `something recently overdue: ${JSON.stringify(due.map((x) => [x.what, x.due_date, x.overdue]))}`);
  assert.ok(due.some((x) => !x.overdue && x.due_date >= today && x.due_date <= addDays(today, 14)), 'something due in the next fortnight');
});

test('the demo\'s plans and parenting cases: plans dated by their own days, reviews that differ, owners in the family or an agency, cases about parents', async () => {
  const srv = await Server.start({ db: join(dir, 'now.db') });
  try {
    const lisa = await srv.login('lisa.grey', DEMO_PASSWORD); // the Parenting Team's manager
    const cases = (await lisa.get('/api/v1/cases?limit=200')).body.items.filter((c) => c.service_code === 'parenting');
    assert.ok(cases.length > 5, `${cases.length} parenting cases`);
    const aboutChildren = [];
    const families = new Set();
    for (const c of cases) {
      const person = (await lisa.get(`/api/v1/people/${c.person_id}`)).body;
      for (const f of person.families || []) families.add(f.id ?? f.family_id);
      const asChild = (person.families || []).some((f) => (f.members || []).some((m) => m.person_id === c.person_id && m.member_type === 'child'));
      if (asChild) aboutChildren.push(c.id);
    }
    assert.deepEqual(aboutChildren, [], 'a parenting case is about a parent, never a child');
    // Plans through the key workers' families.
    const plans = [];
    for (const id of families) {
      const r = await lisa.get(`/api/v1/family-plans?family_id=${id}`);
      if (r.status === 200) plans.push(...r.body.items);
    }
    assert.ok(plans.length >= 1, `${plans.length} plans read`);
    const words = new Set();
    let reviews = 0;
    for (const plan of plans.slice(0, 12)) {
      const v = (await lisa.get(`/api/v1/family-plans/${plan.id}/versions`)).body.items;
      assert.equal(v[v.length - 1].changed_at.slice(0, 10), plan.agreed_on, `plan ${plan.id}: its first version is dated the day it was agreed`);
      const acts = (await lisa.get(`/api/v1/family-plan-actions?plan_id=${plan.id}&limit=200`)).body.items;
      assert.ok(acts.length > 0, `plan ${plan.id} has actions`);
      for (const a of acts) assert.ok(['family_member', 'agency'].includes(a.owner_type), `action ${a.id} owned by ${a.owner_type}`);
      const revs = (await lisa.get(`/api/v1/family-plan-reviews?plan_id=${plan.id}&limit=200`)).body.items;
      for (const rv of revs) words.add(`${rv.family_words}|${rv.practitioner_words}`);
      reviews += revs.length;
    }
    // Steps to Change: some families do not improve.
    const analyst = await srv.login('demo.analyst', DEMO_PASSWORD);
    const today = ukToday();
    const steps = await analyst.get(`/api/v1/measures/steps-to-change?from=${addDays(today, -730)}&to=${today}&interval=year`);
    assert.equal(steps.status, 200, steps.text);
    const improved = steps.body.numerator, scored = steps.body.denominator;
    assert.ok(scored > 0 && improved < scored, `families improved: ${improved} of ${scored}`);
    // Parents seen at the start, reviews and end: about all of them (the seed's 100 %).
    const seen = await analyst.get(`/api/v1/measures/parents-seen?from=${addDays(today, -365)}&to=${today}`);
    assert.equal(seen.status, 200, seen.text);
    assert.ok(seen.body.denominator > 10 && seen.body.value >= 90, `parents seen: ${seen.body.numerator} of ${seen.body.denominator}`);
    // Reviews differ: three kinds of words or more, or each review its own
    // (a plan not reviewed yet has none to count).
    assert.ok(words.size >= Math.min(3, reviews), `reviews differ: ${reviews} reviews, ${[...words].join(' / ')}`);
  } finally {
    await srv.stop();
  }
});

test('--today gives the day the dates are relative to; a bad one is refused', async () => {
  spire(['demo', '--db', join(dir, 'a.db'), '--seed', '5', '--children', '120', '--today', '2026-06-15']);
  spire(['demo', '--db', join(dir, 'b.db'), '--seed', '5', '--children', '120', '--today', '2026-07-15']);
  const a = await datesOf(join(dir, 'a.db'));
  const b = await datesOf(join(dir, 'b.db'));
  assert.ok(a.latestStart <= '2026-06-15' && a.latestStart >= '2026-04-16', `the latest case started ${a.latestStart}`);
  assert.equal(b.latestStart, addDays(a.latestStart, 30), 'the same data, thirty days later');
  const bad = spireFail(['demo', '--db', join(dir, 'bad.db'), '--today', '2026-02-30']);
  assert.match(bad.stderr, /--today must be a real date/);
});

test('the demo parent account sees its own family with a plan and Steps to Change scores', async () => {
  const srv = await Server.start({ db: join(dir, 'now.db') });
  try {
    const parent = await srv.login('demo.parent', DEMO_PASSWORD);
    const r = await parent.get('/api/v1/my-family');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.members.some((m) => m.person_id === r.body.person_id), 'the parent is a member');
    assert.ok(r.body.plan && r.body.plan.wants_to_change, `a plan in the family's words: ${JSON.stringify(r.body.plan)}`);
    const steps = r.body.steps_to_change;
    assert.ok(steps.scorings.length >= 1, 'scored at least once');
    assert.ok(steps.first && steps.first.authored <= ukToday(), JSON.stringify(steps.first));
  } finally {
    await srv.stop();
  }
});
