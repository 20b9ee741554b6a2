// The team's week in real Chromium (docs/team-week.md): the manager's home
// (workload, unallocated work, the team's overdue items and the caseload at
// a glance), allocating from a caseload row and from the case page with Back
// returning where it came from, the child's page at a glance with an alert
// added and ended, the chronology filtered and printable, the due list of
// every service with "Due today", and the officer's own caseload at a
// glance. axe-core runs on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { ukDay as day, ukToday } from '../api/lib.mjs';

const env = suite();
// The UK date, as the server and the page read "today".
const TODAY = ukToday();
let officer, manager, kid, kid2, caseK, caseU;

// The data, made once by the first test that runs (after the suite's
// server has started).
let made = null;
const setup = () => { made ??= makeData(); return made; };
async function makeData() {
  [officer, manager] = await Promise.all([env.srv.login('officer'), env.srv.login('manager')]);
  const team = officer.user.team_id;
  kid = await created(officer, '/api/v1/people', { given_name: 'Zara', family_name: 'Aldous', date_of_birth: '2009-04-04' });
  kid2 = await created(officer, '/api/v1/people', { given_name: 'Yusuf', family_name: 'Bell', date_of_birth: '2009-05-05' });
  caseK = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred by the court', person_id: kid.id, team_id: team, worker_id: officer.user.id, start_date: day(-90),
  });
  caseU = await created(manager, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred by the police', person_id: kid2.id, team_id: team, start_date: day(-10),
  });
  const offence = await created(officer, '/api/v1/offences', {
    case_id: caseK.id, offence_date: day(-100), description: 'Robbery of a phone', category: 'robbery', gravity: 5,
  });
  const order = await created(officer, '/api/v1/outcomes', {
    case_id: caseK.id, outcome_type: 'youth_rehabilitation_order', outcome_date: day(-80), start_date: day(-79),
    planned_end_date: day(200), offence_ids: [offence.id],
  });
  await created(officer, '/api/v1/assessments', {
    case_id: caseK.id, outcome_id: order.id, assessment_type: 'assetplus', stage: 'start', assessment_date: day(-60),
    likelihood_of_reoffending: 'high', risk_of_serious_harm: 'high', safety_wellbeing: 'very_high',
  });
  await created(officer, '/api/v1/contacts', {
    case_id: caseK.id, contact_date: day(-3), contact_type: 'home_visit', summary: 'Disclosed being asked to carry drugs.',
    significant: true, attendees: { people: [kid.id], practitioners: [officer.user.id] },
  });
  await created(officer, '/api/v1/alerts', {
    person_id: kid.id, alert_type: 'risk_to_workers', details: 'Older brother threatened staff', start_date: day(-5),
  });
  await created(manager, '/api/v1/tasks', { case_id: caseU.id, title: 'Ring the school', due_date: TODAY, owner_id: officer.user.id });
}

