// peer_parent.js - peer support for one parent (docs/parenting.md "Peer
// support and referrals"): their stated preferences for a mentor and the
// mentors matched on them alone; the referrals out on their parent support
// case, making one with their consent and moving its status on.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, h2, heading, p, link, table, tag, setTitle, formatDate, personName, backLink, buttonLink, actions,
  summaryList, today, setFlash, takeFlash, inset,
} from '../ui.js';
import { Form } from '../form.js';
import { loadPerson, accessFor } from './access.js';
import { section, fetchPage, pager, explainConflict } from './common.js';

const yesNo = (v) => (v === true ? 'Yes' : v === false ? 'No' : 'Not asked');
const matters = (v) => (v ? ' (matters to them)' : '');
const CRITERIA = { language: 'Language', gender: 'Gender', faith: 'Faith', cultural_background: 'Cultural background' };

// The parent's current preferences, or null.
async function preferencesOf(personId, access) {
  const r = await api.get(`/parent-preferences${api.qs({ person_id: personId, include_closed: false, limit: 1 })}`, access);
  return r.items[0] || null;
}

// parentPeer: the parent's preferences and the mentors matched on them.
export async function parentPeer(ctx) {
  const personId = Number(ctx.params[0]);
  const person = await loadPerson(ctx, personId);
  if (!person || ctx.stale()) return;
  const access = accessFor(personId);
  const name = personName(person);
  const title = `Peer mentors for ${name}`;
  setTitle(title);
  const [pref, matches] = await Promise.all([
    preferencesOf(personId, access),
    api.get(`/people/${personId}/mentor-matches`, access),
  ]);
  if (ctx.stale()) return;
  const prefRows = pref ? [
    ['Languages', `${(pref.languages || []).join(', ') || 'None given'}${matters(pref.language_matters)}`],
    ['Needs an interpreter', yesNo(pref.interpreter_needed)],
    ['Mentor\'s gender', `${pref.mentor_gender ? vocab.label('mentor_genders', pref.mentor_gender) : 'No preference'}${matters(pref.gender_matters)}`],
    ['Faith', `${pref.faith || 'None given'}${matters(pref.faith_matters)}`],
    ['Cultural background', `${pref.cultural_background || 'None given'}${matters(pref.culture_matters)}`],
  ] : null;
  const met = (x) => h('ul', { class: 'govuk-list' }, x.criteria.map((c) => h('li', {},
    `${CRITERIA[c.name] || c.name}: ${c.met ? 'meets' : 'does not meet'}${c.matters ? ' (matters)' : ''}${c.shared && c.shared.length ? ` – ${c.shared.join(', ')}` : ''}`)));
  mount(ctx.root, backLink(`#/people/${personId}`, `Back to ${name}`), takeFlash(),
    ...heading(title, 'Peer support'),
    h2('What the parent has told us'),
    pref ? summaryList(prefRows) : p('No preferences have been recorded. Ask the parent what matters to them in a mentor.'),
    actions(buttonLink(pref ? 'Change preferences' : 'Record preferences', `#/people/${personId}/peer/preferences`, true)),
    inset('Mentors are suggested on the parent\'s own stated preferences only, language first. Nothing is inferred from their ethnicity or anything else recorded about them.'),
    matches.items.length ? table({
      caption: 'Available mentors, best match first', head: ['Mentor', 'Organisation', 'Languages', 'How they match'],
      rows: matches.items.map((x) => [x.mentor.name, x.mentor.organisation || '', (x.mentor.languages || []).join(', '),
        x.criteria.length ? met(x) : 'No preferences to match']),
    }) : [h2('Available mentors'), p('Your team has no available mentors on its register.')]);
}

// preferencesForm: record or change the parent's stated preferences.
export async function preferencesForm(ctx) {
  const personId = Number(ctx.params[0]);
  const person = await loadPerson(ctx, personId);
  if (!person || ctx.stale()) return;
  const access = accessFor(personId);
  const pref = await preferencesOf(personId, access);
  if (ctx.stale()) return;
  const title = `What matters to ${personName(person)} in a mentor`;
  setTitle(title);
  const summary = h('div');
  const back = `#/people/${personId}/peer`;
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save preferences', values: pref || {},
    fields: [
      { name: 'languages', label: 'Languages the parent speaks (optional)', type: 'lines', rows: 3, hint: 'One language on each line, the one they prefer first' },
      { name: 'language_matters', label: 'Language matters to them', type: 'checkbox', sendFalse: true },
      { name: 'interpreter_needed', label: 'They need an interpreter', type: 'checkbox', sendFalse: true },
      { name: 'mentor_gender', label: 'Mentor\'s gender they would prefer (optional)', type: 'radios', options: vocab.options('mentor_genders') },
      { name: 'gender_matters', label: 'The mentor\'s gender matters to them', type: 'checkbox', sendFalse: true },
      { name: 'faith', label: 'Faith (optional)', width: 20, hint: 'As the parent describes it' },
      { name: 'faith_matters', label: 'Faith matters to them', type: 'checkbox', sendFalse: true },
      { name: 'cultural_background', label: 'Cultural background (optional)', width: 30, hint: 'As the parent describes it' },
      { name: 'culture_matters', label: 'Cultural background matters to them', type: 'checkbox', sendFalse: true },
      { name: 'notes', label: 'Notes (optional)', type: 'textarea', rows: 3 },
    ],
    onSubmit: async () => {
      try {
        if (pref) await api.patch(`/parent-preferences/${pref.id}`, { version: pref.version, ...form.body({ changedOnly: true }) }, access);
        else await api.post('/parent-preferences', { person_id: personId, ...form.body() }, access);
      } catch (err) { throw explainConflict(err); }
      setFlash('The parent\'s preferences have been saved.');
      ctx.go(`/people/${personId}/peer`);
    },
  });
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, 'Peer support'), form.el, p(link('Cancel', back)))));
}

