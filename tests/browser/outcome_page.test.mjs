// An intervention's page in real Chromium: "Next review" says when the
// review is due even when no date was set on the intervention (the rule's
// date, as "What is due" lists it), and a date set on it wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite } from './lib.mjs';
import { ukDay as day, ukLong } from '../api/lib.mjs';

const env = suite();

test("an officer reads when an order's next review is due", async () => {
  const off = await env.srv.login('officer');
  const kid = (await off.post('/api/v1/people', { given_name: 'Remi', family_name: 'Vance', date_of_birth: '2011-02-03' })).body;
  const kase = (await off.post('/api/v1/cases', {
    service: 'youth_justice', person_id: kid.id, team_id: off.user.team_id, worker_id: off.user.id,
    start_date: day(-40), reason: 'Referred by the youth court',
  })).body;
  const offence = (await off.post('/api/v1/offences', {
    case_id: kase.id, offence_date: day(-35), description: 'Shop theft', category: 'theft', gravity: 2,
  })).body;
  const order = await off.post('/api/v1/outcomes', {
    case_id: kase.id, outcome_type: 'referral_order', outcome_date: day(-30), start_date: day(-30), offence_ids: [offence.id],
  });
  assert.equal(order.status, 201, order.text);
  const o = (await off.get(`/api/v1/outcomes/${order.body.id}`)).body;
  const review = (o.due || []).find((d) => d.what === 'review');
  assert.ok(review, JSON.stringify(o.due));
  assert.equal(o.next_review_date ?? null, null);

  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/outcomes/${o.id}`);
  await s.heading(/Referral order/);
  const row = page.locator('.govuk-summary-list__row', { hasText: 'Next review' });
  assert.match(await row.textContent(), new RegExp(`${ukLong(review.due_date)} \\(three months after the start or the last review\\)`));
  await s.close();
});
