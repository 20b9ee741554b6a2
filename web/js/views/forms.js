// forms.js - any form Spire holds (a FHIR Questionnaire, docs/forms.md),
// drawn from its definition with GOV.UK components: a start page (who is
// completing it), one question group per page (radios, checkboxes, date
// input, character count, questions revealed by earlier answers), "check
// your answers", and a printable plain-language view of a response. No
// form is known here by name: everything comes from the definition.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, heading, h2, p, link, setTitle, backLink, buttonLink, actions, tag, summaryList, table, warning,
  errorSummary, formatDate, personName, setFlash, takeFlash, today, button, inset,
} from '../ui.js';
import { Form } from '../form.js';

const COMPLETED_BY = vocab.options('form_completed_by');
// A response's status as people read it; a withdrawn response is shown
// as FHIR's entered-in-error, which is never stored.
const statusText = (s) => (s === 'entered-in-error' ? 'Entered in error' : vocab.label('form_response_statuses', s));

const definitions = new Map();

// definition(id, version): the Questionnaire, fetched once per page load.
async function definition(id, version) {
  const key = `${id}|${version || ''}`;
  if (!definitions.has(key)) {
    definitions.set(key, api.get('/forms/definition' + api.qs({ id, version: version || undefined })));
  }
  return definitions.get(key);
}

// whoMay(def): the options of "Who is completing this form?" the form
// allows (its completed-by extensions; every one when it names none).
const COMPLETED_BY_EXT = 'https://spire.example/fhir/StructureDefinition/completed-by';
function whoMay(def) {
  const codes = (def.extension || []).filter((x) => x.url === COMPLETED_BY_EXT).map((x) => x.valueCode);
  return codes.length ? COMPLETED_BY.filter(([code]) => codes.includes(code)) : COMPLETED_BY;
}

// subjectKind(def): what every response of the form must be about (its
// subject extension: Steps to Change is about a family), or undefined.
const SUBJECT_EXT = 'https://spire.example/fhir/StructureDefinition/subject';
const subjectKind = (def) => ((def.extension || []).find((x) => x.url === SUBJECT_EXT) || {}).valueCode;

// audience(r): who can see a response's answers, as the server derives it
// from the access rules (r.visible_to), on every page that shows them.
const audience = (r) => (r.visible_to ? inset(h('p', { class: 'govuk-body', id: 'visible-to' }, r.visible_to)) : null);

// pages(def): the top-level groups, one a page; top-level questions
// outside a group share a page of their own.
export function pages(def) {
  const out = [];
  let loose = null;
  for (const it of def.item || []) {
    if (it.type === 'group') { out.push({ title: it.text || def.title, items: it.item || [] }); loose = null; continue; }
    if (!loose) { loose = { title: def.title, items: [] }; out.push(loose); }
    loose.items.push(it);
  }
  return out;
}

// Every item with its parent group's linkId.
function walk(items, parent, fn) {
  for (const it of items || []) {
    fn(it, parent);
    if (it.item) walk(it.item, it.linkId, fn);
  }
}

function index(def) {
  const items = new Map();
  const parents = new Map();
  walk(def.item, null, (it, parent) => { items.set(it.linkId, it); if (parent) parents.set(it.linkId, parent); });
  return { items, parents };
}

const asList = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

// The enableWhen rules, as the server applies them (src/service/forms/answers.c).
function compare(v, cond) {
  const key = Object.keys(cond).find((k) => k.startsWith('answer'));
  let want = cond[key];
  if (key === 'answerCoding') want = want && want.code;
  if (typeof v === 'number' && typeof want === 'number') return v < want ? -1 : v > want ? 1 : 0;
  if (typeof v === 'boolean' && typeof want === 'boolean') return Number(v) - Number(want);
  if (typeof v === 'string' && typeof want === 'string') return v < want ? -1 : v > want ? 1 : 0;
  return null;
}

