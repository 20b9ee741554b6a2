// Shared harness for the browser tests: one headless Chromium per test
// file against the real server (tests/api/lib.mjs), helpers to sign in and
// fill GOV.UK forms, and an axe-core check run on every page visited.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { Server, PASSWORD, created, dobForAge, ukDay } from '../api/lib.mjs';

export { Server, PASSWORD, created };

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SHOTS = new URL('./screenshots/', import.meta.url).pathname;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// Session: one browser context (its own cookies) with the page's console
// errors and CSP violations collected so a test can assert there were none.
export class Session {
  constructor(srv, context, page) {
    this.srv = srv; this.context = context; this.page = page;
    this.errors = [];
    this.axeChecked = 0;
    page.on('console', (m) => {
      /* 4xx answers the UI handles (403 break glass, 409 duplicates,
       * 400 validation) are logged by Chromium as failed resources. */
      if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) {
        this.errors.push(m.text());
      }
    });
    page.on('pageerror', (e) => this.errors.push(String(e)));
  }

  // open(browser, srv, contextOptions): a new page; contextOptions (e.g.
  // timezoneId) go to Playwright's browser.newContext.
  static async open(browser, srv, contextOptions = {}) {
    const context = await browser.newContext({ baseURL: srv.base, viewport: { width: 1100, height: 900 }, ...contextOptions });
    const page = await context.newPage();
    page.setDefaultTimeout(10000);
    return new Session(srv, context, page);
  }

  // goto(hash): load a route, wait for its h1.
  // goto(hash): open the address and wait until the app has drawn the page
  // it names (main's data-drawn is the address, main no longer aria-busy):
  // a change of hash keeps the document, so the page before's h1 and error
  // summary are still there until the new page replaces them.
  async goto(hash) {
    await this.page.goto(`${this.srv.base}/${hash}`);
    await this.drawn();
    await this.page.locator('h1').first().waitFor();
  }

  // drawn(): wait until the page the current address names is drawn (an
  // in-page anchor such as the skip link names no page).
  async drawn() {
    await this.page.waitForFunction(() => {
      const main = document.getElementById('main-content');
      const hash = location.hash || '#/';
      return main && !main.hasAttribute('aria-busy') && (main.dataset.drawn === hash || !hash.startsWith('#/'));
    });
  }

  async signIn(username, password = PASSWORD) {
    await this.goto('#/sign-in');
    await this.heading('Sign in');
    await this.axe('sign in');
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.locator('#sign-out').waitFor();
  }

  // heading(text): wait until the page's h1 reads text (a RegExp, or a
  // string the heading starts with, case and all). Not Playwright's
  // substring match: after "Save alert" on "Add an alert", heading('Alert')
  // must wait for the alert's own page, not match the form it was sent from.
  async heading(text) {
    const want = typeof text === 'string'
      ? new RegExp('^\\s*' + text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text;
    try {
      await this.drawn();
      await this.page.locator('h1', { hasText: want }).first().waitFor();
    } catch (err) {
      /* Say what the page showed instead, and keep a picture of it. */
      const h1 = await this.page.locator('h1').allTextContents();
      const problem = await this.page.locator('.govuk-error-summary, .govuk-error-message:visible').allTextContents();
      await this.shot('failed-' + String(text).replace(/[^a-z0-9]+/gi, '-').slice(0, 40)).catch(() => {});
      err.message += `\n  page h1: ${JSON.stringify(h1)}; errors: ${JSON.stringify(problem)}`;
      throw err;
    }
  }

  // dateInput(legend, iso): fill a GOV.UK date input.
  async date(legend, iso) {
    const [y, m, d] = iso.split('-');
    const group = this.page.locator('fieldset', { has: this.page.locator('legend', { hasText: legend }) });
    await group.getByLabel('Day').fill(String(Number(d)));
    await group.getByLabel('Month').fill(String(Number(m)));
    await group.getByLabel('Year').fill(y);
  }

  // axe(name): run axe-core on the current page; fail on any serious or
  // critical violation. The CSP forbids injected inline scripts, so the
  // source is evaluated through the DevTools protocol instead.
  async axe(name) {
    await this.page.evaluate(AXE);
    const res = await this.page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    });
    const bad = res.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, [], `axe on "${name}": ${JSON.stringify(bad, null, 1)}`);
    this.axeChecked += 1;
    return res;
  }

  async shot(name) {
    mkdirSync(SHOTS, { recursive: true });
    await this.page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  }

  assertClean() {
    assert.deepEqual(this.errors, [], 'console errors or CSP violations');
  }

  async close() {
    await this.context.close();
  }
}

