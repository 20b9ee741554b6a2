// resources.js - the generic screens of every resource described to the
// UI by GET /api/v1/resources (resources/*.json on the server, or written
// in C): the list on the person's or case's page its list filter points
// at, and pages to view, add, change, close and reopen a record, each
// built from the resource's field list with GOV.UK components (text input,
// textarea with character count, radios or select for a vocabulary, date
// input, and the error summary naming every field the API refuses).
import * as api from '../api.js';
import {
  mount, h, heading, p, h2, link, table, tag, setTitle, formatDate, personName, summaryList, backLink, buttonLink,
  actions, today, setFlash, takeFlash,
} from '../ui.js';
import { Form } from '../form.js';
import { accessFor } from './access.js';
import { section, fetchPage, pager, explainConflict } from './common.js';
import { reasonPage } from './close.js';
import { outcomeLabel } from './yj_common.js';
import { casePractitioners, practitionerOptions } from './case.js';

// article(label): "an" before a vowel sound (an alert), else "a".
const article = (label) => (/^[aeiou]/i.test(label) ? 'an' : 'a');

let described = null;

// describedResources(): the resources the user may use, fetched once a
// sign-in (the list does not change while the server runs).
export async function describedResources() {
  if (!described) described = api.get('/resources').then((r) => r.items).catch((e) => { described = null; throw e; });
  return described;
}

async function resourceAt(path) {
  const d = (await describedResources()).find((r) => r.path === `/api/v1/${path}`);
  if (!d) throw Object.assign(new Error('Page not found'), { status: 404 });
  return d;
}

const apiPath = (d) => d.path.replace(/^\/api\/v1/, '');
const slug = (d) => apiPath(d).slice(1);
const lower = (s) => s.charAt(0).toLowerCase() + s.slice(1);
// The fields a person fills in: not the reference the list filter sets.
const formFields = (d) => d.fields.filter((f) => f.name !== d.list_filter.field);

// How a value reads on a page.
// A reference (an id field) reads as the name the API gives beside it
// (child_id -> child_name; a parent support's person_id -> parent_name)
// when there is one, rather than as a bare number.
const NAMED_AS = { person_id: ['person_name', 'parent_name'], hearing_id: ['hearing_court'] };
function shown(f, v, x = {}) {
  if (v === null || v === undefined || v === '') return '';
  if (f.type === 'id') {
    const name = [f.name.replace(/_id$/, '_name'), ...(NAMED_AS[f.name] || [])].map((k) => x[k]).find(Boolean);
    if (name) return name;
  }
  if (f.values) return (f.values.find((x) => x.code === v) || { label: v }).label || v;
  if (f.type === 'date' || f.type === 'datetime') return formatDate(v);
  if (f.type === 'bool') return v ? 'Yes' : 'No';
  return String(v);
}

// The GOV.UK component for a field.
function input(f) {
  const base = { name: f.name, label: f.required ? f.label : `${f.label} (optional)`, errorLabel: f.label };
  if (f.values) {
    const options = f.values.filter((v) => !v.retired).map((v) => [v.code, v.label || v.code]);
    // An optional list offers "None"; a required one no empty choice once it holds a value (form.js).
    return options.length <= 6 ? { ...base, type: 'radios', options } : { ...base, type: 'select', options, placeholder: f.required ? null : 'None' };
  }
  switch (f.type) {
  case 'date': return { ...base, type: 'date' };
  case 'text': return { ...base, type: 'textarea', rows: 5, maxlength: f.max_length };
  case 'bool': return { ...base, type: 'radios', inline: true, options: [['true', 'Yes'], ['false', 'No']] };
  case 'int': return { ...base, type: 'text', inputmode: 'numeric', width: 5, hint: f.min !== undefined ? `A whole number from ${f.min} to ${f.max}` : null };
  default: return { ...base, width: f.max_length && f.max_length <= 20 ? 10 : 30 };
  }
}

// A child_id field (a parent's joint session or behaviour contract with one
// of their children) is chosen by name, never typed as a record number,
// from the children the parent is supported around: their open parent
// supports, the rule the server checks ("Select a child this parent is
// supported around", docs/parenting.md). Not every child of the parent's
// families: a brother or sister of a young mother in her own mother's
// family, or a child she has no support for, would only be refused.
async function withChildChoice(fields, personId) {
  if (!fields.some((f) => f.name === 'child_id')) return fields;
  const supports = await api.get(`/parent-supports${api.qs({ person_id: personId, include_closed: false, limit: 200 })}`,
    accessFor(personId));
  const children = new Map();
  for (const s of supports.items || []) {
    if (s.child_id && s.child_id !== personId) children.set(String(s.child_id), s.child_name || `Child ${s.child_id}`);
  }
  return fields.map((f) => (f.name === 'child_id'
    ? { ...f, type: 'select', options: [...children.entries()], placeholder: 'None', hint: 'The child this session or contract is with' }
    : f));
}