function condition(given, cond) {
  const op = cond.operator;
  if (op === 'exists') return (given.length > 0) === (cond.answerBoolean === true);
  if (!given.length) return false;
  let equal = false;
  for (const v of given) {
    const c = compare(v, cond);
    if (c === null) continue;
    if (c === 0) equal = true;
    if ((op === '=' && c === 0) || (op === '>' && c > 0) || (op === '<' && c < 0) || (op === '>=' && c >= 0) || (op === '<=' && c <= 0)) return true;
  }
  return op === '!=' && !equal;
}

export function enabled(idx, item, answers, depth = 0) {
  if (!item || depth > 16) return false;
  const parent = idx.parents.get(item.linkId);
  if (parent && !enabled(idx, idx.items.get(parent), answers, depth + 1)) return false;
  const rules = item.enableWhen || [];
  if (!rules.length) return true;
  const any = item.enableBehavior === 'any';
  for (const c of rules) {
    const q = idx.items.get(c.question);
    const ok = condition(enabled(idx, q, answers, depth + 1) ? asList(answers[c.question]) : [], c);
    if (any && ok) return true;
    if (!any && !ok) return false;
  }
  return !any;
}

// The answers with those of items that no longer apply removed.
function applicable(idx, answers) {
  const out = {};
  for (const [k, v] of Object.entries(answers)) if (enabled(idx, idx.items.get(k), answers)) out[k] = v;
  return out;
}

const optionCode = (o) => (o.valueCoding ? o.valueCoding.code : o.valueString);
const optionText = (o) => (o.valueCoding ? o.valueCoding.display || o.valueCoding.code : o.valueString);

const EXT = 'https://spire.example/fhir/StructureDefinition/';
const extOf = (x, url) => (x.extension || []).find((e) => e.url === url);
const subOf = (x, url) => (x && x.extension ? x.extension.find((e) => e.url === url) : null);
const boundOf = (item, which) => {
  const b = extOf(item, `http://hl7.org/fhir/StructureDefinition/${which}`);
  return b ? b.valueInteger : null;
};

// scaleOf(item): {min, max, low, high} for an integer item with Spire's
// scale-anchors extension (docs/forms.md), else null.
export function scaleOf(item) {
  const x = item && item.type === 'integer' ? extOf(item, `${EXT}scale-anchors`) : null;
  if (!x) return null;
  return {
    min: boundOf(item, 'minValue') ?? 1, max: boundOf(item, 'maxValue') ?? 10,
    low: (subOf(x, 'low') || {}).valueString, high: (subOf(x, 'high') || {}).valueString,
  };
}

// field(item): the GOV.UK field (form.js) for a question.
function field(item) {
  const base = { name: item.linkId, label: item.text, errorLabel: item.text, legendSize: 's' };
  const scale = scaleOf(item);
  if (scale) {
    const options = [];
    for (let v = scale.min; v <= scale.max; v += 1) options.push([String(v), String(v)]);
    return { ...base, type: 'radios', inline: true, options, scale: true,
      hint: `${scale.min} means ${scale.low}; ${scale.max} means ${scale.high}` };
  }
  switch (item.type) {
  case 'boolean': return { ...base, type: 'radios', inline: true, options: [['true', 'Yes'], ['false', 'No']] };
  case 'choice':
    return { ...base, type: item.repeats ? 'checkboxes' : 'radios', options: (item.answerOption || []).map((o) => [optionCode(o), optionText(o)]),
      hint: item.repeats ? 'Select all that apply' : null };
  case 'date': return { ...base, type: 'date' };
  case 'integer': return { ...base, type: 'text', width: 5, hint: 'A whole number' };
  case 'decimal': return { ...base, type: 'text', width: 5 };
  case 'text': return { ...base, type: 'textarea', rows: 5, maxLength: item.maxLength };
  case 'open-choice':
    return { ...base, type: 'text', hint: `For example: ${(item.answerOption || []).map(optionText).join(', ')}` };
  default: return { ...base, type: 'text', maxLength: item.maxLength };
  }
}

// The page's fields: questions, with sub-groups and display items as
// headings.
function fieldsOf(items) {
  const out = [];
  for (const it of items) {
    if (it.type === 'group') { out.push({ section: it.text }); out.push(...fieldsOf(it.item || [])); } else if (it.type === 'display') out.push({ section: it.text });
    else out.push(field(it));
  }
  return out;
}

