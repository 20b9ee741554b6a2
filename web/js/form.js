// form.js - GOV.UK form fields built from a declarative list, reading
// values back as JSON for the API, and showing the API's errors: the error
// summary at the top of the page and the message on the field it names.
import { h, errorSummary, setTitle, humanise, dateHint } from './ui.js';
import { withHeld } from './vocab.js';

// A field: {name, label, type, hint, options: [[value, label]] (a select's
// may also hold groups, {group: label, options: [[value, label]]}), width,
// rows, autocomplete, legendSize, errorLabel, example, placeholder (a
// select's empty choice where no value is allowed), prompt (a required
// select's empty first choice while it has no value: "Choose…")}. Types: text, email, tel,
// password, textarea, select, date, radios, checkbox (one boolean),
// checkboxes (several values), lines (a list, one item per line), number.
// errorLabel names the field in error messages when the label is a
// question.
const id = (name) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

// hintText(f): the field's hint. Every date input ends its hint with an
// example date that makes sense today ("For example, 27 3 2026", GOV.UK's
// date input pattern): f.example names the kind of date (ui.js dateHint:
// 'past', the default, 'future', 'child_birth', 'adult_birth',
// 'year_start').
function hintText(f) {
  if (f.type !== 'date') return f.hint || null;
  const example = dateHint(f.example || 'past');
  if (!f.hint) return example;
  return /[.!?]$/.test(f.hint) ? `${f.hint} ${example}` : `${f.hint}. ${example}`;
}

function describedBy(f) {
  return [hintText(f) ? `${id(f.name)}-hint` : null].filter(Boolean).join(' ') || null;
}

function hint(f) {
  const text = hintText(f);
  return text ? h('div', { class: 'govuk-hint', id: `${id(f.name)}-hint` }, text) : null;
}

function errorSlot(f) {
  return h('p', { class: 'govuk-error-message', id: `${id(f.name)}-error`, hidden: true });
}

function fieldset(f, body) {
  return h('div', { class: 'govuk-form-group', dataset: { field: f.name } },
    h('fieldset', { class: 'govuk-fieldset', 'aria-describedby': describedBy(f) },
      h('legend', { class: `govuk-fieldset__legend govuk-fieldset__legend--${f.legendSize || 's'}` }, f.label),
      hint(f), errorSlot(f), body));
}