// Other references a person chooses by name, never as a record number:
// a parent support's intervention among the child's (outcome_id, when the
// record names the child's case). References Spire's own screens set (the
// self-assessment a plan item came from and its area: "Agree the support
// plan") are not typed here at all.
const SET_ELSEWHERE = { 'parent-plan-items': new Set(['form_response_id', 'need_domain']) };
// A report for court names its hearing among the case's, and who is
// writing it among the practitioners of every service (court work, docs/
// youth-justice-model.md section 11).
async function withCourtChoices(fields, caseId) {
  const want = new Set(fields.map((f) => f.name));
  if (!caseId || !(want.has('hearing_id') || want.has('author_id'))) return fields;
  const [hearings, staff] = await Promise.all([
    want.has('hearing_id') ? api.get(`/hearings?case_id=${caseId}&limit=200`).then((r) => r.items) : [],
    want.has('author_id') ? casePractitioners(caseId) : [],
  ]);
  return fields.map((f) => {
    if (f.name === 'hearing_id') {
      return { ...f, type: 'select', placeholder: 'None', hint: 'The hearing the report is for',
        options: hearings.map((x) => [String(x.id), `${formatDate(x.hearing_date)}, ${x.court}`]) };
    }
    if (f.name === 'author_id') {
      return { ...f, type: 'select', label: 'Who is writing it (optional)', placeholder: 'Not decided yet',
        options: practitionerOptions(staff).map(([v, t]) => [String(v), t]) };
    }
    return f;
  });
}

async function withReferenceChoices(d, fields, x, caseId = x && x.case_id) {
  const elsewhere = SET_ELSEWHERE[slug(d)] || new Set();
  const out = await withCourtChoices(fields.filter((f) => !elsewhere.has(f.name)), caseId);
  if (!out.some((f) => f.name === 'outcome_id') || !x || !x.child_case_id) return out;
  let outcomes = [];
  try {
    outcomes = (await api.get(`/outcomes?case_id=${x.child_case_id}&limit=200`)).items || [];
  } catch { /* not the user's to read: left as it is */ return out.filter((f) => f.name !== 'outcome_id'); }
  const options = outcomes.filter((o) => !o.closed_at)
    .map((o) => [String(o.id), `${outcomeLabel(o.outcome_type)}, ${formatDate(o.start_date || o.outcome_date)}`]);
  return out.map((f) => (f.name === 'outcome_id'
    ? { ...f, type: 'select', options, placeholder: 'None', hint: 'The child’s intervention the support is around' }
    : f));
}

// A field with a `when` (GET /api/v1/resources: {field, values,
// required}) belongs only with some values of another field (a behaviour
// contract's terms, review date and outcome, with a session whose type is
// "behaviour contract"): it is shown only while that field holds one of
// them, and a hidden one is never sent (a change clears what it held).
function conditional(d, form) {
  const when = d.fields.filter((f) => f.when);
  const group = (name) => form.el.querySelector(`[data-field="${name}"]`);
  const holds = (f) => f.when.values.includes(form.values()[f.when.field]);
  const update = () => { for (const f of when) { const g = group(f.name); if (g) g.hidden = !holds(f); } };
  form.el.addEventListener('change', update);
  update();
  return (body, changing) => {
    for (const f of when) {
      if (holds(f)) continue;
      if (changing && form.initial[f.name] !== undefined && form.initial[f.name] !== null && form.initial[f.name] !== '') body[f.name] = null;
      else delete body[f.name];
    }
    return body;
  };
}

// A field's label: "(optional)" unless it is always required, or required
// whenever it is shown.
const labelled = (f) => ({ ...f, required: f.required || (f.when && f.when.required) });

// Values read from the form, typed as the API takes them.
function typed(d, body) {
  for (const f of d.fields) {
    const v = body[f.name];
    if (v === undefined || v === null || v === '') continue;
    if (f.type === 'int' && /^-?\d+$/.test(v)) body[f.name] = Number(v);
    if (f.type === 'bool') body[f.name] = v === 'true';
    if (f.type === 'id' && /^\d+$/.test(v)) body[f.name] = Number(v);
  }
  return body;
}