// suite(serverOptions): start one server (Server.start's options, or a
// function giving them when the server starts) and one browser for the calling test file,
// stopped after it; the returned object's srv and browser are set once the
// file's first test runs.
export function suite(serverOptions = {}) {
  const env = { srv: null, browser: null };
  before(async () => {
    env.srv = await Server.start(typeof serverOptions === 'function' ? serverOptions() : serverOptions);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.stop();
  });
  return env;
}

// widestChild(officer): a child with everything a caseload row shows at
// its widest, on officer's caseload: a long name (Abdirahman
// Bekele-Richardson), a detention and training order, both risk levels
// very high, a contact in September (the longest month) and an overdue
// task with a long title. Dates relative to today (UK), but the contact's
// (16 September 2026, as the pages check); he is 17.
export async function widestChild(officer) {
  const day = ukDay;
  const kid = await created(officer, '/api/v1/people', { given_name: 'Abdirahman', family_name: 'Bekele-Richardson', date_of_birth: dobForAge(17, 240) });
  const kase = await created(officer, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred by the court', person_id: kid.id, team_id: officer.user.team_id, worker_id: officer.user.id, start_date: day(-200),
  });
  const offence = await created(officer, '/api/v1/offences', {
    case_id: kase.id, offence_date: day(-190), description: 'Robbery of a phone', category: 'robbery', gravity: 5,
  });
  const order = await created(officer, '/api/v1/outcomes', {
    case_id: kase.id, outcome_type: 'detention_training_order', outcome_date: day(-180), start_date: day(-179),
    planned_end_date: day(200), offence_ids: [offence.id],
  });
  await created(officer, '/api/v1/assessments', {
    case_id: kase.id, outcome_id: order.id, assessment_type: 'assetplus', stage: 'start', assessment_date: day(-170),
    likelihood_of_reoffending: 'high', risk_of_serious_harm: 'very_high', safety_wellbeing: 'very_high',
  });
  await created(officer, '/api/v1/contacts', {
    case_id: kase.id, contact_date: '2026-09-16', contact_type: 'home_visit', summary: 'Seen at home.',
    attendees: { people: [kid.id], practitioners: [officer.user.id] },
  });
  await created(officer, '/api/v1/tasks', { case_id: kase.id, title: 'Arrange reparation with the victim\'s agreement', due_date: day(-2), owner_id: officer.user.id });
  return { kid, kase };
}

// overflow(page, caption): how far the table captioned caption runs past
// its own box (0: it fits).
export async function overflow(page, caption) {
  const box = page.locator('.spire-table-scroll', { has: page.locator('caption', { hasText: caption }) }).first();
  await box.waitFor();
  return box.evaluate((e) => e.scrollWidth - e.clientWidth);
}

// reedFamily(officer): Ola Reed (a child on officer's caseload, with a
// diversion started 10 days ago) and his mother Ines in the Reed family:
// a parent to meet for the parent workers. Dates relative to today (UK).
export async function reedFamily(off) {
  const day = ukDay;
  const kid = await created(off, '/api/v1/people', { given_name: 'Ola', family_name: 'Reed', date_of_birth: dobForAge(17, 240) });
  const mum = await created(off, '/api/v1/people', { given_name: 'Ines', family_name: 'Reed' });
  const kase = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referral order', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id, start_date: day(-30),
  });
  const fam = await created(off, '/api/v1/families', { name: 'Reed family' });
  await created(off, `/api/v1/families/${fam.id}/members`, { person_id: kid.id, member_type: 'child', relationship: 'child', in_household: true });
  await created(off, `/api/v1/families/${fam.id}/members`, {
    person_id: mum.id, member_type: 'adult', relationship: 'mother', child_id: kid.id, parental_responsibility: true, in_household: true,
  });
  await created(off, '/api/v1/outcomes', { case_id: kase.id, outcome_type: 'diversion', outcome_date: day(-10), start_date: day(-10) });
  return { kid, mum, kase, fam };
}