function render(f, value) {
  const fid = id(f.name);
  const options = withHeld(f.options, value); /* a retired term the record holds stays shown */
  const label = () => h('label', { class: 'govuk-label', for: fid }, f.label);
  const group = (...c) => h('div', { class: 'govuk-form-group', dataset: { field: f.name } }, label(), hint(f), errorSlot(f), ...c);
  switch (f.type) {
  case 'textarea':
  case 'lines':
    return group(h('textarea', {
      class: 'govuk-textarea', id: fid, name: f.name, rows: f.rows || 5, 'aria-describedby': describedBy(f),
      value: f.type === 'lines' ? (value || []).join('\n') : (value ?? ''),
    }));
  case 'select': {
    // An empty choice only where it means something: f.placeholder names
    // "no value" where the field allows none ("No team", "None"); a
    // required field with no value yet (no default, a new record) starts
    // on f.prompt ("Choose…"). A required field that holds a value (a
    // default, or a record being changed) offers only real values, and
    // so does a list that has its own empty value ("Everyone in the team").
    // A select's options may come in groups ({group, options}), each an
    // <optgroup> (a long list of people, by team).
    const flat = options.flatMap((o) => (o && o.group ? o.options : [o]));
    const has = (v) => flat.some(([o]) => String(o) === String(v));
    const option = ([v, t]) => h('option', { value: String(v), selected: String(value ?? '') === String(v) }, t);
    const empty = has('') ? null
      : f.placeholder ? f.placeholder
        : (value === undefined || value === null || value === '' || !has(value)) ? (f.prompt || 'Choose…') : null;
    return group(h('select', { class: 'govuk-select', id: fid, name: f.name, 'aria-describedby': describedBy(f) },
      empty === null ? null : h('option', { value: '' }, empty),
      options.map((o) => (o && o.group ? h('optgroup', { label: o.group }, o.options.map(option)) : option(o)))));
  }
  case 'date': {
    const [y, m, d] = (value || '').split('-');
    const part = (key, text, v, width) => h('div', { class: 'govuk-date-input__item' },
      h('div', { class: 'govuk-form-group' },
        h('label', { class: 'govuk-label govuk-date-input__label', for: `${fid}-${key}` }, text),
        h('input', {
          class: `govuk-input govuk-date-input__input govuk-input--width-${width}`, id: `${fid}-${key}`,
          name: `${f.name}-${key}`, type: 'text', inputmode: 'numeric', value: v ? String(Number(v)) : '',
        })));
    return fieldset(f, h('div', { class: 'govuk-date-input', id: fid },
      part('day', 'Day', d, 2), part('month', 'Month', m, 2), part('year', 'Year', y, 4)));
  }
  case 'radios':
    return fieldset(f, h('div', { class: `govuk-radios${f.inline ? ' govuk-radios--inline' : ''}`, 'data-module': 'govuk-radios' },
      options.map(([v, t], i) => h('div', { class: 'govuk-radios__item' },
        h('input', {
          class: 'govuk-radios__input', id: i === 0 ? fid : `${fid}-${i}`, name: f.name, type: 'radio',
          value: String(v), checked: String(value ?? '') === String(v),
        }),
        h('label', { class: 'govuk-label govuk-radios__label', for: i === 0 ? fid : `${fid}-${i}` }, t)))));
  case 'checkboxes': {
    const boxes = h('div', { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' },
      options.map(([v, t], i) => h('div', { class: 'govuk-checkboxes__item' },
        h('input', {
          class: 'govuk-checkboxes__input', id: i === 0 ? fid : `${fid}-${i}`, name: f.name, type: 'checkbox',
          value: String(v), checked: (value || []).map(String).includes(String(v)),
        }),
        h('label', { class: 'govuk-label govuk-checkboxes__label', for: i === 0 ? fid : `${fid}-${i}` }, t))));
    if (!options.length) return fieldset(f, h('p', { class: 'govuk-body', id: fid }, f.empty || 'None to choose from.'));
    return fieldset(f, f.filter ? filtered(f, boxes) : boxes);
  }
  case 'checkbox':
    return h('div', { class: 'govuk-form-group', dataset: { field: f.name } }, errorSlot(f),
      h('div', { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' },
        h('div', { class: 'govuk-checkboxes__item' },
          h('input', { class: 'govuk-checkboxes__input', id: fid, name: f.name, type: 'checkbox', value: 'true', checked: !!value, 'aria-describedby': describedBy(f) }),
          h('label', { class: 'govuk-label govuk-checkboxes__label', for: fid }, f.label),
          f.hint ? h('div', { class: 'govuk-hint govuk-checkboxes__hint', id: `${fid}-hint` }, f.hint) : null)));
  default:
    return group(h('input', {
      class: `govuk-input${f.width ? ' govuk-input--width-' + f.width : ''}`, id: fid, name: f.name,
      type: f.type || 'text', value: value ?? '', autocomplete: f.autocomplete || 'off', inputmode: f.inputmode || null,
      spellcheck: f.type === 'email' || f.type === 'password' ? 'false' : null,
      'aria-describedby': describedBy(f),
    }));
  }
}

// filtered(f, boxes): a long list of checkboxes (f.filter: {label, noun:
// [one, many], pinned: the values always listed}) shown as the pinned
// and the ticked, with a box to type into that finds the rest by any
// words of their labels; what it shows is said in a live region.
function filtered(f, boxes) {
  const { label, noun: [one, many], pinned = [] } = f.filter;
  const fid = `${id(f.name)}-filter`;
  const keep = new Set(pinned.map(String));
  const items = [...boxes.children].map((el) => ({ el, box: el.querySelector('input'), text: el.textContent.toLowerCase() }));
  const status = h('p', { class: 'govuk-body-s govuk-!-margin-bottom-2', id: `${fid}-status`, role: 'status' });
  const search = h('input', {
    class: 'govuk-input govuk-input--width-20', id: fid, type: 'search', autocomplete: 'off', spellcheck: 'false',
    'aria-controls': id(f.name), 'aria-describedby': `${fid}-status`,
  });
  const show = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let hidden = 0, found = 0;
    for (const it of items) {
      const match = words.length && words.every((w) => it.text.includes(w));
      const on = it.box.checked || match || (!words.length && keep.has(it.box.value));
      it.el.hidden = !on;
      if (!on) hidden += 1;
      if (match) found += 1;
    }
    const n = (k) => `${k} ${k === 1 ? one : many}`;
    status.textContent = words.length
      ? (found ? `${n(found)} found for “${search.value.trim()}”.` : `No ${one} found for “${search.value.trim()}”. Check the spelling, or type part of a name or team.`)
      : (hidden ? `${hidden} more ${hidden === 1 ? one : many} in Spire: type a name or team to find them.` : '');
  };
  search.addEventListener('input', show);
  /* Enter in the box finds, it does not send the form. */
  search.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') ev.preventDefault(); });
  show();
  return [
    h('div', { class: 'govuk-form-group govuk-!-margin-bottom-2' },
      h('label', { class: 'govuk-label', for: fid }, label), search),
    status, boxes,
  ];
}

function read(formEl, f) {
  const fid = id(f.name);
  const el = formEl.querySelector(`#${fid}`);
  switch (f.type) {
  case 'date': {
    const v = (k) => formEl.querySelector(`#${fid}-${k}`).value.trim();
    const d = v('day'), m = v('month'), y = v('year');
    if (!d && !m && !y) return '';
    const pad = (s) => (/^\d$/.test(s) ? '0' + s : s);
    return `${y}-${pad(m)}-${pad(d)}`;
  }
  case 'radios': {
    const c = formEl.querySelector(`input[name="${f.name}"]:checked`);
    return c ? c.value : '';
  }
  case 'checkboxes':
    return [...formEl.querySelectorAll(`input[name="${f.name}"]:checked`)].map((c) => c.value);
  case 'checkbox':
    return el.checked;
  case 'lines':
    return el.value.split('\n').map((s) => s.trim()).filter(Boolean);
  case 'number':
    return el.value.trim() === '' ? '' : Number(el.value);
  default:
    return el.value.trim();
  }
}

// Form: a <form> of fields with a submit button (a warning button for an
// action that cannot be undone from the UI, such as closing a record).
// onSubmit(values) may throw an ApiError; every field it names is shown
// inline and listed, linked to its field, in the summary.
export class Form {
  constructor({ fields, values = {}, submitText = 'Continue', onSubmit, summarySlot, title, extra, secondary, warning = false }) {
    this.fields = fields;
    this.initial = values;
    this.onSubmit = onSubmit;
    this.summarySlot = summarySlot;
    this.title = title;
    this.button = h('button', { class: `govuk-button${warning ? ' govuk-button--warning' : ''}`, type: 'submit', 'data-module': 'govuk-button' }, submitText);
    this.el = h('form', { novalidate: true, on: { submit: (ev) => this.submit(ev) } },
      fields.map((f) => (f.section ? h('h2', { class: 'govuk-heading-m' }, f.section) : render(f, values[f.name]))),
      extra || null,
      h('div', { class: 'govuk-button-group' }, this.button, secondary || null));
  }

  // values(): every field's value, as the API wants it (empty -> '').
  values() {
    const out = {};
    for (const f of this.fields) if (!f.section) out[f.name] = read(this.el, f);
    return out;
  }

  // body({changedOnly}): values for the API. New records drop empty
  // values; edits send only what changed, with null for a cleared field.
  body({ changedOnly = false } = {}) {
    const v = this.values();
    const out = {};
    for (const f of this.fields) {
      if (f.section || f.virtual) continue;
      let val = v[f.name];
      if (f.type === 'checkbox' && !changedOnly && val === false && !f.sendFalse) continue;
      if (changedOnly) {
        const old = this.initial[f.name];
        const same = JSON.stringify(old ?? (f.type === 'lines' ? [] : f.type === 'checkbox' ? false : '')) === JSON.stringify(val);
        if (same) continue;
        if (val === '') val = null;
      } else if (val === '' || (Array.isArray(val) && val.length === 0 && f.type === 'lines')) {
        continue;
      }
      out[f.name] = val;
    }
    return out;
  }

  async submit(ev) {
    ev.preventDefault();
    this.clearErrors();
    this.button.disabled = true;
    try {
      await this.onSubmit(this.values(), this);
    } catch (err) {
      if (!err || err.status === undefined) throw err;
      if (err.status === 401) return;
      this.showErrors(err.list ? err.list() : [{ field: err.field, message: err.message }]);
    } finally {
      this.button.disabled = false;
    }
  }

  label(name) {
    const f = this.fields.find((x) => x.name === name);
    return f ? f.label : humanise(name);
  }

  // showErrors([{field, message}]): the summary and the inline messages,
  // GOV.UK style: every error listed in the order of the fields on the
  // page, each linked to its field, and each field's message beside it.
  showErrors(list) {
    const items = [];
    const shown = new Set();
    for (const { field, message } of list) {
      const at = this.fields.findIndex((x) => !x.section && [x.name, x.apiField].some((k) => k && field
        && (field === k || field.startsWith(k + '.') || field.startsWith(k + '['))));
      const f = at >= 0 ? this.fields[at] : null;
      const text = f ? messageFor(f, field, message) : message;
      if (f) {
        if (shown.has(f.name)) continue; /* one message per field */
        shown.add(f.name);
        const group = this.el.querySelector(`[data-field="${f.name}"]`);
        group.classList.add('govuk-form-group--error');
        const slot = group.querySelector(`#${id(f.name)}-error`);
        slot.hidden = false;
        slot.replaceChildren(h('span', { class: 'govuk-visually-hidden' }, 'Error: '), text);
        for (const input of group.querySelectorAll('input.govuk-input, textarea, select')) {
          input.classList.add(input.tagName === 'SELECT' ? 'govuk-select--error' : input.tagName === 'TEXTAREA' ? 'govuk-textarea--error' : 'govuk-input--error');
          const d = input.getAttribute('aria-describedby');
          input.setAttribute('aria-describedby', [d, slot.id].filter(Boolean).join(' '));
        }
        const target = f.type === 'date' ? `#${id(f.name)}-day` : `#${id(f.name)}`;
        items.push({ href: target, text, at });
      } else {
        items.push({ text: message, at: this.fields.length });
      }
    }
    items.sort((a, b) => a.at - b.at);
    const box = errorSummary(items);
    this.summarySlot.replaceChildren(box);
    if (this.title) setTitle(this.title, true);
    box.focus();
  }

  clearErrors() {
    this.summarySlot.replaceChildren();
    if (this.title) setTitle(this.title, false);
    for (const g of this.el.querySelectorAll('.govuk-form-group--error')) g.classList.remove('govuk-form-group--error');
    for (const s of this.el.querySelectorAll('.govuk-error-message')) { s.hidden = true; s.replaceChildren(); }
    for (const i of this.el.querySelectorAll('.govuk-input--error, .govuk-select--error, .govuk-textarea--error')) {
      i.classList.remove('govuk-input--error', 'govuk-select--error', 'govuk-textarea--error');
      const d = (i.getAttribute('aria-describedby') || '').split(' ').filter((x) => !x.endsWith('-error')).join(' ');
      if (d) i.setAttribute('aria-describedby', d); else i.removeAttribute('aria-describedby');
    }
  }
}

// messageFor: the API names fields by their JSON key ("date_of_birth must
// be a date") or in words ("Given on must be today or in the past"); show
// the label the user sees instead, or the field's errorLabel when the
// label is a question ("Why is the case closing?").
function messageFor(f, field, message) {
  const name = String(f.errorLabel || f.label).replace(/ \(optional\)$/, '');
  const lower = /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
  let m = String(message || 'Check this answer');
  for (const key of [field, f.apiField, f.name]) {
    if (!key) continue;
    // The API names a field by its key ("given_on ...") or in words
    // ("Given on must be ...", "Enter the given on"): use this form's label.
    const words = humanise(key.replace(/^.*[.\]]/, ''));
    if (m.startsWith(key)) { m = name + m.slice(key.length); break; }
    if (m.startsWith(words)) { m = name + m.slice(words.length); break; }
    const mid = ` the ${words.toLowerCase()}`;
    // An errorLabel may start with "The" itself ("The reason").
    // Not when the message already names the field by its label ("Enter
    // the gravity score" for "Gravity score" would read "gravity score score").
    // The words after the key may be the end of the label already ("the
    // people who attended" for "Family members who attended"): the label
    // takes their place too, or they would be said twice.
    if (m.includes(mid) && !m.toLowerCase().includes(` ${lower.toLowerCase()}`)) {
      const at = m.indexOf(mid);
      let rest = m.slice(at + mid.length);
      const tail = lower.split(' ');
      for (let k = tail.length - 1; k > 0; k--) {
        const said = ` ${tail.slice(tail.length - k).join(' ')}`;
        if (rest.toLowerCase().startsWith(said.toLowerCase())) { rest = rest.slice(said.length); break; }
      }
      m = m.slice(0, at) + (/^the /.test(lower) ? ` ${lower}` : ` the ${lower}`) + rest;
      break;
    }
  }
  if (!m.startsWith(name) && /^[a-z]/.test(m)) m = `${name}: ${m}`;
  return m;
}