// A textarea's character count (GOV.UK character count): what is left,
// told as the person types.
function characterCounts(form) {
  for (const f of form.fields.filter((x) => x.maxlength)) {
    const el = form.el.querySelector(`textarea[name="${f.name}"]`);
    const msg = h('div', { class: 'govuk-hint govuk-character-count__message', 'aria-live': 'polite' });
    const update = () => {
      const left = f.maxlength - el.value.length;
      msg.textContent = left >= 0
        ? `You have ${left} character${left === 1 ? '' : 's'} remaining`
        : `You have ${-left} character${left === -1 ? '' : 's'} too many`;
      msg.classList.toggle('govuk-error-message', left < 0);
    };
    el.parentNode.classList.add('govuk-character-count');
    el.after(msg);
    el.addEventListener('input', update);
    update();
  }
}

// resourceSections(ctx, about, record, access, open): on a person's or
// case's page, a section per resource listed by it (about: 'person' or
// 'case'), a page at a time, with a way to add one while it is open.
export async function resourceSections(ctx, about, record, access, open) {
  const all = await section(describedResources);
  if (!Array.isArray(all)) return all;
  // Built-in resources have screens of their own (views/consents.js...).
  const mine = all.filter((d) => d.list_filter.about === about && d.from_file);
  return Promise.all(mine.map((d) => section(async () => {
    const key = slug(d);
    const r = await fetchPage(ctx, key, apiPath(d), { [d.list_filter.field]: record.id }, { access });
    const cols = formFields(d).filter((f) => f.type !== 'text').slice(0, 4);
    const base = about === 'case' ? `#/cases/${record.id}` : `#/people/${record.id}`;
    return h('div', { class: 'spire-resource', dataset: { resource: d.name } },
      h2(d.plural),
      open && d.write ? actions(buttonLink(`Add ${article(d.label)} ${lower(d.label)}`, `${base}/r/${key}/new`, true)) : null,
      r.items.length ? table({
        caption: d.plural, captionClass: 'govuk-visually-hidden',
        head: [...cols.map((f) => f.label), 'Status', 'Action'],
        rows: r.items.map((x) => [
          ...cols.map((f) => shown(f, x[f.name], x)),
          x.closed_at ? tag('Closed', 'grey') : tag('Open', 'blue'),
          link(['View', h('span', { class: 'govuk-visually-hidden' }, ` ${lower(d.label)} ${x.id}`)], `#/r/${key}/${x.id}`),
        ]),
      }) : p(`No ${lower(d.plural)} have been recorded.`),
      pager(ctx, key, r, lower(d.plural)));
  })));
}

// Where a record's pages go back to: its person's or case's page.
function ownerHref(d, x) {
  return d.list_filter.about === 'case' ? `#/cases/${x.case_id}` : `#/people/${x.person_id}`;
}

// #/cases/N/r/PATH/new, #/people/N/r/PATH/new
export async function resourceAdd(ctx) {
  const about = ctx.path.startsWith('/cases/') ? 'case' : 'person';
  const ownerId = Number(ctx.params[0]);
  const d = await resourceAt(ctx.params[1]);
  const owner = await api.get(about === 'case' ? `/cases/${ownerId}` : `/people/${ownerId}`,
    about === 'person' ? accessFor(ownerId) : undefined);
  if (ctx.stale()) return;
  const personId = about === 'case' ? owner.person_id : ownerId;
  const back = about === 'case' ? `#/cases/${ownerId}` : `#/people/${ownerId}`;
  const title = `Add ${article(d.label)} ${lower(d.label)}`;
  setTitle(title);
  const summary = h('div');
  const fields = await withReferenceChoices(d, await withChildChoice(formFields(d).map(labelled).map(input), personId), null, about === 'case' ? ownerId : null);
  if (ctx.stale()) return;
  const values = {};
  for (const f of formFields(d)) if (f.type === 'date' && f.required) values[f.name] = today();
  const form = new Form({
    title, summarySlot: summary, submitText: `Save ${lower(d.label)}`, fields, values,
    onSubmit: async () => {
      const x = await api.post(apiPath(d), { [d.list_filter.field]: ownerId, ...typed(d, applies(form.body(), false)) }, accessFor(personId));
      setFlash(`The ${lower(d.label)} has been added.`);
      ctx.go(`/r/${slug(d)}/${x.id}`);
    },
  });
  characterCounts(form);
  const applies = conditional(d, form);
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, personName(owner)), form.el, p(link('Cancel', back)))));
}

async function load(ctx) {
  const d = await resourceAt(ctx.params[0]);
  const x = await api.get(`${apiPath(d)}/${ctx.params[1]}`);
  return { d, x };
}

// ownStatus(d): whether the resource has a field shown as "Status".
const ownStatus = (d) => formFields(d).some((f) => f.name === 'status' || f.label === 'Status');