test("the manager's home: workload, unallocated work, overdue items and the caseload at a glance; allocating from a row", async () => {
  await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await s.heading('Team caseload');
  await s.axe('team caseload');
  await s.shot('team-caseload');
  const workload = page.locator('table', { has: page.locator('caption', { hasText: 'Workload' }) });
  const officerRow = workload.locator('tr', { hasText: 'Test officer' }).first();
  assert.match(await officerRow.textContent(), /Youth justice officer\s*1\s*1/);
  await page.getByText('1 case is not allocated to a worker.').waitFor();
  const overdue = page.locator('table', { has: page.locator('caption', { hasText: 'The team’s overdue items' }) });
  assert.match(await overdue.textContent(), /Zara Aldous/);
  const row = page.locator('table', { has: page.locator('caption', { hasText: /^Open cases/ }) }).locator('tr', { hasText: 'Zara Aldous' });
  const text = await row.textContent();
  assert.match(text, /Youth rehabilitation order/);
  assert.match(text, /High/);
  assert.match(text, /Very high/);
  assert.match(text, /Risk to workers/);
  assert.match(text, /Overdue/);
  const bell = page.locator('tr', { hasText: 'Yusuf Bell' }).last();
  assert.match(await bell.textContent(), /Unallocated/);
  assert.match(await bell.textContent(), /Due today/, 'a task due today says so');

  // Allocate the unallocated case from its row; Back and the form return here.
  await bell.getByRole('link', { name: 'Allocate' }).click();
  await s.heading('Allocate Yusuf Bell’s case');
  await s.axe('allocate a case');
  await page.getByLabel(/Test officer2/).check();
  await page.getByRole('button', { name: 'Allocate case' }).click();
  await s.heading('Team caseload');
  await page.getByText('Yusuf Bell’s case is allocated to Test officer2.').waitFor();
  assert.match(await page.locator('tr', { hasText: 'Yusuf Bell' }).last().textContent(), /Test officer2/);
  const updated = (await manager.get(`/api/v1/cases/${caseU.id}`)).body;
  assert.equal(updated.worker_id, (await env.srv.login('officer2')).user.id);

  // Only the worker's cases.
  await page.getByLabel('Whose cases').selectOption({ label: 'Test officer2' });
  await page.getByRole('button', { name: 'Show cases' }).click();
  await page.locator('caption', { hasText: 'Cases of Test officer2 (1)' }).waitFor();
  await s.axe('one worker\'s cases');
  s.assertClean();
  await s.close();
});

test("a manager's Due and overdue opens on the team's work, and My work is a choice", async () => {
  await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await page.getByRole('link', { name: 'Due and overdue' }).click();
  await s.heading('Due and overdue');
  assert.equal(await page.getByRole('radio', { name: 'My team' }).isChecked(), true);
  const list = page.locator('table', { has: page.locator('caption', { hasText: 'Due and overdue in my team’s work' }) });
  assert.match(await list.textContent(), /Zara Aldous/);
  await s.axe('due and overdue, a manager');
  await page.getByRole('radio', { name: 'My work' }).check();
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/scope=mine/);
  await s.drawn();
  await page.getByText('Nothing is due in this time.').waitFor();
  assert.equal(await page.getByRole('radio', { name: 'My work' }).isChecked(), true);
  s.assertClean();
  await s.close();
});

