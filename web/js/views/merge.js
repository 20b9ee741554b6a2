// merge.js - merging a duplicate person record into this one, for managers
// (docs/people-merge.md): choose the duplicate and say why, preview what
// will move, then merge; the merges this record was part of, each of
// which can be undone with a reason.
import * as api from '../api.js';
import {
  mount, h, heading, p, h2, table, tag, setTitle, backLink, link, formatDate, setFlash, takeFlash, warning, button, personName,
} from '../ui.js';
import { Form } from '../form.js';
import { labelSex, labelEthnicity } from './people_fields.js';

const nameOf = (x) => `${x.given_name} ${x.family_name}`;

// The rows of the side-by-side comparison: [what, kept's, duplicate's].
function compareRows(kept, merged) {
  const born = (x) => (x.date_of_birth ? formatDate(x.date_of_birth) : '');
  const address = (x) => [x.address, x.postcode].filter(Boolean).join(', ');
  const cases = (x) => (x.cases || []).map((c) => `${c.service_name || c.service_code || 'Case'}${c.status === 'closed' ? ' (closed)' : ''}`).join('; ');
  const families = (x) => (x.families || []).map((f) => f.name || 'A family without a name').join('; ');
  return [
    ['Person number', String(kept.id), String(merged.id)],
    ['First name', kept.given_name || '', merged.given_name || ''],
    ['Last name', kept.family_name || '', merged.family_name || ''],
    ['Preferred name', kept.preferred_name || '', merged.preferred_name || ''],
    ['Date of birth', born(kept), born(merged)],
    ['Ethnicity', kept.ethnicity ? labelEthnicity(kept.ethnicity) : '', merged.ethnicity ? labelEthnicity(merged.ethnicity) : ''],
    ['Sex', kept.sex ? labelSex(kept.sex) : '', merged.sex ? labelSex(merged.sex) : ''],
    ['Address', address(kept), address(merged)],
    ['Cases', cases(kept), cases(merged)],
    ['Families', families(kept), families(merged)],
  ];
}

// The comparison table: a row whose two records differ is marked (in
// words as well as colour: "Different" in its own column).
function comparison(kept, merged) {
  const rows = compareRows(kept, merged);
  const cell = (v) => h('td', { class: 'govuk-table__cell' }, v || h('span', { class: 'govuk-hint govuk-!-margin-0' }, 'Not recorded'));
  return h('div', { class: 'spire-table-scroll', tabindex: '0', role: 'region', 'aria-label': 'The two records side by side' },
    h('table', { class: 'govuk-table', id: 'merge-compare' },
      h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, 'The two records side by side'),
      h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
        ['', `Kept: ${nameOf(kept)}`, `Duplicate: ${nameOf(merged)}`, 'Same?'].map((t) => h('th', { scope: 'col', class: 'govuk-table__header' }, t)))),
      h('tbody', { class: 'govuk-table__body' }, rows.map(([what, a, b]) => {
        const differs = what !== 'Person number' && a !== b;
        return h('tr', { class: `govuk-table__row${differs ? ' spire-compare--differs' : ''}` },
          h('th', { scope: 'row', class: 'govuk-table__header' }, what), cell(a), cell(b),
          h('td', { class: 'govuk-table__cell' }, what === 'Person number' ? '' : differs ? tag('Different', 'yellow') : 'Same'));
      }))));
}

// A person as a choice: name, date of birth, postcode and number.
const choiceText = (x) => [nameOf(x), x.date_of_birth ? `born ${formatDate(x.date_of_birth)}` : 'no date of birth',
  x.postcode || null, `person ${x.id}`].filter(Boolean).join(', ');

