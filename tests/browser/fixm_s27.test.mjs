// Session 27: adding someone to a family says who is already in it (no
// "Use this person" for them); a Family Hub worker refused a youth justice
// record is offered the reason form where a reason opens it (an offence,
// an outcome), and told why and who to ask where none does (a victim).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, suite, created } from './lib.mjs';
import { daleFamilyWithOrder } from '../api/lib.mjs';

const env = suite();
let dale;
const dales = async () => {
  if (!dale) {
    const off = await env.srv.login('officer');
    dale = await daleFamilyWithOrder(off);
    dale.off = off;
    // Another Mo Dale born the same day, in no family.
    dale.other = await created(off, '/api/v1/people', { given_name: 'Moe', family_name: 'Dale', date_of_birth: '1983-05-05', allow_duplicate: true });
    dale.offence = (await off.get(`/api/v1/offences?case_id=${dale.yjCase.id}`)).body.items[0];
    const vic = await created(off, '/api/v1/people', { given_name: 'Vic', family_name: 'Tim' });
    dale.victim = await created(off, '/api/v1/victims', { offence_id: dale.offence.id, victim_id: vic.id, consent_to_contact: true });
  }
  return dale;
};

test('adding a family member: a match already in the family is said to be, and not offered', async () => {
  const d = await dales();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('officer');
  await s.goto(`#/people/${d.kid.id}/family/add`);
  await s.heading(/Add a family member/);
  await page.getByLabel(/^Dale family/).check();
  await page.getByLabel('First name', { exact: true }).fill('Mo');
  await page.getByLabel('Last name', { exact: true }).fill('Dale');
  await s.date('Date of birth', '1983-05-05');
  await page.getByLabel(/Relationship to/).selectOption('aunt');
  await page.getByRole('button', { name: 'Add to family' }).click();
  const panel = page.locator('#duplicates');
  await panel.getByText('Mo Dale is already in this family as Kit Dale’s mother').waitFor();
  await s.axe('duplicate check with a member of the family');
  const mo = panel.locator('tr', { has: page.getByRole('link', { name: 'Mo Dale', exact: true }) });
  assert.equal(await mo.getByRole('button').count(), 0);
  // The other match, in no family, may still be used.
  await s.shot('family-add-already-member');
  await panel.getByRole('button', { name: /^Use this person.*Moe Dale/ }).waitFor();
  await s.shot('family-add-already-member');
  s.assertClean();
  await s.close();
});

test('a hub worker refused an offence or outcome is asked for a reason; a victim says why and who to ask', async () => {
  const d = await dales();
  const s = await Session.open(env.browser, env.srv);
  const { page } = s;
  await s.signIn('hub');
  await s.goto(`#/offences/${d.offence.id}`);
  await s.heading('You need a reason to view this offence');
  await s.axe('reason for an offence');
  await page.getByLabel('Why do you need to view this offence?').fill('Strategy meeting about the family today');
  await page.getByRole('button', { name: 'View the record' }).click();
  await s.heading('Offence: Assault');
  await page.getByRole('link', { name: 'Referral order' }).waitFor();

  await s.goto(`#/outcomes/${d.outcome.id}`);
  await s.heading('You need a reason to view this outcome');
  await page.getByLabel('Why do you need to view this outcome?').fill('Strategy meeting about the family today');
  await page.getByRole('button', { name: 'View the record' }).click();
  await s.heading('Referral order');
  await page.getByRole('link', { name: 'Assault' }).waitFor();

  await s.goto(`#/victims/${d.victim.id}/edit`);
  await s.heading('You do not have access to this page');
  await page.getByText('Only youth justice officers and youth justice managers can see victims, so a reason does not open their records. '
    + 'If you need to know about a victim, ask the child’s youth justice officer').waitFor();
  assert.equal(await page.getByLabel(/Why do you need/).count(), 0);
  await s.axe('victim refused');
  s.assertClean();
  await s.close();
});