// A form value as the answer the API wants ('' -> no answer).
function answerOf(item, v) {
  if (v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length)) return undefined;
  if (item.type === 'boolean') return v === 'true';
  if (item.type === 'integer' || item.type === 'decimal') return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  return v;
}

function valueOf(item, a) {
  if (a === undefined || a === null) return undefined;
  if (item.type === 'boolean') return String(a);
  if (item.type === 'integer' || item.type === 'decimal') return String(a);
  return a;
}

// The character count of a textarea with a maxLength (GOV.UK's component,
// its message kept up to date as the user types).
function characterCounts(formEl, fields) {
  for (const f of fields) {
    if (f.type !== 'textarea' || !f.maxLength) continue;
    const group = formEl.querySelector(`[data-field="${f.name}"]`);
    const area = group.querySelector('textarea');
    const msg = h('div', { class: 'govuk-hint govuk-character-count__message', id: `${area.id}-info`, 'aria-live': 'polite' });
    const update = () => {
      const left = f.maxLength - [...area.value].length;
      msg.textContent = left >= 0 ? `You have ${left} character${left === 1 ? '' : 's'} remaining`
        : `You have ${-left} character${left === -1 ? '' : 's'} too many`;
      msg.classList.toggle('govuk-error-message', left < 0);
    };
    group.classList.add('govuk-character-count');
    area.setAttribute('aria-describedby', [area.getAttribute('aria-describedby'), msg.id].filter(Boolean).join(' '));
    area.after(msg);
    area.addEventListener('input', update);
    update();
  }
}

// Show only the questions that apply to the answers given so far.
function reveal(form, idx, items, stored) {
  const apply = () => {
    const v = form.values();
    const answers = { ...stored };
    for (const [k, val] of Object.entries(v)) {
      const a = answerOf(idx.items.get(k), val);
      if (a === undefined) delete answers[k]; else answers[k] = a;
    }
    walk(items, null, (it) => {
      const group = form.el.querySelector(`[data-field="${it.linkId}"]`);
      if (group) group.hidden = !enabled(idx, it, answers);
    });
  };
  form.el.addEventListener('change', apply);
  form.el.addEventListener('input', apply);
  apply();
}

async function subjectOf(r) {
  if (r.case_id) {
    /* A response shared by consent (a parent's self-assessment shown to the
     * child's youth justice officer) is readable where its case is not: name
     * the person and go back to their record instead. */
    const c = await api.get(`/cases/${r.case_id}`).catch((err) => {
      if (err && err.status === 403 && r.person_id) return null;
      throw err;
    });
    if (c) return { name: personName(c), back: `#/cases/${r.case_id}/forms` };
  }
  if (r.person_id) {
    const pp = await api.get(`/people/${r.person_id}`);
    return { name: personName(pp), back: `#/people/${r.person_id}` };
  }
  if (r.family_id) {
    const f = await api.get(`/families/${r.family_id}`);
    return { name: f.name || 'The family', back: `#/families/${r.family_id}/steps-to-change` };
  }
  return { name: 'A family', back: '#/' };
}

// #/cases/ID/forms: the case's forms, and the forms to start.
export async function caseForms(ctx) {
  const caseId = Number(ctx.params[0]);
  const [c, forms, responses] = await Promise.all([
    api.get(`/cases/${caseId}`), api.get('/forms'),
    api.get('/form-responses' + api.qs({ case_id: caseId, limit: 100 })),
  ]);
  if (ctx.stale()) return;
  setTitle('Forms');
  // Only the forms made for this kind of case (each form's case-service
  // extensions, docs/forms.md); the API refuses any other.
  const active = forms.items.filter((f) => f.status === 'active'
    && (!f.case_services || !f.case_services.length || f.case_services.includes(c.service_code)));
  mount(ctx.root, backLink(`#/cases/${caseId}`), takeFlash(), ...heading('Forms', personName(c)),
    responses.items.length
      ? table({
        caption: 'Forms on this case', head: ['Form', 'Date', 'Completed by', 'Status'],
        rows: responses.items.map((r) => [link(r.form_title || r.form_id, `#/form-responses/${r.id}`), formatDate(r.authored),
          humaniseWho(r.completed_by), tag(statusText(r.status), r.status === 'completed' ? 'green' : 'yellow')]),
      })
      : p('No forms have been started on this case.'),
    h2('Start a form'),
    active.length
      ? h('ul', { class: 'govuk-list' }, active.map((f) => h('li', {}, link(f.title || f.id, `#/cases/${caseId}/forms/${encodeURIComponent(f.id)}/new`))))
      : p('There are no forms for this kind of case.'));
}

