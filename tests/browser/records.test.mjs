// Consents, closing records, tasks, teams and paging in real Chromium: an
// officer records and withdraws a consent, closes a case, a family and a
// person's record (entered in error), marks a task done and sees the
// team's overdue tasks; lists page with Previous and Next; admins add a
// team and managers see the teams. Every refusal from the API is shown in
// the GOV.UK error summary and on the field. axe-core runs on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { ukDay, ukToday } from '../api/lib.mjs';

const env = suite();
const TODAY = ukToday();
const PAST = ukDay(-10);
const FUTURE = ukDay(10);

// A child with an open case held by the officer's team.
// The case is opened by opener (a youth justice officer or manager of the
// team: parent workers neither open nor hold youth justice cases) and held
// by opener; off works on it as one of the team.
async function childWithCase(off, given, family, opener = off) {
  const kid = await created(off, '/api/v1/people', { given_name: given, family_name: family, date_of_birth: '2011-06-09' });
  const kase = await created(opener, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: off.user.team_id, worker_id: opener.user.id, start_date: '2024-03-01',
  });
  return { kid, kase };
}

// The error summary names the field, and the field shows the same message.
async function assertFieldError(s, fieldId, pattern) {
  const summary = s.page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), pattern);
  assert.match(await s.page.locator(`#${fieldId}-error`).textContent(), pattern);
  assert.match(await s.page.title(), /^Error: /);
}

