// parenting_proposals.js - the support a parent self-assessment proposed
// (docs/parenting.md, "Steps to Change and the parent self-assessment"),
// for the parent worker to accept or change: each proposal with a
// checkbox and its action, goal, who and date editable, posted as the
// parent's support plan items (/api/v1/parent-plan-items, one per
// accepted proposal, naming the response and the need domain).
import * as api from '../api.js';
import { mount, h, heading, p, backLink, actions, button, errorSummary, setTitle, setFlash } from '../ui.js';

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
        class: `govuk-input${name === 'due_date' ? ' govuk-input--width-10' : ''}`, id, name: id,
        type: name === 'due_date' ? 'date' : 'text', value: value || '',
        'aria-describedby': hint ? `${id}-hint` : null,
      }));
}

// proposalItems(list, values): the plan items to create from the
// proposals the worker kept, as the API takes them. Exported for tests.
export function proposalItems(r, values) {
  return r.proposals.map((x, i) => ({ x, i, v: values[i] })).filter(({ v }) => v.accept).map(({ x, v }) => ({
    goal: v.goal || undefined, action: v.action, who: v.who || undefined, due_date: v.due_date || undefined,
    status: 'not_started', case_id: r.case_id, form_response_id: r.id, need_domain: x.domain,
  }));
}

// #/form-responses/ID/proposals
export async function proposalsView(ctx) {
  const id = Number(ctx.params[0]);
  const r = await api.get(`/form-responses/${id}`);
  if (ctx.stale()) return;
  const title = 'Agree the support plan';
  setTitle(title);
  const summary = h('div');
  const rows = r.proposals.map((x, i) => h('fieldset', { class: 'govuk-fieldset govuk-!-margin-bottom-6' },
    h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, x.domain_text),
    h('div', { class: 'govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-3' },
      h('div', { class: 'govuk-checkboxes__item' },
        h('input', { class: 'govuk-checkboxes__input', id: fid(i, 'accept'), name: fid(i, 'accept'), type: 'checkbox', checked: true }),
        h('label', { class: 'govuk-label govuk-checkboxes__label', for: fid(i, 'accept') }, `Add to the plan: ${x.action}`))),
    textInput(i, 'action', 'Action', x.action),
    textInput(i, 'goal', 'Goal, in the parent\'s own words', '', 'For example: "I want to feel calmer when he comes home late"'),
    textInput(i, 'who', 'Who', x.who),
    textInput(i, 'due_date', 'By when', '')));
  const read = () => r.proposals.map((_, i) => {
    const val = (name) => ctx.root.querySelector(`#${fid(i, name)}`);
    return {
      accept: val('accept').checked, action: val('action').value.trim(), goal: val('goal').value.trim(),
      who: val('who').value.trim(), due_date: val('due_date').value,
    };
  });
  /* Proposals already made into plan items, so that saving again after a
   * problem with one of them does not add the others twice. */
  const made = new Set();
  const submit = button('Create the plan items', { id: 'create-plan-items', onClick: async () => {
    submit.disabled = true;
    const values = read();
    const kept = values.map((v, i) => (v.accept ? i : -1)).filter((i) => i >= 0);
    const items = proposalItems(r, values);
    const problems = [];
    for (const [n, item] of items.entries()) {
      const at = kept[n];
      if (made.has(at)) continue;
      try {
        await api.post('/parent-plan-items', item);
        made.add(at);
      } catch (err) {
        if (!err || err.status === undefined) throw err;
        problems.push(...err.list().map((x) => ({ text: `${r.proposals[at].domain_text}: ${x.message}` })));
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
      r.proposals.length
        ? p('The self-assessment proposed this support. Untick what the parent does not want, and change the words to the parent\'s own.')
        : p('The self-assessment proposed no support.'),
      h('form', { id: 'proposals', novalidate: true, on: { submit: (ev) => ev.preventDefault() } }, rows),
      r.proposals.length ? actions(submit) : null)));
}
