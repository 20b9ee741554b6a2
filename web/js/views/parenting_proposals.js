// parenting_proposals.js - the support a parent self-assessment proposed
// (docs/parenting.md, "Steps to Change and the parent self-assessment"),
// for the parent worker to accept or change: each proposal with a
// checkbox and its action, goal, who and date editable, posted as the
// parent's support plan items (/api/v1/parent-plan-items, one per
// accepted proposal, naming the response and the need domain).
import * as api from '../api.js';
import { mount, h, heading, p, backLink, actions, button, errorSummary, setTitle, setFlash, dateHint } from '../ui.js';

const fid = (i, name) => `proposal-${i}-${name}`;

function textInput(i, name, label, value, hint) {
  const id = fid(i, name);
  return h('div', { class: 'govuk-form-group', dataset: { field: id } },
    h('label', { class: 'govuk-label', for: id }, label),
    hint ? h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint) : null,
    h('p', { class: 'govuk-error-message', id: `${id}-error`, hidden: true }),
    name === 'action'
      ? h('textarea', { class: 'govuk-textarea', id, name: id, rows: 2, value: value || '' })
      : h('input', {
        class: 'govuk-input', id, name: id, type: 'text', value: value || '',
        'aria-describedby': hint ? `${id}-hint` : null,
      }));
}

// "By when": the GOV.UK date input (day, month, year), as every other
// date in Spire.
function dateInput(i, name, legend) {
  const id = fid(i, name);
  const part = (key, text, width) => h('div', { class: 'govuk-date-input__item' },
    h('div', { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-date-input__label', for: `${id}-${key}` }, text),
      h('input', {
        class: `govuk-input govuk-date-input__input govuk-input--width-${width}`, id: `${id}-${key}`,
        name: `${id}-${key}`, type: 'text', inputmode: 'numeric',
      })));
  return h('div', { class: 'govuk-form-group', dataset: { field: id } },
    h('fieldset', { class: 'govuk-fieldset', role: 'group', 'aria-describedby': `${id}-hint` },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, legend),
      h('div', { class: 'govuk-hint', id: `${id}-hint` }, dateHint('future')),
      h('p', { class: 'govuk-error-message', id: `${id}-error`, hidden: true }),
      h('div', { class: 'govuk-date-input', id }, part('day', 'Day', 2), part('month', 'Month', 2), part('year', 'Year', 4))));
}

function readDate(root, i, name) {
  const v = (k) => root.querySelector(`#${fid(i, name)}-${k}`).value.trim();
  const d = v('day'), m = v('month'), y = v('year');
  if (!d && !m && !y) return '';
  const pad = (x) => (/^\d$/.test(x) ? '0' + x : x);
  return `${y}-${pad(m)}-${pad(d)}`;
}

// The API's field names on a plan item, and what this page calls them.
const LABELS = { goal: 'goal', action: 'action', who: 'who', due_date: 'by when' };

// proposalItems(list, values): the plan items to create from the
// proposals the worker kept, as the API takes them. Exported for tests.
export function proposalItems(r, values) {
  return r.proposals.map((x, i) => ({ x, i, v: values[i] })).filter(({ v }) => v.accept).map(({ x, v }) => ({
    goal: v.goal || undefined, action: v.action, who: v.who || undefined, due_date: v.due_date || undefined,
    status: 'not_started', case_id: r.case_id, form_response_id: r.id, need_domain: x.domain,
  }));
}

// madeFrom(r, items): the indexes of r's proposals already made into plan
// items from this response. A proposal is matched by its need and its
// action; an item whose action the worker reworded matches the one
// proposal of its need left unmatched, if there is exactly one.
export function madeFrom(r, items) {
  const mine = items.filter((x) => x.form_response_id === r.id);
  const done = new Set();
  const left = [];
  for (const it of mine) {
    const at = r.proposals.findIndex((x, i) => !done.has(i) && x.domain === it.need_domain && x.action === it.action);
    if (at >= 0) done.add(at); else left.push(it);
  }
  for (const it of left) {
    const free = r.proposals.map((x, i) => i).filter((i) => !done.has(i) && r.proposals[i].domain === it.need_domain);
    if (free.length === 1) done.add(free[0]);
  }
  return done;
}