test('reallocating from the case page, Back returns to the case', async () => {
  await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await s.goto(`#/cases/${caseK.id}`);
  await s.heading(/Youth justice case – Zara Aldous/);
  await page.getByRole('link', { name: 'Reallocate' }).click();
  await s.heading('Reallocate Zara Aldous’s case');
  await page.getByRole('link', { name: 'Back' }).click();
  await s.heading(/Youth justice case – Zara Aldous/);
  // The worker's open tasks on the case are shown, and go with the case.
  const task = await created(manager, '/api/v1/tasks', { case_id: caseK.id, title: 'Visit the college', due_date: day(300), owner_id: officer.user.id });
  await page.getByRole('link', { name: 'Reallocate' }).click();
  await s.heading('Reallocate Zara Aldous’s case');
  const held = page.locator('table', { has: page.locator('caption', { hasText: 'Open tasks Test officer holds on this case' }) });
  assert.match(await held.textContent(), /Visit the college/);
  // Every open task the officer holds on the case, this one among them.
  const open = (await manager.get(`/api/v1/tasks?case_id=${caseK.id}&status=open`)).body.items.filter((x) => x.owner_id === officer.user.id);
  const n = open.length;
  assert.equal(await held.locator('tbody tr').count(), n);
  const tasks = n === 1 ? '1 open task' : `${n} open tasks`;
  const move = page.getByLabel(n === 1 ? 'Move this open task to the new worker' : `Move these ${n} open tasks to the new worker`);
  assert.equal(await move.isChecked(), true);
  await s.axe('reallocate a case with open tasks');
  await page.getByLabel(/Test officer2/).check();
  await page.getByRole('button', { name: 'Reallocate case' }).click();
  await page.getByText(`Zara Aldous’s case is allocated to Test officer2. ${tasks} moved to Test officer2.`).waitFor();
  assert.equal((await manager.get(`/api/v1/tasks/${task.id}`)).body.owner_id, (await env.srv.login('officer2')).user.id);
  // Back to the officer, the task kept with officer2 this time.
  await page.getByRole('link', { name: 'Reallocate' }).click();
  await s.heading('Reallocate Zara Aldous’s case');
  await page.getByLabel(/^Test officer \(/).check();
  await move.uncheck();
  await page.getByRole('button', { name: 'Reallocate case' }).click();
  await page.getByText(`Zara Aldous’s case is allocated to Test officer. ${tasks} ${n === 1 ? 'stays' : 'stay'} with Test officer2.`).waitFor();
  const t = (await manager.get(`/api/v1/tasks/${task.id}`)).body;
  assert.equal(t.owner_id, (await env.srv.login('officer2')).user.id);
  // Put things back as the later tests expect them: the officer's tasks.
  for (const x of open) {
    const now = (await manager.get(`/api/v1/tasks/${x.id}`)).body;
    if (x.id === task.id) {
      assert.equal((await manager.post(`/api/v1/tasks/${x.id}/close`, { version: now.version, reason: 'Made for the test' })).status, 200);
    } else {
      assert.equal((await manager.patch(`/api/v1/tasks/${x.id}`, { version: now.version, owner_id: officer.user.id })).status, 200);
    }
  }
  s.assertClean();
  await s.close();
});

test("a manager opening a case chooses the worker: nobody is preselected", async () => {
  await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  const kid3 = await created(manager, '/api/v1/people', { given_name: 'Xavi', family_name: 'Cruz', date_of_birth: '2010-01-01' });
  await s.goto(`#/people/${kid3.id}/cases/new`);
  await s.heading('Open a case for Xavi Cruz');
  assert.equal(await page.getByLabel('Allocated worker').inputValue(), '');
  // The only service there is to choose is chosen, so the case saves.
  const services = page.locator('input[name="service"]');
  assert.equal(await services.count(), 1);
  assert.equal(await services.first().isChecked(), true);
  // Only the chosen team's workers are offered.
  const team = (await manager.get('/api/v1/teams')).body.items.find((t) => t.id === manager.user.team_id).name;
  const workers = (await page.locator('select[name="worker_id"] option').allTextContents()).slice(1);
  assert.ok(workers.length > 0);
  for (const w of workers) assert.ok(w.endsWith(`– ${team}`), `${w} is not of ${team}`);
  await s.axe('open a case as a manager');
  s.assertClean();
  await s.close();
});

test("the child's page at a glance, an alert added and ended, and the chronology filtered and printable", async () => {
  await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/people/${kid.id}`);
  await s.heading('Zara Aldous');
  const glance = page.locator('#at-a-glance');
  await glance.waitFor();
  const g = await glance.textContent();
  assert.match(g, /Risk to workers: Older brother threatened staff/);
  assert.match(g, /Order\s*Youth rehabilitation order/);
  assert.match(g, /Risk of serious harm\s*High/);
  assert.match(g, /Safety and wellbeing\s*Very high/);
  assert.match(g, /Next due\s*Overdue/);
  assert.match(g, /Last seen/);
  await s.axe('person at a glance');
  await s.shot('person-at-a-glance');

  await glance.locator('a', { hasText: 'Add an alert' }).click();
  await s.heading('Add an alert');
  await s.axe('add an alert');
  await page.getByRole('button', { name: 'Save alert' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  await s.axe('add an alert with errors');
  await page.getByLabel('Type of alert').selectOption({ label: 'Do not visit alone' });
  await s.date('Start date', TODAY);
  await page.getByRole('button', { name: 'Save alert' }).click();
  await s.heading('Alert');
  await s.goto(`#/people/${kid.id}`);
  // A busy machine may take a while to answer the page's several requests.
  await page.locator('#at-a-glance', { hasText: 'Do not visit alone' }).waitFor({ timeout: 30000 });
  await page.locator('#at-a-glance .spire-alert', { hasText: 'Do not visit alone' }).getByRole('link', { name: 'End this alert' }).click();
  await s.heading('End alert');
  await s.axe('end an alert');
  await page.getByLabel('Why?').fill('Entered on the wrong child');
  await page.getByRole('button', { name: 'End alert' }).click();
  await s.heading('Alert');
  await s.goto(`#/people/${kid.id}`);
  // The whole of "at a glance" (its last line), then no ended alert in it.
  await page.locator('#at-a-glance', { hasText: 'Last seen' }).waitFor({ timeout: 30000 });
  assert.doesNotMatch(await page.locator('#at-a-glance').textContent(), /Do not visit alone/);

  await page.locator('#at-a-glance a', { hasText: 'Chronology' }).click();
  await s.heading('Chronology');
  await s.axe('chronology');
  await s.shot('chronology');
  const rows = page.locator('table tbody tr');
  assert.equal(await rows.count(), 4);
  const all = (await rows.allTextContents()).join('\n');
  assert.match(all, /Offence: Robbery[\s\S]*Outcome: Youth rehabilitation order[\s\S]*Assessment: Start[\s\S]*Significant contact: Home visit/);
  await page.getByLabel('Offences').uncheck();
  await page.getByLabel('Outcomes').uncheck();
  await page.getByLabel('Assessments').uncheck();
  await page.getByRole('button', { name: 'Show events' }).click();
  await page.locator('caption', { hasText: 'Events shown' }).waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().textContent(), /Significant contact/);
  await page.getByRole('button', { name: 'Print this chronology' }).waitFor();
  await s.axe('chronology filtered');
  s.assertClean();
  await s.close();
});

