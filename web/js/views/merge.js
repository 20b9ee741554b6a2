// merge.js - merging a duplicate person record into this one, for managers
// (docs/people-merge.md): choose the duplicate and say why, preview what
// will move, then merge; the merges this record was part of, each of
// which can be undone with a reason.
import * as api from '../api.js';
import {
  mount, h, heading, p, h2, table, tag, setTitle, backLink, link, formatDate, setFlash, takeFlash, warning, button, personName,
} from '../ui.js';
import { Form } from '../form.js';

const nameOf = (x) => `${x.given_name} ${x.family_name}`;

export async function personMerge(ctx) {
  const id = Number(ctx.params[0]);
  const [person, merges] = await Promise.all([api.get(`/people/${id}`), api.get(`/people/${id}/merges`)]);
  if (ctx.stale()) return;
  const name = personName(person);
  const title = `Merge a duplicate into ${name}’s record`;
  setTitle(title);
  const summary = h('div');
  const preview = h('div', { id: 'merge-preview', 'aria-live': 'polite' });
  let form;
  let seen = null; // what the preview showed: the merge is made only on that
  const merge = async () => {
    try {
      const b = form.values();
      await api.post('/people/merges', {
        kept_id: id, merged_id: Number(b.merged_id) || b.merged_id, reason: b.reason,
        kept_version: seen?.kept.version, merged_version: seen?.merged.version, moves_total: seen?.total,
      });
      setFlash(`The records have been merged. Everything on person ${b.merged_id} is now on ${name}’s record.`);
      ctx.go(`/people/${id}`);
    } catch (err) {
      if (!err.status || err.status >= 500) throw err;
      preview.replaceChildren();
      form.showErrors(err.list());
    }
  };
  form = new Form({
    title,
    summarySlot: summary,
    submitText: 'Preview the merge',
    fields: [
      { name: 'merged_id', label: 'Person number of the duplicate record', width: 10, inputmode: 'numeric',
        hint: 'The number at the end of the duplicate’s address, for example 1234 in #/people/1234' },
      { name: 'reason', label: 'Why these records are the same person', type: 'textarea', rows: 3,
        hint: 'For example, the same NHS number and date of birth. At least 10 characters.' },
    ],
    onSubmit: async (v) => {
      preview.replaceChildren();
      const merged = Number(v.merged_id);
      // Asked with the reason too, so that every wrong field shows at once.
      if (!v.reason || v.reason.length < 10 || !Number.isInteger(merged) || merged < 1) {
        const errors = [];
        if (!Number.isInteger(merged) || merged < 1) errors.push({ field: 'merged_id', message: 'Enter the person number of the duplicate record' });
        if (!v.reason || v.reason.length < 10) errors.push({ field: 'reason', message: 'Enter why these records are the same person: 10 to 500 characters' });
        form.showErrors(errors);
        return;
      }
      const r = await api.get('/people/merges/preview' + api.qs({ kept_id: id, merged_id: merged }));
      if (ctx.stale()) return;
      seen = r;
      preview.replaceChildren(
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
  mount(ctx.root, backLink(`#/people/${id}`),
    takeFlash(),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title),
      p('Use this when two records are found to be the same person. Cases, family memberships, contacts, offences, consents, forms and every other record on the duplicate move to this one.'),
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