const destination = (r) => {
  const named = r.mentor_name || r.group_name || r.agency;
  return `${vocab.label('referral_destinations', r.destination)}${named ? `: ${named}` : ''}`;
};

// referralSection(ctx, c, access, open): the referrals out on a parent
// support case, with their status and the date it last changed.
export function referralSection(ctx, c, access, open) {
  return section(async () => {
    const r = await fetchPage(ctx, 'referrals', '/parent-referrals', { case_id: c.id }, { access });
    return [
      r.items.length ? table({
        caption: 'Referrals out', head: ['Referred to', 'Referred on', 'Consent given', 'Status', ...(open ? ['Action'] : [])],
        rows: r.items.map((x) => [destination(x), formatDate(x.referred_on), formatDate(x.consent_date),
          x.closed_at ? tag('Closed', 'grey') : `${vocab.label('referral_statuses', x.status)} since ${formatDate(x.status_date)}`,
          ...(open ? [x.closed_at || ['declined', 'completed'].includes(x.status) ? ''
            : link(['Change status', h('span', { class: 'govuk-visually-hidden' }, ` of the referral to ${destination(x)}`)], `#/parent-referrals/${x.id}/status`)] : [])]),
      }) : [h2('Referrals out'), p('No referrals have been made.')],
      pager(ctx, 'referrals', r, 'referrals'),
      open ? actions(buttonLink('Make a referral', `#/cases/${c.id}/referrals/new`, true),
        buttonLink('Peer mentors for this parent', `#/people/${c.person_id}/peer`, true)) : null,
    ];
  });
}

// The available mentors and open groups for the referral form: those of
// the team holding the parent's case and of the user's own team (the
// register the user keeps and the matching view draws on; a parent worker's
// team need not be the one holding parenting cases). A list the user may
// not read is left out.
async function namedOptions(teamIds) {
  const teams = [...new Set(teamIds.filter(Boolean))];
  const list = (path, teamId) => api.get(`${path}${api.qs({ team_id: teamId, include_closed: false, limit: 200 })}`)
    .then((r) => r.items).catch(() => []);
  const [m, g] = await Promise.all([
    Promise.all(teams.map((t) => list('/peer-mentors', t))),
    Promise.all(teams.map((t) => list('/peer-groups', t))),
  ]);
  return {
    mentors: m.flat().filter((x) => x.available).map((x) => [String(x.id), `${x.name}${x.organisation ? ` (${x.organisation})` : ''}`]),
    groups: g.flat().map((x) => [String(x.id), x.name]),
  };
}

export async function referralAdd(ctx) {
  const caseId = Number(ctx.params[0]);
  const c = await api.get(`/cases/${caseId}`);
  const named = await namedOptions([c.team_id, ctx.user.team_id]);
  if (ctx.stale()) return;
  const title = `Refer ${personName(c)}`;
  setTitle(title);
  const summary = h('div');
  const back = `#/cases/${caseId}`;
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save referral', values: { referred_on: today(), consent_date: today() },
    fields: [
      { name: 'destination', label: 'Where are they being referred?', errorLabel: 'Where the parent is referred', type: 'radios', options: vocab.options('referral_destinations') },
      { name: 'mentor_id', label: 'Mentor (for a peer mentor)', type: 'select', options: named.mentors, placeholder: 'No mentor named yet' },
      { name: 'group_id', label: 'Group (for the peer support group)', type: 'select', options: named.groups, placeholder: 'No group named' },
      { name: 'agency', label: 'Agency (for a third-sector agency)', width: 30 },
      { name: 'consent_given', label: 'The parent agrees to this referral', type: 'checkbox', sendFalse: true, hint: 'No referral is made without the parent\'s consent' },
      { name: 'consent_date', label: 'Date the parent agreed', type: 'date' },
      { name: 'referred_on', label: 'Date of the referral', type: 'date' },
      { name: 'notes', label: 'Notes (optional)', type: 'textarea', rows: 3 },
    ],
    onSubmit: async () => {
      const b = form.body();
      for (const k of ['mentor_id', 'group_id']) if (b[k]) b[k] = Number(b[k]);
      await api.post('/parent-referrals', { case_id: caseId, ...b });
      setFlash('The referral has been recorded.');
      ctx.go(back.slice(1));
    },
  });
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, 'Referral out'), form.el, p(link('Cancel', back)))));
}

// referralStatus: move a referral's status on, with the date it changed.
export async function referralStatus(ctx) {
  const r = await api.get(`/parent-referrals/${ctx.params[0]}`);
  if (ctx.stale()) return;
  const title = 'Change the status of the referral';
  setTitle(title);
  const summary = h('div');
  const back = `#/cases/${r.case_id}`;
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save status', values: { status: r.status, status_date: today() },
    fields: [
      { name: 'status', label: 'Status', type: 'radios', options: vocab.options('referral_statuses') },
      { name: 'status_date', label: 'Date of the change', type: 'date' },
    ],
    onSubmit: async () => {
      try {
        await api.patch(`/parent-referrals/${r.id}`, { version: r.version, ...form.body() });
      } catch (err) { throw explainConflict(err); }
      setFlash('The referral\'s status has been changed.');
      ctx.go(back.slice(1));
    },
  });
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, destination(r)),
      summaryList([['Referred on', formatDate(r.referred_on)], ['Now', `${vocab.label('referral_statuses', r.status)} since ${formatDate(r.status_date)}`]]),
      form.el, p(link('Cancel', back)))));
}