function humaniseWho(code) {
  const found = COMPLETED_BY.find(([k]) => k === code);
  return found ? found[1] : code;
}

// #/cases/ID/forms/FORM/new: who is completing it, then the first page.
export async function formStart(ctx) {
  return startForm(ctx, 'case_id');
}

// #/families/ID/forms/FORM/new: the same for a form about a family.
export async function familyFormStart(ctx) {
  return startForm(ctx, 'family_id');
}

async function startForm(ctx, key) {
  const caseId = Number(ctx.params[0]);
  const formId = decodeURIComponent(ctx.params[1]);
  const family = key === 'family_id';
  const [c, def] = await Promise.all([api.get(family ? `/families/${caseId}` : `/cases/${caseId}`), definition(formId)]);
  // A form about a family (Steps to Change) started from a case is about
  // one of the families of the case's person: the practitioner chooses
  // which (or it is the one), and the response is the family's.
  const forFamily = !family && subjectKind(def) === 'family';
  const families = forFamily ? (await api.get('/families' + api.qs({ person_id: c.person_id }))).items : [];
  if (ctx.stale()) return;
  const who = family ? (c.name || 'The family') : personName(c);
  const back = family ? `#/families/${caseId}/steps-to-change` : `#/cases/${caseId}/forms`;
  const title = def.title || def.id;
  setTitle(title);
  const summary = h('div');
  const familyName = (f) => f.name || 'A family without a name';
  const fields = [{ name: 'completed_by', label: 'Who is completing this form?', type: 'radios', options: whoMay(def), legendSize: 'm' }];
  if (forFamily && families.length > 1) {
    fields.unshift({
      name: 'family_id', label: `Which of ${who}’s families is this ${title} about?`, type: 'radios', legendSize: 'm',
      hint: `${title} is scored for a family, and shows on that family’s page.`,
      options: families.map((f) => [String(f.id), familyName(f)]),
    });
  }
  const form = new Form({
    title, summarySlot: summary, submitText: 'Start',
    values: { completed_by: whoMay(def).some(([code]) => code === 'practitioner') ? 'practitioner' : undefined },
    fields,
    onSubmit: async (v) => {
      const subject = !forFamily ? { [key]: caseId }
        : { family_id: families.length === 1 ? families[0].id : (v.family_id ? Number(v.family_id) : undefined) };
      const r = await api.post('/form-responses', {
        form_id: def.id, form_version: Number(def.version), ...subject, completed_by: v.completed_by || undefined,
        authored: today(), status: 'in-progress', answers: {},
      });
      ctx.go(`/form-responses/${r.id}/page/1`);
    },
  });
  const intro = def.description ? p(def.description) : null;
  if (forFamily && !families.length) {
    mount(ctx.root, backLink(back),
      h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
        ...heading(title, who), intro,
        p(`${title} is scored for a family, and ${who} is not in a family yet. Add them to a family from their page, then start it here or from the family’s page.`),
        p(link(`Go to ${who}’s page`, `#/people/${c.person_id}`)))));
    return;
  }
  const about = forFamily && families.length === 1
    ? inset(p(`This ${title} is about ${familyName(families[0])}, and shows on that family’s page.`)) : null;
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, who), intro, about, form.el)));
}

async function load(id) {
  const r = await api.get(`/form-responses/${id}`);
  const def = await definition(r.form_id, r.form_version);
  return { r, def, idx: index(def), list: pages(def) };
}