// #/r/PATH/N: the record, and what may be done with it.
export async function resourceView(ctx) {
  const { d, x } = await load(ctx);
  if (ctx.stale()) return;
  const title = d.label;
  setTitle(title);
  const base = `#/r/${slug(d)}/${x.id}`;
  const open = !x.closed_at;
  mount(ctx.root, backLink(ownerHref(d, x)), takeFlash(),
    ...heading(title, personName(x) || null),
    summaryList([
      ...formFields(d).filter((f) => !f.when || f.when.values.includes(x[f.when.field])).map((f) => [f.label, shown(f, x[f.name], x)]),
      // A record with a status of its own (a session's "Planned") says it
      // once; whether it is closed is then the "Closed" row's to say.
      ownStatus(d) && open ? null : ['Status', open ? tag('Open', 'blue') : tag('Closed', 'grey')],
      ['Recorded by', x.recorded_by_name || x.created_by_name],
      x.closed_at ? ['Closed', `On ${formatDate(x.closed_at)} by ${x.closed_by_name || 'unknown'}: ${x.closed_reason}`] : null,
    ]),
    d.write ? actions(
      open ? buttonLink(`Change ${lower(d.label)}`, `${base}/change`) : null,
      open ? buttonLink(`${d.close_verb.charAt(0).toUpperCase()}${d.close_verb.slice(1)} ${lower(d.label)}`, `${base}/close`, true)
        : d.reopen ? buttonLink(`Reopen ${lower(d.label)}`, `${base}/close`, true) : null) : null,
    p(link('Back', ownerHref(d, x))));
}

// #/r/PATH/N/change: every field that may still change, sent as what changed.
export async function resourceChange(ctx) {
  const { d, x } = await load(ctx);
  if (ctx.stale()) return;
  const title = `Change ${lower(d.label)}`;
  setTitle(title);
  const back = `#/r/${slug(d)}/${x.id}`;
  const summary = h('div');
  const fields = await withReferenceChoices(d, await withChildChoice(formFields(d).filter((f) => !f.immutable).map(labelled).map(input), x.person_id), x);
  if (ctx.stale()) return;
  const values = {};
  for (const f of d.fields) values[f.name] = f.type === 'int' || f.type === 'bool' || f.type === 'id' ? (x[f.name] ?? '') === '' ? '' : String(x[f.name]) : x[f.name];
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save changes', fields, values,
    onSubmit: async () => {
      try {
        await api.patch(`${apiPath(d)}/${x.id}`, { version: x.version, ...typed(d, applies(form.body({ changedOnly: true }), true)) }, accessFor(x.person_id));
      } catch (err) {
        throw explainConflict(err);
      }
      setFlash(`The ${lower(d.label)} has been changed.`);
      ctx.go(`/r/${slug(d)}/${x.id}`);
    },
  });
  characterCounts(form);
  const applies = conditional(d, form);
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, personName(x) || null), form.el, p(link('Cancel', back)))));
}

// #/r/PATH/N/close: close with a reason, or reopen a closed record.
export async function resourceClose(ctx) {
  const { d, x } = await load(ctx);
  if (ctx.stale()) return;
  const back = `#/r/${slug(d)}/${x.id}`;
  const access = accessFor(x.person_id);
  const verb = d.close_verb.charAt(0).toUpperCase() + d.close_verb.slice(1);
  reasonPage(ctx, {
    title: `${verb} ${lower(d.label)}`, back, submitText: `${verb} ${lower(d.label)}`,
    rows: formFields(d).map((f) => [f.label, shown(f, x[f.name], x)]),
    warn: 'Nothing is deleted: the record and every earlier version are kept.',
    reasonLabel: 'Why?', reasonHint: 'For example, recorded against the wrong child',
    closedText: x.closed_at ? `This ${lower(d.label)} was closed on ${formatDate(x.closed_at)}.` : null,
    reopen: d.reopen ? {
      title: `Reopen ${lower(d.label)}`,
      send: async (reason) => {
        await api.post(`${apiPath(d)}/${x.id}/reopen`, { version: x.version, reason }, access);
        setFlash(`The ${lower(d.label)} has been reopened.`);
        ctx.go(`/r/${slug(d)}/${x.id}`);
      },
    } : undefined,
    send: async (reason) => {
      await api.post(`${apiPath(d)}/${x.id}/${d.close_verb}`, { version: x.version, reason }, access);
      setFlash(`The ${lower(d.label)} has been closed.`);
      ctx.go(`/r/${slug(d)}/${x.id}`);
    },
  });
}

// Signing out forgets what the last user could use.
export function forgetResources() { described = null; }
