// consents.js - consent to share information about a person: the list on
// their page (active first, then withdrawn ones with when, by whom and
// why), recording what may be shared with which agency, on which lawful
// basis, given by whom and when, and withdrawing a consent with a reason.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, heading, p, link, table, tag, setTitle, formatDate, personName, backLink, buttonLink, actions,
  today, setFlash,
} from '../ui.js';
import { Form } from '../form.js';
import { loadPerson, accessFor } from './access.js';
import { section, fetchPage, pager } from './common.js';
import { reasonPage } from './close.js';

// The API's lawful bases (UK GDPR article 6), from vocab.js.
const LAWFUL_BASES = vocab.options('lawful_bases');
const basisLabel = (v) => vocab.label('lawful_bases', v);

// consentSection(ctx, person, access, open): the person's consents, a page
// at a time (?consents=N), with ways to record and withdraw while the
// person's record is open.
export function consentSection(ctx, person, access, open) {
  const id = person.id;
  return section(async () => {
    const r = await fetchPage(ctx, 'consents', '/consents', { person_id: id }, { access });
    const withdrawLink = (k) => link(['Withdraw', h('span', { class: 'govuk-visually-hidden' }, ` consent to share with ${k.agency}`)],
      `#/people/${id}/consents/${k.id}/withdraw`);
    return [
      open ? actions(buttonLink('Record a consent', `#/people/${id}/consents/new`, true)) : null,
      r.items.length ? table({
        caption: `Consents for ${personName(person)}`, captionClass: 'govuk-table__caption--s',
        head: ['Agency', 'What may be shared', 'Lawful basis', 'Given by', 'Given on', 'Status', ...(open ? ['Action'] : [])],
        rows: r.items.map((k) => [
          k.agency,
          k.shares ? h('div', {}, k.purpose, p(`Spire shows ${vocab.label('consent_shares', k.shares).replace(/^The /, 'the ')} to ${vocab.label('services', k.shared_with)}.`, 'govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0')) : k.purpose,
          basisLabel(k.lawful_basis),
          k.given_by,
          h('span', { class: 'spire-nowrap' }, formatDate(k.given_on)),
          k.status === 'withdrawn'
            ? h('div', {}, tag(vocab.label('consent_statuses', 'withdrawn')), p(`On ${formatDate(k.closed_at)} by ${k.withdrawn_by_name || 'unknown'}: ${k.closed_reason}`, 'govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0'))
            : tag(vocab.label('consent_statuses', 'active')),
          ...(open ? [k.status === 'withdrawn' ? '' : withdrawLink(k)] : []),
        ]),
      }) : p('No consent to share information has been recorded.'),
      pager(ctx, 'consents', r, 'consents'),
    ];
  });
}

export async function consentRecord(ctx) {
  const personId = Number(ctx.params[0]);
  const person = await loadPerson(ctx, personId);
  if (!person || ctx.stale()) return;
  const name = personName(person);
  const title = `Record consent to share information about ${name}`;
  setTitle(title);
  const back = `#/people/${personId}`;
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save consent',
    values: { given_on: today() },
    fields: [
      { name: 'agency', label: 'Agency or organisation', width: 30, hint: 'Who the information may be shared with, for example Northfield Academy' },
      { name: 'purpose', label: 'What may be shared, and why', type: 'textarea', rows: 4, hint: 'For example, attendance and exclusions, to plan support at school' },
      { name: 'lawful_basis', label: 'Lawful basis for sharing', type: 'radios', options: LAWFUL_BASES },
      { name: 'given_by', label: 'Who gave consent (optional)', width: 30, hint: 'Name and relationship, for example Dawn Reed (mother). Leave blank when the basis is not consent.' },
      { name: 'given_on', label: 'Date given', type: 'date' },
      { name: 'shares', label: 'Does this consent let a service see a record in Spire? (optional)', errorLabel: 'What Spire may show', type: 'select', options: vocab.options('consent_shares'), placeholder: 'No', hint: 'For example, a parent agreeing that the youth justice service may see their self-assessment' },
      { name: 'shared_with', label: 'Service it may be shown to (optional)', errorLabel: 'Service', type: 'select', options: vocab.options('services'), placeholder: 'None' },
    ],
    onSubmit: async () => {
      const k = await api.post('/consents', { person_id: personId, ...form.body() }, accessFor(personId));
      setFlash(`Consent to share with ${k.agency} has been recorded.`);
      ctx.go(`/people/${personId}`);
    },
  });
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title), form.el, p(link('Cancel', back)))));
}

export async function consentWithdraw(ctx) {
  const personId = Number(ctx.params[0]);
  const person = await loadPerson(ctx, personId);
  if (!person || ctx.stale()) return;
  const access = accessFor(personId);
  const k = await api.get(`/consents/${ctx.params[1]}`, access);
  if (ctx.stale()) return;
  if (k.person_id !== personId) throw Object.assign(new Error('Not found'), { status: 404 });
  reasonPage(ctx, {
    title: `Withdraw consent to share with ${k.agency}`, caption: personName(person),
    back: `#/people/${personId}`, submitText: 'Withdraw consent',
    rows: [
      ['Agency', k.agency], ['What may be shared', k.purpose], ['Lawful basis', basisLabel(k.lawful_basis)],
      ['Given by', k.given_by], ['Given on', formatDate(k.given_on)], ['Recorded by', k.recorded_by_name],
    ],
    warn: 'Once withdrawn, nothing more may be shared on this consent. The record of it is kept.',
    closedText: k.status === 'withdrawn' ? `This consent was withdrawn on ${formatDate(k.closed_at)}.` : null,
    reasonLabel: 'Why is consent being withdrawn?',
    reasonHint: 'For example, mother withdrew consent by phone',
    send: async (reason) => {
      await api.post(`/consents/${k.id}/withdraw`, { version: k.version, reason }, access);
      setFlash(`Consent to share with ${k.agency} has been withdrawn.`);
      ctx.go(`/people/${personId}`);
    },
  });
}