test('an officer records a consent and withdraws it with a reason', async () => {
  const off = await env.srv.login('officer');
  const { kid } = await childWithCase(off, 'Rhys', 'Owen');
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/people/${kid.id}`);
  await s.heading('Rhys Owen');
  await page.getByRole('heading', { name: 'Consent to share information' }).waitFor();
  await page.getByText('No consent to share information has been recorded.').waitFor();
  await page.getByRole('button', { name: 'Record a consent' }).click();
  await s.heading('Record consent to share information about Rhys Owen');
  await s.axe('record a consent');

  // The API refuses a consent without an agency and in the future; both
  // are named on the page and nothing is stored.
  await page.getByLabel('What may be shared, and why').fill('Attendance and exclusions data');
  await page.getByLabel('Consent', { exact: true }).check();
  await page.getByRole('button', { name: 'Save consent' }).click();
  await assertFieldError(s, 'f-agency', /Enter the agency or organisation/);
  await s.axe('record a consent with error');
  await page.getByLabel('Agency or organisation').fill('Northfield Academy');
  await s.date('Date given', FUTURE);
  await page.getByRole('button', { name: 'Save consent' }).click();
  await assertFieldError(s, 'f-given_on', /Date given must be today or in the past/);
  assert.equal((await off.get(`/api/v1/consents?person_id=${kid.id}`)).body.items.length, 0);

  await s.date('Date given', '2024-04-02');
  await page.getByLabel('Who gave consent (optional)').fill('Dawn Owen (mother)');
  await page.getByRole('button', { name: 'Save consent' }).click();
  await s.heading('Rhys Owen');
  await page.locator('.govuk-notification-banner', { hasText: 'Consent to share with Northfield Academy has been recorded' }).waitFor();
  const consents = page.locator('table', { has: page.locator('caption', { hasText: 'Consents for Rhys Owen' }) });
  let row = consents.locator('tr', { hasText: 'Northfield Academy' });
  assert.match(await row.textContent(), /Attendance and exclusions data.*Consent.*Dawn Owen \(mother\).*2 April 2024.*Active/s);
  await s.axe('person page with a consent');
  let r = await off.get(`/api/v1/consents?person_id=${kid.id}`);
  assert.equal(r.body.items.length, 1);
  const k = r.body.items[0];
  assert.deepEqual([k.agency, k.lawful_basis, k.given_by, k.given_on, k.status],
    ['Northfield Academy', 'consent', 'Dawn Owen (mother)', '2024-04-02', 'active']);

  // Withdraw: a reason is required (the API says so), then it shows as
  // withdrawn with when, by whom and why, and is still listed.
  await row.getByRole('link', { name: /^Withdraw\W+consent to share with Northfield Academy$/ }).click();
  await s.heading('Withdraw consent to share with Northfield Academy');
  await s.axe('withdraw consent');
  await page.getByRole('button', { name: 'Withdraw consent' }).click();
  await assertFieldError(s, 'f-reason', /Enter the reason for withdrawing the consent/);
  await s.axe('withdraw consent with error');
  await page.getByLabel('Why is consent being withdrawn?').fill('Mother withdrew consent by phone');
  await page.getByRole('button', { name: 'Withdraw consent' }).click();
  await s.heading('Rhys Owen');
  await page.locator('.govuk-notification-banner', { hasText: 'has been withdrawn' }).waitFor();
  row = consents.locator('tr', { hasText: 'Northfield Academy' });
  assert.match(await row.textContent(), /Withdrawn.*by Test officer: Mother withdrew consent by phone/s);
  assert.equal(await row.getByRole('link', { name: /Withdraw/ }).count(), 0);
  r = await off.get(`/api/v1/consents/${k.id}`);
  assert.equal(r.body.status, 'withdrawn');
  assert.equal(r.body.closed_reason, 'Mother withdrew consent by phone');
  await s.axe('person page with a withdrawn consent');
  await s.shot('consents');
  s.assertClean();
  await s.close();
});

test('an officer closes a case, a family and a record entered in error', async () => {
  const off = await env.srv.login('officer');
  const { kid, kase } = await childWithCase(off, 'Kai', 'Brennan');
  const fam = await created(off, '/api/v1/families', { name: 'Brennan family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');

  // Close the case.
  await s.goto(`#/cases/${kase.id}`);
  await s.heading(/case – Kai Brennan/);
  await page.getByRole('link', { name: 'Close case', exact: true }).click();
  await s.heading('Close the youth justice case');
  await s.axe('close a case');
  await page.getByRole('button', { name: 'Close case' }).click();
  await assertFieldError(s, 'f-reason', /Enter the reason for closing the case/);
  await s.axe('close a case with error');
  assert.equal((await off.get(`/api/v1/cases/${kase.id}`)).body.status, 'open');
  await page.getByLabel('Why is the case closing?').fill('Order completed');
  await page.getByRole('button', { name: 'Close case' }).click();
  await s.heading(/case – Kai Brennan/);
  await page.locator('.govuk-notification-banner', { hasText: 'has been closed' }).waitFor();
  const details = await page.locator('.govuk-summary-list').first().textContent();
  assert.match(details, /Status\s*Closed/);
  assert.match(details, /Closure reason\s*Order completed/);
  assert.match(details, new RegExp(`Ended\\s*${Number(TODAY.slice(8))} `));
  assert.equal(await page.getByRole('button', { name: 'Record a contact' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Close case', exact: true }).count(), 0);
  await s.axe('closed case');
  const c = (await off.get(`/api/v1/cases/${kase.id}`)).body;
  assert.equal(c.status, 'closed');
  assert.equal(c.closure_reason, 'Order completed');

  // Close the family.
  await s.goto(`#/people/${kid.id}`);
  await s.heading('Kai Brennan');
  await page.getByRole('button', { name: /^Close this family\W+Brennan family$/ }).click();
  await s.heading('Close Brennan family');
  await s.axe('close a family');
  await page.getByLabel('Why is the family being closed?').fill('Recorded twice');
  await page.getByRole('button', { name: 'Close family' }).click();
  await s.heading('Kai Brennan');
  await page.locator('.govuk-notification-banner', { hasText: 'Brennan family has been closed' }).waitFor();
  await page.getByText('No family or network has been recorded.').waitFor();
  assert.ok((await off.get(`/api/v1/families/${fam.id}`)).body.closed_at);

  // Close the person's record as entered in error.
  await page.getByRole('button', { name: 'Close this record' }).click();
  await s.heading('Close Kai Brennan’s record');
  await s.axe('close a record');
  await page.getByRole('button', { name: 'Close record' }).click();
  await assertFieldError(s, 'f-why', /Choose why you are closing this record/);
  await page.getByLabel('Another reason').check();
  await page.getByRole('button', { name: 'Close record' }).click();
  await assertFieldError(s, 'f-reason', /Enter the reason for closing the person’s record/);
  await s.axe('close a record with error');
  assert.equal((await off.get(`/api/v1/people/${kid.id}`)).body.closed_at, null);
  await page.getByLabel(/entered in error/).check();
  await page.getByLabel('Details').fill('Duplicate of the record with the UPN');
  await page.getByRole('button', { name: 'Close record' }).click();
  await s.heading('Kai Brennan');
  await page.locator('.govuk-notification-banner', { hasText: 'record has been closed' }).waitFor();
  const closed = page.locator('#record-closed');
  assert.match(await closed.textContent(), /Closed.*Reason: Entered in error: Duplicate of the record with the UPN/s);
  for (const name of ['Edit details', 'Add a family member', 'Open a case', 'Close this record', 'Record a consent']) {
    assert.equal(await page.getByRole('button', { name }).count(), 0, name);
  }
  await s.axe('closed record');
  await s.shot('closed-record');
  const p = (await off.get(`/api/v1/people/${kid.id}`)).body;
  assert.equal(p.closed_reason, 'Entered in error: Duplicate of the record with the UPN');

  // Search leaves closed records out unless asked, then marks them closed.
  await page.getByRole('link', { name: 'Find a person' }).first().click();
  await s.heading('Find a person');
  await page.getByLabel('Name').fill('Brennan');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { name: 'No matching people' }).waitFor();
  await page.getByLabel('Include closed records').check();
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.locator('table', { hasText: 'Kai Brennan' });
  await results.waitFor();
  assert.match(await results.locator('tr', { hasText: 'Kai Brennan' }).textContent(), /Closed/);
  await s.axe('search including closed records');
  s.assertClean();
  await s.close();
});

test('my tasks: mark one done, filter by status, and see my team\'s overdue tasks', async () => {
  const off = await env.srv.login('officer');
  const off2 = await env.srv.login('officer2');
  const { kase } = await childWithCase(off, 'Lena', 'Marsh');
  await created(off, '/api/v1/tasks', { case_id: kase.id, title: 'Send the referral order report', due_date: FUTURE });
  await created(off2, '/api/v1/tasks', { title: 'Chase the school about Lena', due_date: PAST });
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await page.getByRole('link', { name: 'My tasks' }).click();
  await s.heading('My tasks');
  const mine = page.locator('table', { has: page.locator('caption', { hasText: /^My tasks$/ }) });
  const row = mine.locator('tr', { hasText: 'Send the referral order report' });
  await row.waitFor();
  assert.match(await row.textContent(), /Lena Marsh.*Due/s);
  const team = page.locator('table', { has: page.locator('caption', { hasText: "My team's overdue tasks" }) });
  assert.match(await team.locator('tr', { hasText: 'Chase the school about Lena' }).textContent(), /Test officer2.*Overdue/s);
  await s.axe('my tasks with the team\'s overdue');

  await row.getByRole('button', { name: /^Mark as done\W+Send the referral order report$/ }).click();
  await page.locator('.govuk-notification-banner', { hasText: '“Send the referral order report” is marked as done' }).waitFor();
  assert.equal(await mine.locator('tr', { hasText: 'Send the referral order report' }).count(), 0, 'open tasks only');
  const t = (await off.get(`/api/v1/tasks?case_id=${kase.id}`)).body.items[0];
  assert.equal(t.status, 'done');
  await page.getByLabel('Done', { exact: true }).check();
  await page.getByRole('button', { name: 'Show tasks' }).click();
  await page.waitForURL(/#\/tasks\?status=done/);
  await s.drawn();
  await mine.locator('tr', { hasText: 'Send the referral order report' }).waitFor();
  assert.match(await mine.locator('tr', { hasText: 'Send the referral order report' }).textContent(), /Done/);
  await s.axe('my done tasks');
  await s.shot('my-tasks');
  s.assertClean();
  await s.close();
});

test('lists page with Previous and Next instead of stopping at a limit', async () => {
  const off = await env.srv.login('parentworker');
  const { kid } = await childWithCase(off, 'Pip', 'Pagewell', await env.srv.login('officer'));
  for (let i = 1; i <= 27; i += 1) {
    await created(off, '/api/v1/tasks', { title: `Paged task ${String(i).padStart(2, '0')}`, due_date: `2031-01-${String(i).padStart(2, '0')}` });
  }
  for (let i = 1; i <= 26; i += 1) {
    await created(off, '/api/v1/people', { given_name: `Sib${String.fromCharCode(96 + i)}`, family_name: 'Pagewell', allow_duplicate: true });
  }
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('parentworker');

  // My tasks: 25 a page, by due date.
  await s.goto('#/tasks');
  await s.heading('My tasks');
  const mine = page.locator('table', { has: page.locator('caption', { hasText: /^My tasks$/ }) });
  await mine.waitFor();
  const paged = () => mine.locator('tbody tr', { hasText: 'Paged task' });
  assert.equal(await paged().count(), 25);
  const nav = page.getByRole('navigation', { name: 'Pages of my tasks' });
  assert.match(await page.locator('.spire-pager', { has: nav }).textContent(), /Showing my tasks 1 to 25/);
  assert.equal(await nav.getByRole('link', { name: 'Previous page' }).count(), 0);
  await s.axe('my tasks, first page');
  await nav.getByRole('link', { name: 'Next page' }).click();
  await page.waitForURL(/#\/tasks\?mine=25/);
  await s.drawn();
  await page.getByText('Showing my tasks 26 to').waitFor();
  assert.deepEqual(await paged().locator('th').allTextContents(), ['Paged task 26', 'Paged task 27']);
  assert.equal(await nav.getByRole('link', { name: 'Next page' }).count(), 0);
  await s.axe('my tasks, second page');
  await s.shot('paging');
  await nav.getByRole('link', { name: 'Previous page' }).click();
  await page.getByText('Showing my tasks 1 to 25').waitFor();

  // Search results: 27 Pagewells, 25 a page.
  await s.goto('#/search?q=Pagewell');
  await s.heading('Find a person');
  const results = page.locator('table', { has: page.locator('caption', { hasText: 'People found' }) });
  await results.waitFor();
  assert.equal(await results.locator('tbody tr').count(), 25);
  await page.getByRole('navigation', { name: 'Pages of people' }).getByRole('link', { name: 'Next page' }).click();
  await page.getByText('Showing people 26 to 27').waitFor();
  assert.equal(await results.locator('tbody tr').count(), 2);
  assert.equal(await page.getByLabel('Name').inputValue(), 'Pagewell', 'the search is kept');
  await s.axe('search results, second page');
  await s.close();

  // Who viewed: at a glance one row per person per day; every entry, 50
  // a page.
  for (let i = 0; i < 60; i += 1) assert.equal((await off.get(`/api/v1/people/${kid.id}`)).status, 200);
  const m = await Session.open(env.browser, env.srv);
  await m.signIn('manager');
  await m.goto(`#/people/${kid.id}/viewed`);
  await m.heading(/Who viewed Pip Pagewell/);
  assert.match(await m.page.locator('table tbody').textContent(), /Opened the person’s details \(6\d times\)/);
  await m.page.getByRole('link', { name: 'See every entry, newest first' }).click();
  await m.heading(/Every entry about Pip Pagewell/);
  const audit = m.page.locator('table');
  await audit.waitFor();
  assert.equal(await audit.locator('tbody tr').count(), 50);
  assert.match(await audit.locator('caption').textContent(), /Entries 1 to 50, newest first/);
  await m.page.getByRole('navigation', { name: 'Pages of entries' }).getByRole('link', { name: 'Next page' }).click();
  await m.page.locator('caption', { hasText: /Entries 51 to/ }).waitFor();
  // Paged by cursor: the second page is exactly the rows older than the
  // first page's last, however many rows opening the pages added since.
  await m.page.waitForURL(/pages=\d+/);
  await m.drawn();
  const cursor = Number(new URL(m.page.url()).hash.match(/pages=(\d+)/)[1]);
  const mgr = await env.srv.login('manager');
  const older = await mgr.get(`/api/v1/audit?person_id=${kid.id}&before=${cursor}&limit=200`);
  assert.equal(await m.page.locator('table tbody tr').count(), Math.min(50, older.body.items.length));
  await m.axe('who viewed, second page');
  await m.page.getByRole('navigation', { name: 'Pages of entries' }).getByRole('link', { name: 'Previous page' }).click();
  await m.page.locator('caption', { hasText: /Entries 1 to 50/ }).waitFor();
  m.assertClean();
  s.assertClean();
  await m.close();
});

test('an admin sees the services and adds a team; a manager sees them; an officer cannot', async () => {
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('admin');
  await page.getByRole('link', { name: 'Teams' }).click();
  await s.heading('Teams and services');
  const yj = page.locator('table', { has: page.locator('caption', { hasText: 'Youth justice' }) });
  assert.match(await yj.textContent(), /YJ North.*Open.*YJ South.*Open/s);
  await page.getByRole('heading', { name: 'Parenting support' }).waitFor();
  await s.axe('teams');
  await page.getByRole('button', { name: 'Add a team' }).click();
  await s.heading('Add a team');
  await s.axe('add a team');
  await page.getByRole('button', { name: 'Add team' }).click();
  await assertFieldError(s, 'f-service_id', /Select the service the team is in/);
  await page.getByLabel('Youth justice').check();
  await page.getByRole('button', { name: 'Add team' }).click();
  await assertFieldError(s, 'f-name', /Enter the team name/);
  await page.getByLabel('Team name').fill('YJ North');
  await page.getByRole('button', { name: 'Add team' }).click();
  await page.locator('#f-name-error').filter({ hasText: /YJ North|already|exists/i }).waitFor();
  await s.axe('add a team with error');
  await page.getByLabel('Team name').fill('YJ East');
  await page.getByRole('button', { name: 'Add team' }).click();
  await s.heading('Teams and services');
  await page.locator('.govuk-notification-banner', { hasText: 'YJ East has been added to Youth justice' }).waitFor();
  assert.match(await yj.textContent(), /YJ East/);
  const admin = await env.srv.login('admin');
  assert.ok((await admin.get('/api/v1/teams')).body.items.some((t) => t.name === 'YJ East' && t.service_code === 'youth_justice'));
  s.assertClean();
  await s.close();

  const m = await Session.open(env.browser, env.srv);
  await m.signIn('manager');
  await m.page.getByRole('link', { name: 'Teams' }).click();
  await m.heading('Teams and services');
  await m.page.locator('table', { hasText: 'YJ East' }).waitFor();
  assert.equal(await m.page.getByRole('button', { name: 'Add a team' }).count(), 0);
  await m.axe('teams for a manager');
  await m.goto('#/admin/teams/new');
  await m.heading('You do not have access to this page');
  m.assertClean();
  await m.close();

  const o = await Session.open(env.browser, env.srv);
  await o.signIn('officer');
  assert.equal(await o.page.getByRole('link', { name: 'Teams' }).count(), 0);
  await o.goto('#/admin/teams');
  await o.heading('You do not have access to this page');
  o.assertClean();
  await o.close();
});

test('a person added says so; an id typed in the Name box is found as an identifier; who is in my caseload', async () => {
  const off = await env.srv.login('officer');
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await page.getByRole('link', { name: 'Add a person' }).first().click();
  await s.heading('Add a person');
  await page.getByLabel('First name', { exact: true }).fill('Ida');
  await page.getByLabel('Last name', { exact: true }).fill('Numberwell');
  await page.getByRole('button', { name: 'Save person' }).click();
  await s.heading('Ida Numberwell');
  await page.locator('.govuk-notification-banner', { hasText: 'Ida Numberwell has been added.' }).waitFor();
  await s.axe('a person added');
  // Another, with a local id: typed in the Name box, it is looked up as one.
  const other = await created(off, '/api/v1/people', { given_name: 'Ned', family_name: 'Idnumber', local_id: 'RT-55501' });
  await page.getByRole('link', { name: 'Find a person' }).first().click();
  await s.heading('Find a person');
  assert.match(await page.locator('#f-q-hint').textContent(), /identifier/);
  await page.getByLabel('Name').fill('RT-55501');
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.locator('table tr', { hasText: 'Ned Idnumber' });
  await row.waitFor();
  assert.match(page.url(), /identifier=RT-55501/);
  // The team's, not the officer's own: no case is allocated to them.
  assert.match(await row.textContent(), /In your team’s work/);
  assert.doesNotMatch(await row.textContent(), /In your caseload/);
  await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred by the court', person_id: other.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: PAST,
  });
  await page.reload();
  await page.locator('table tr', { hasText: 'Ned Idnumber' }).waitFor();
  assert.match(await page.locator('table tr', { hasText: 'Ned Idnumber' }).textContent(), /In your caseload/);
  await s.axe('search by an id typed as a name');
  s.assertClean();
  await s.close();
});