export async function personMerge(ctx) {
  const id = Number(ctx.params[0]);
  const [person, merges] = await Promise.all([api.get(`/people/${id}`), api.get(`/people/${id}/merges`)]);
  // The records that may be this one's duplicates (the same date of birth
  // and a name a letter or two away, or the same identifier), and what the
  // user searched for.
  const dupBody = { given_name: person.given_name, family_name: person.family_name, date_of_birth: person.date_of_birth || undefined };
  const [possible, found] = await Promise.all([
    api.post('/people/duplicates', dupBody).then((r) => r.items).catch(() => []),
    ctx.query.get('q') || ctx.query.get('date_of_birth')
      ? api.get('/people' + api.qs({ q: ctx.query.get('q') || undefined, date_of_birth: ctx.query.get('date_of_birth') || undefined })).then((r) => r.items)
      : Promise.resolve(null),
  ]);
  if (ctx.stale()) return;
  const name = personName(person);
  const title = `Merge a duplicate into ${name}’s record`;
  setTitle(title);
  const summary = h('div');
  const preview = h('div', { id: 'merge-preview', 'aria-live': 'polite' });
  // The choices: the possible duplicates first, then what the search found.
  const seenIds = new Set([id]);
  const choices = [];
  for (const x of [...possible, ...(found || [])]) {
    if (seenIds.has(x.id) || x.closed_at) continue;
    seenIds.add(x.id);
    choices.push([String(x.id), choiceText(x)]);
  }
  const findSummary = h('div');
  const find = new Form({
    title: 'Find the duplicate record',
    summarySlot: findSummary,
    submitText: 'Find',
    values: { q: ctx.query.get('q') || '', date_of_birth: ctx.query.get('date_of_birth') || '' },
    fields: [
      { name: 'q', label: 'Name', hint: 'The duplicate’s first name, last name or both', width: 20 },
      { name: 'date_of_birth', label: 'Date of birth (optional)', type: 'date', example: 'child_birth' },
    ],
    onSubmit: async (v) => {
      if (!v.q && !v.date_of_birth) return find.showErrors([{ field: 'q', message: 'Enter a name or a date of birth' }]);
      ctx.go(`/people/${id}/merge` + api.qs({ q: v.q || undefined, date_of_birth: v.date_of_birth || undefined }));
    },
  });
  let form;
  let seen = null; // what the preview showed: the merge is made only on that
  const merge = async () => {
    try {
      const b = form.values();
      await api.post('/people/merges', {
        kept_id: id, merged_id: Number(b.merged_id) || b.merged_id, reason: b.reason,
        kept_version: seen?.kept.version, merged_version: seen?.merged.version, moves_total: seen?.total,
      });
      setFlash(`The records have been merged. Everything on ${seen ? nameOf(seen.merged) : 'the duplicate'}’s record (person ${b.merged_id}) is now on ${name}’s record.`);
      ctx.go(`/people/${id}`);
    } catch (err) {
      if (!err.status || err.status >= 500) throw err;
      preview.replaceChildren();
      form.showErrors(err.list());
    }
  };
  const fields = [];
  if (choices.length) {
    fields.push({ name: 'merged_id', label: 'Which record is the duplicate?', type: 'radios', legendSize: 'm', options: choices,
      hint: possible.length ? 'Records with the same date of birth and a similar name, or the same identifier, are listed first.' : undefined });
  }
  fields.push({ name: 'reason', label: 'Why these records are the same person', type: 'textarea', rows: 3,
    hint: 'For example, the same NHS number and date of birth. At least 10 characters.' });
  form = new Form({
    title,
    summarySlot: summary,
    submitText: 'Preview the merge',
    fields,
    onSubmit: async (v) => {
      preview.replaceChildren();
      const merged = Number(v.merged_id);
      // Asked with the reason too, so that every wrong field shows at once.
      if (!v.reason || v.reason.length < 10 || !Number.isInteger(merged) || merged < 1) {
        const errors = [];
        if (!Number.isInteger(merged) || merged < 1) {
          errors.push({ field: choices.length ? 'merged_id' : 'q', message: choices.length ? 'Select the duplicate record' : 'Find the duplicate record by name or date of birth' });
        }
        if (!v.reason || v.reason.length < 10) errors.push({ field: 'reason', message: 'Enter why these records are the same person: 10 to 500 characters' });
        form.showErrors(errors.filter((x) => x.field !== 'q'));
        if (errors.some((x) => x.field === 'q')) find.showErrors([errors.find((x) => x.field === 'q')]);
        return;
      }
      const r = await api.get('/people/merges/preview' + api.qs({ kept_id: id, merged_id: merged }));
      // Both records in full, to compare (the duplicate read as any
      // record is: audited).
      const other = await api.get(`/people/${merged}`).catch(() => r.merged);
      if (ctx.stale()) return;
      seen = r;
      preview.replaceChildren(
        h2('Compare the two records'),
        comparison(person, { ...r.merged, ...other }),
        h2('What will move'),
        p(`${nameOf(r.merged)} (person ${r.merged.id}${r.merged.date_of_birth ? `, born ${formatDate(r.merged.date_of_birth)}` : ''}) will be closed, and everything on it will move to ${nameOf(r.kept)}’s record. Both histories are kept, and the merge can be undone.`),
        r.moves.length ? table({
          caption: `${r.total} ${r.total === 1 ? 'record moves' : 'records move'}${r.moves.some((m) => m.count === null) ? ', and others not shown' : ''}`,
          captionClass: 'govuk-table__caption--s',
          head: ['What', 'How many'],
          rows: r.moves.map((m) => [m.label, m.count === null ? 'Not shown' : String(m.count)]),
        }) : p('Nothing is recorded on the duplicate: only the record itself is closed.'),
        warning('Check that these are the same person before merging.'),
        button('Merge these records', { warning: true, id: 'merge-confirm', onClick: merge }));
      preview.querySelector('h2').setAttribute('tabindex', '-1');
      preview.querySelector('h2').focus();
    },
  });
  const rows = merges.items.map((m) => [
    h('span', { class: 'spire-nowrap' }, formatDate(m.merged_at)),
    link(`${nameOf(m.merged)} (person ${m.merged.id})`, `#/people/${m.merged.id}`),
    link(`${nameOf(m.kept)} (person ${m.kept.id})`, `#/people/${m.kept.id}`),
    `${m.merged_by_name || ''}: ${m.reason}`,
    m.undone_at ? h('span', {}, tag('Undone', 'grey'), ` ${formatDate(m.undone_at)} by ${m.undone_by_name || ''}: ${m.undone_reason}`)
      : link('Undo', `#/people/${id}/merges/${m.id}/undo`),
  ]);
  const searched = found !== null;
  mount(ctx.root, backLink(`#/people/${id}`),
    takeFlash(),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, findSummary, ...heading(title, `Person ${id}`),
      p('Use this when two records are found to be the same person. Cases, family memberships, contacts, offences, consents, forms and every other record on the duplicate move to this one.'),
      h2('Find the duplicate'),
      find.el,
      searched && !choices.length ? p('No other record matches. Check the spelling, or search by date of birth only.') : null,
      h2('Choose the duplicate and say why'),
      choices.length ? null : p('Find the duplicate record first: records with the same date of birth and a similar name are listed here.'),
      form.el, preview)),
    h2('Merges of this record'),
    rows.length ? table({ caption: 'Merges, newest first', captionClass: 'govuk-table__caption--s',
      head: ['When', 'Duplicate', 'Kept', 'Why', 'Status'], rows }) : p('This record has not been merged with another.'));
}

export async function personMergeUndo(ctx) {
  const [id, mid] = ctx.params.map(Number);
  const merges = await api.get(`/people/${id}/merges`);
  if (ctx.stale()) return;
  const m = merges.items.find((x) => x.id === mid);
  const title = 'Undo a merge';
  setTitle(title);
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: 'Undo the merge', warning: true,
    fields: [{ name: 'reason', label: 'Why the merge is being undone', type: 'textarea', rows: 3, hint: 'At least 10 characters.' }],
    onSubmit: async (v) => {
      await api.post(`/people/merges/${mid}/undo`, { reason: v.reason });
      setFlash('The merge has been undone. The records are separate again.');
      ctx.go(`/people/${id}/merge`);
    },
  });
  mount(ctx.root, backLink(`#/people/${id}/merge`),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title),
      m ? p(`${nameOf(m.merged)} (person ${m.merged.id}) will be reopened, and what the merge moved goes back to it from ${nameOf(m.kept)}’s record. Records added since stay where they are.`)
        : p('This merge is not one of this record’s.'),
      form.el, p(link('Cancel', `#/people/${id}/merge`)))));
}