// #/form-responses/ID/proposals
export async function proposalsView(ctx) {
  const id = Number(ctx.params[0]);
  const r = await api.get(`/form-responses/${id}`);
  if (ctx.stale()) return;
  /* Proposals already made into plan items (from this response, for the
   * same need): shown as such, never offered again. */
  const items = r.case_id ? (await api.get(`/parent-plan-items?case_id=${r.case_id}&limit=200`)).items || [] : [];
  if (ctx.stale()) return;
  const inPlan = madeFrom(r, items);
  const open = r.proposals.map((x, i) => (inPlan.has(i) ? -1 : i)).filter((i) => i >= 0);
  const title = 'Agree the support plan';
  setTitle(title);
  const summary = h('div');
  const rows = r.proposals.map((x, i) => (inPlan.has(i)
    ? h('div', { class: 'govuk-!-margin-bottom-6' },
      h('h2', { class: 'govuk-heading-m' }, x.domain_text),
      p(`Already in the plan: ${x.action}`))
    : h('fieldset', { class: 'govuk-fieldset govuk-!-margin-bottom-6' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, x.domain_text),
      h('div', { class: 'govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-3' },
        h('div', { class: 'govuk-checkboxes__item' },
          h('input', { class: 'govuk-checkboxes__input', id: fid(i, 'accept'), name: fid(i, 'accept'), type: 'checkbox', checked: true }),
          h('label', { class: 'govuk-label govuk-checkboxes__label', for: fid(i, 'accept') }, `Add to the plan: ${x.action}`))),
      textInput(i, 'action', 'Action', x.action),
      textInput(i, 'goal', 'Goal, in the parent\'s own words', '', 'Needed for each proposal kept. For example: "I want to feel calmer when he comes home late"'),
      textInput(i, 'who', 'Who', x.who),
      dateInput(i, 'due_date', 'By when (optional)'))));
  const read = () => r.proposals.map((_, i) => {
    if (inPlan.has(i) || made.has(i)) return { accept: false };
    const val = (name) => ctx.root.querySelector(`#${fid(i, name)}`);
    return {
      accept: val('accept').checked, action: val('action').value.trim(), goal: val('goal').value.trim(),
      who: val('who').value.trim(), due_date: readDate(ctx.root, i, 'due_date'),
    };
  });
  const clearErrors = () => {
    for (const g of ctx.root.querySelectorAll('.govuk-form-group--error')) g.classList.remove('govuk-form-group--error');
    for (const m of ctx.root.querySelectorAll('#proposals .govuk-error-message')) { m.hidden = true; m.replaceChildren(); }
  };
  // Each problem beside its field and in the summary, linked to it.
  const showError = (at, field, raw) => {
    // The API names the plan item's field; this page calls due_date "By when".
    const message = field === 'due_date' ? String(raw).replace(/^Due date/, 'By when') : raw;
    const text = `${r.proposals[at].domain_text}: ${message}`;
    const key = LABELS[field] ? field : null;
    if (!key) return { text };
    const group = ctx.root.querySelector(`[data-field="${fid(at, key)}"]`);
    group.classList.add('govuk-form-group--error');
    const slot = group.querySelector(`#${fid(at, key)}-error`);
    slot.hidden = false;
    slot.replaceChildren(h('span', { class: 'govuk-visually-hidden' }, 'Error: '), message);
    return { text, href: key === 'due_date' ? `#${fid(at, key)}-day` : `#${fid(at, key)}` };
  };
  /* Proposals already made into plan items, so that saving again after a
   * problem with one of them does not add the others twice. */
  const made = new Set();
  const submit = button('Create the plan items', { id: 'create-plan-items', onClick: async () => {
    submit.disabled = true;
    clearErrors();
    const values = read();
    const kept = values.map((v, i) => (v.accept ? i : -1)).filter((i) => i >= 0);
    const toMake = proposalItems(r, values);
    const problems = [];
    for (const [n, item] of toMake.entries()) {
      const at = kept[n];
      if (made.has(at)) continue;
      try {
        await api.post('/parent-plan-items', item);
        made.add(at);
        // Saved: no longer a choice on this page.
        rows[at].replaceWith(h('div', { class: 'govuk-!-margin-bottom-6' },
          h('h2', { class: 'govuk-heading-m' }, r.proposals[at].domain_text), p(`Added to the plan: ${item.action}`)));
      } catch (err) {
        if (!err || err.status === undefined) throw err;
        problems.push(...err.list().map((x) => showError(at, x.field, x.message)));
      }
    }
    submit.disabled = false;
    if (problems.length) {
      summary.replaceChildren(errorSummary(problems));
      setTitle(title, true);
      summary.firstChild.focus();
      return;
    }
    setFlash(`${made.size} plan item${made.size === 1 ? '' : 's'} added.`);
    ctx.go(`/form-responses/${id}`);
  } });
  mount(ctx.root, backLink(`#/form-responses/${id}`),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, r.form_title),
      !r.proposals.length ? p('The self-assessment proposed no support.')
        : open.length ? p('The self-assessment proposed this support. Untick what the parent does not want, and change the words to the parent\'s own.')
          : p('Every proposal of this self-assessment is in the plan already.'),
      h('form', { id: 'proposals', novalidate: true, on: { submit: (ev) => ev.preventDefault() } }, rows),
      open.length ? actions(submit) : null)));
}