// #/form-responses/ID/page/N: one group of questions.
export async function formPageView(ctx) {
  const id = Number(ctx.params[0]);
  const n = Number(ctx.params[1]);
  const { r, def, idx, list } = await load(id);
  if (ctx.stale()) return;
  if (r.status !== 'in-progress') { ctx.go(`/form-responses/${id}`); return; }
  const page = list[n - 1];
  if (!page) { ctx.go(`/form-responses/${id}/check`); return; }
  const subject = await subjectOf(r);
  if (ctx.stale()) return;
  const title = page.title;
  setTitle(title);
  const summary = h('div');
  const fields = fieldsOf(page.items);
  // A scored form's stage (start, review, end): only the stages that may
  // come next for this subject are offered (the API refuses the others).
  const stages = r.stages;
  if (stages) {
    for (const f of fields) {
      if (f.name === stages.question && Array.isArray(f.options)) {
        f.options = f.options.filter(([code]) => stages.allowed.includes(code));
        if (stages.allowed.length === 1) f.hint = [f.hint, 'This is the only stage that can be scored next.'].filter(Boolean).join(' ');
      }
    }
  }
  const values = {};
  for (const f of fields) if (!f.section) values[f.name] = valueOf(idx.items.get(f.name), r.answers[f.name]);
  const form = new Form({
    title, summarySlot: summary, submitText: 'Save and continue', values, fields,
    onSubmit: async (v) => {
      const answers = { ...r.answers };
      for (const [k, val] of Object.entries(v)) {
        const a = answerOf(idx.items.get(k), val);
        if (a === undefined) delete answers[k]; else answers[k] = a;
      }
      await api.patch(`/form-responses/${id}`, { version: r.version, answers: applicable(idx, answers) });
      ctx.go(n < list.length ? `/form-responses/${id}/page/${n + 1}` : `/form-responses/${id}/check`);
    },
  });
  characterCounts(form.el, fields);
  reveal(form, idx, page.items, r.answers);
  const back = n > 1 ? `#/form-responses/${id}/page/${n - 1}` : subject.back;
  mount(ctx.root, backLink(back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, h('span', { class: 'govuk-caption-l' }, `${def.title} – page ${n} of ${list.length}`),
      h('h1', { class: 'govuk-heading-l' }, title), audience(r), form.el,
      p(link('Save and come back later', subject.back)))));
}

// The answer to item as words.
function answerText(item, a) {
  if (a === undefined || a === null) return null;
  const one = (v) => {
    if (item.type === 'boolean') return v ? 'Yes' : 'No';
    if (item.type === 'date') return formatDate(v);
    if (item.type === 'choice' || item.type === 'open-choice') {
      const o = (item.answerOption || []).find((x) => optionCode(x) === v);
      return o ? optionText(o) : String(v);
    }
    return String(v);
  };
  const list = asList(a).map(one);
  return list.length > 1 ? h('ul', { class: 'govuk-list' }, list.map((t) => h('li', {}, t))) : list[0];
}

// Rows for a page's questions that apply: [question, answer, page].
function rowsOf(idx, items, answers) {
  const rows = [];
  walk(items, null, (it) => {
    if (it.type === 'group' || it.type === 'display' || !enabled(idx, it, answers)) return;
    rows.push([it.text, answerText(it, answers[it.linkId]), it]);
  });
  return rows;
}

function answersList(idx, items, answers, changeHref) {
  return h('dl', { class: 'govuk-summary-list' }, rowsOf(idx, items, answers).map(([q, a, it]) =>
    h('div', { class: 'govuk-summary-list__row' },
      h('dt', { class: 'govuk-summary-list__key' }, q),
      h('dd', { class: 'govuk-summary-list__value' }, a ?? h('span', { class: 'govuk-hint govuk-!-margin-0' }, 'Not answered')),
      changeHref ? h('dd', { class: 'govuk-summary-list__actions' },
        h('a', { class: 'govuk-link', href: changeHref }, 'Change', h('span', { class: 'govuk-visually-hidden' }, ` ${String(it.text).toLowerCase()}`))) : null)));
}