test("the officer's caseload at a glance and the due list of every service", async () => {
  await setup();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.heading('My caseload');
  const row = page.locator('tr', { hasText: 'Zara Aldous' }).first();
  assert.match(await row.textContent(), /High/);
  assert.match(await row.textContent(), /Risk to workers/);
  await s.axe('my caseload at a glance');
  await page.getByRole('link', { name: 'Due and overdue' }).click();
  await s.heading('Due and overdue');
  await s.axe('due and overdue');
  const table = page.locator('table').first();
  assert.match(await table.textContent(), /Zara Aldous[\s\S]*Youth justice[\s\S]*Overdue/);
  assert.match(await table.textContent(), /Ring the school[\s\S]*Due today/);
  s.assertClean();
  await s.close();
});

test("a cut list says so: the manager's home shows the first 25 of every overdue item, the due list its page of them all", async () => {
  await setup();
  // 30 overdue tasks more than the team had, the oldest of all.
  const before_ = (await manager.get(`/api/v1/teams/${manager.user.team_id}/workload?limit=1`)).body.overdue_total;
  for (let i = 0; i < 30; i++) {
    await created(manager, '/api/v1/tasks', { case_id: caseU.id, title: `Old chase ${i + 1}`, due_date: day(-400), owner_id: officer.user.id });
  }
  const total = before_ + 30;
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('manager');
  await page.getByText(`Showing the first 25 of ${total} overdue items.`).waitFor();
  await s.axe('the manager\'s home with a cut list');
  await page.getByRole('link', { name: `See all ${total} overdue items` }).click();
  await s.heading('Due and overdue');
  await page.getByText(`Showing items 1 to 25 of ${total}`).waitFor();
  await page.getByText(`${total} overdue`, { exact: true }).waitFor();
  await s.axe('the team\'s overdue items, a page of them');
  s.assertClean();
  await s.close();
});
