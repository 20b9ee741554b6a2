// On a phone (375 px wide) no page scrolls sideways: a wide table scrolls
// inside its own region, which the keyboard can reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';

const env = suite();

test('pages with tables fit a 375 px screen', async () => {
  const off = await env.srv.login('officer');
  const kid = await created(off, '/api/v1/people', { given_name: 'Wynona', family_name: 'Featherstonehaugh-Montgomery', date_of_birth: '2011-06-09' });
  const c = await created(off, '/api/v1/cases', {
    service: 'youth_justice', reason: 'Referred to the service', person_id: kid.id, team_id: off.user.team_id,
    worker_id: off.user.id, start_date: '2026-01-05',
  });
  for (let i = 0; i < 3; i++) {
    await created(off, '/api/v1/contacts', {
      case_id: c.id, contact_date: `2026-02-0${i + 1}T10:30:00Z`, contact_type: 'home_visit',
      summary: 'Visited at home with the family to go through the intervention plan and agree the next steps together.',
    });
  }
  const s = await Session.open(env.browser, env.srv, { viewport: { width: 375, height: 800 } });
  await s.signIn('officer');
  for (const hash of [`#/cases/${c.id}`, `#/people/${kid.id}`, '#/']) {
    await s.goto(hash);
    await s.page.locator('table').first().waitFor();
    const [scroll, client] = await s.page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `${hash}: the page is ${scroll} px wide on a ${client} px screen`);
    const region = s.page.locator('.spire-table-scroll').first();
    assert.equal(await region.getAttribute('tabindex'), '0');
    assert.ok(await region.getAttribute('aria-label'));
    await s.axe(`phone ${hash}`);
  }
  assert.deepEqual(s.errors, []);
  await s.close();
});