// #/form-responses/ID/check: check your answers, then submit.
export async function formCheck(ctx) {
  const id = Number(ctx.params[0]);
  const { r, def, idx, list } = await load(id);
  if (ctx.stale()) return;
  if (r.status !== 'in-progress') { ctx.go(`/form-responses/${id}`); return; }
  const title = 'Check your answers';
  setTitle(title);
  const summary = h('div');
  const submit = button('Submit form', { id: 'submit-form', onClick: async () => {
    submit.disabled = true;
    try {
      await api.patch(`/form-responses/${id}`, { version: r.version, status: 'completed' });
      setFlash('The form has been submitted.');
      ctx.go(`/form-responses/${id}`);
    } catch (err) {
      if (!err || err.status === undefined) throw err;
      const pageOf = (linkId) => list.findIndex((pg) => { let found = false; walk(pg.items, null, (it) => { found ||= it.linkId === linkId; }); return found; }) + 1;
      /* Each problem links to the page of its question (a route, not
       * an anchor on this page). */
      const box = errorSummary(err.list().map((x) => ({ text: x.message })));
      const items = box.querySelectorAll('li');
      err.list().forEach((x, i) => {
        const n = x.field ? pageOf(x.field) : 0;
        if (n && items[i]) items[i].replaceChildren(h('a', { href: `#/form-responses/${id}/page/${n}` }, x.message));
      });
      summary.replaceChildren(box);
      setTitle(title, true);
      summary.firstChild.focus();
    } finally { submit.disabled = false; }
  } });
  mount(ctx.root, backLink(`#/form-responses/${id}/page/${list.length}`),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, def.title), audience(r),
      list.map((pg, i) => [h2(pg.title), answersList(idx, pg.items, r.answers, `#/form-responses/${id}/page/${i + 1}`)]),
      h2('Now submit the form'),
      p('Once submitted, the answers cannot be changed: a mistake is put right with a correction, which keeps the answers it replaces.'),
      actions(submit))));
}

// #/form-responses/ID: the response in plain language, for reading and
// printing.
export async function formResponseView(ctx) {
  const id = Number(ctx.params[0]);
  const { r, def, idx, list } = await load(id);
  const subject = await subjectOf(r);
  if (ctx.stale()) return;
  const title = def.title || def.id;
  setTitle(title);
  const scored = Object.entries(r.scores || {});
  mount(ctx.root, h('div', { class: 'spire-no-print' }, backLink(subject.back)), takeFlash(),
    ...heading(title, subject.name), audience(r),
    summaryList([
      ['Status', tag(statusText(r.status), r.status === 'completed' ? 'green' : r.status === 'in-progress' ? 'yellow' : 'grey')],
      ['Completed by', humaniseWho(r.completed_by)],
      ['Date', formatDate(r.authored)],
      ['Form version', String(r.form_version)],
      r.superseded ? ['Corrected', link('See the correction', `#/form-responses/${r.superseded_by}`)] : null,
      r.supersedes_id ? ['Corrects', link('The earlier answers', `#/form-responses/${r.supersedes_id}`)] : null,
      r.correction_reason ? ['Reason for the correction', r.correction_reason] : null,
      r.closed_reason ? ['Reason closed', r.closed_reason] : null,
    ]),
    (r.flags || []).map((f) => warning(`Flag raised: ${f.replace(/-/g, ' ')}`)),
    (r.proposals || []).length ? [h2('Support proposed'),
      h('ul', { class: 'govuk-list govuk-list--bullet' }, r.proposals.map((x) => h('li', {}, `${x.domain_text}: ${x.action}`))),
      r.status === 'completed' && r.case_id
        ? h('div', { class: 'spire-no-print' }, buttonLink('Agree the support plan', `#/form-responses/${id}/proposals`)) : null] : null,
    scored.length ? table({
      caption: 'Scores', captionClass: 'govuk-table__caption--m', head: ['Section', 'Score'],
      rows: scored.map(([k, v]) => [(idx.items.get(k) || {}).text || k, String(v)]),
    }) : null,
    list.map((pg) => [h2(pg.title), answersList(idx, pg.items, r.answers, null)]),
    h('div', { class: 'spire-no-print' }, actions(
      r.status === 'in-progress' ? buttonLink('Continue the form', `#/form-responses/${id}/page/1`) : null,
      button('Print this page', { secondary: true, onClick: () => window.print() }))));
}
