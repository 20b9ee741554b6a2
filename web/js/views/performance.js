// performance.js - the youth justice measures for managers and analysts:
// every measure's figure for a period; one measure's trend over quarters
// or years (an SVG chart with the same figures in a table), broken down by
// ethnic group, sex, age band or team, with a CSV download; and, for
// managers, the children behind a figure. Small counts arrive suppressed
// from the API and are shown as "[c]" (withheld: fewer than 5 children, or a
// count from which such a one could be worked out). Analysts see only
// the aggregates. The whole-family measures (parents worked with, parent
// engagement, peer mentoring referrals) are listed under "Whole-family
// work"; the people behind them are parents or children, as each says.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, heading, p, h2, link, table, setTitle, formatDate, personName, summaryList, backLink, inset, humanise, today, counted,
} from '../ui.js';
import { Form } from '../form.js';
import { section, fetchPage, pager } from './common.js';
import { lineChart, describe } from '../chart.js';

const BY = [['', 'No breakdown'], ['ethnicity', 'Ethnic group'], ['sex', 'Sex'], ['age', 'Age band'], ['team', 'Team'],
  // The whole-family measures' own breakdowns.
  ['domain', 'Self-assessment domain'], ['block', 'Building block'], ['group', 'Scored group'],
  // The disposal measures' (issue 10).
  ['type', 'Type of outcome'], ['category', 'Offence category']];
const INTERVALS = [['quarter', 'Quarters'], ['year', 'Years']];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const canSeeChildren = (ctx) => ctx.user.role === 'manager';

// The measures the API offers: [{name, title, ...}].
async function measureList() {
  const r = await api.get('/measures');
  const list = Array.isArray(r) ? r : r.items || r.measures || [];
  return list.map((m) => (typeof m === 'string' ? { name: m } : m));
}

// A real calendar date: 2025-02-30 is not one (no rolling over).
const realDate = (iso) => /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) &&
  new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso;

// periodErrors(from, to): every problem with a period, GOV.UK style, as
// [{field, message}] (empty when it is a real period).
function periodErrors(from, to) {
  const errs = [];
  if (!from) errs.push({ field: 'from', message: 'Enter the first date of the period' });
  else if (!realDate(from)) errs.push({ field: 'from', message: 'Enter a real date for the start of the period' });
  if (!to) errs.push({ field: 'to', message: 'Enter the last date of the period' });
  else if (!realDate(to)) errs.push({ field: 'to', message: 'Enter a real date for the end of the period' });
  if (!errs.length && from > to) errs.push({ field: 'to', message: 'The end of the period must be the same as or after its start' });
  return errs;
}

// The period asked for in the route, with defaults: the reporting
// (financial) year to date, 1 April to today's UK date, by quarter - the
// API's default too (docs/measures.md). A period given in the
// route that is not a real one (30 February, From after To) is kept as
// asked, with its errors in `errors`, so the page can say so instead of
// quietly showing another period.
function filters(ctx) {
  const q = ctx.query;
  const now = today();
  const fy = Number(now.slice(5, 7)) >= 4 ? Number(now.slice(0, 4)) : Number(now.slice(0, 4)) - 1;
  const from = q.has('from') ? q.get('from') : `${fy}-04-01`;
  const to = q.has('to') ? q.get('to') : now;
  return {
    from,
    to,
    byDefault: !q.has('from') && !q.has('to'),
    by: BY.some(([v]) => v && v === q.get('by')) ? q.get('by') : '',
    interval: q.get('interval') === 'year' ? 'year' : 'quarter',
    allTeams: q.get('all_teams') === 'yes',
    errors: periodErrors(from, to),
  };
}

// The parts of a result under the names this page uses, whatever the
// nesting the API chose.
function norm(r, def = {}) {
  const m = typeof r.measure === 'object' && r.measure ? r.measure : {};
  const rule = typeof r.rule === 'object' && r.rule ? r.rule : {};
  return {
    name: (typeof r.measure === 'string' ? r.measure : m.name) || r.name || def.name,
    title: r.title || m.title || rule.title || def.title || humanise(def.name),
    version: r.rule_version || r.version || rule.version || m.version || def.version || def.rule_version,
    rule: (typeof r.rule === 'string' ? r.rule : rule.text || rule.rule) || m.rule || def.rule,
    label: r.label || m.label || rule.label || def.label,
    unit: r.unit || m.unit || rule.unit || def.unit,
    kind: r.value_type || m.value_type || def.value_type,
    per: r.rate_per || m.rate_per || def.rate_per,
    people: r.people || def.people || 'children',
    section: def.section || 'youth_justice',
    cell: r,
    extras: r.extras && typeof r.extras === 'object' ? r.extras : null,
    extraLabels: r.extra_labels || def.extra_labels || {},
    periods: r.periods || [],
    groups: r.groups || r.breakdown || [],
  };
}

// What an extra figure counts, as its measure's rule says it
// (docs/measures.md), not its field name turned into words.
const extraLabel = (m, k) => m.extraLabels[k] || humanise(k);

function isSuppressed(cell, key) {
  const s = cell && cell.suppressed;
  if (!s) return false;
  if (s === true) return true;
  if (Array.isArray(s)) return s.includes(key);
  if (typeof s === 'object') return !!s[key];
  return false;
}

// Why the whole period's count is withheld, in plain words, when it is
// (docs/measures.md, "Suppression"): an analyst (and a manager of another
// service) gets every figure as it leaves Spire, where a count about fewer
// than 5 people is withheld, and so is a bigger one that would let such a
// count be worked out or narrowed down by subtraction: the whole period's
// count beside quarters that are all withheld, say. The API names the
// latter in `withheld_to_protect`. Null when nothing of the total is
// withheld.
function whyWithheld(ctx, m, who) {
  const total = m.cell;
  if (!isSuppressed(total, 'numerator')) return null;
  const one = who === 'parents' ? 'parent' : 'child';
  const periods = m.periods.filter((pd) => typeof pd.numerator === 'number' || isSuppressed(pd, 'numerator'));
  const small = periods.filter((pd) => isSuppressed(pd, 'numerator') && !(pd.withheld_to_protect || []).includes('numerator')).length;
  const protectedTotal = (total.withheld_to_protect || []).includes('numerator');
  const unit = periods.length === 1 ? 'period' : (periods[0] && /Q\d/.test(periods[0].period || '') ? 'quarter' : 'period');
  const why = [];
  why.push(ctx.user.role === 'manager'
    ? `You see this measure as it is published outside your service: a count about fewer than 5 ${who} is withheld ([c]).`
    : `As an analyst you see every figure as it leaves Spire, so a count about fewer than 5 ${who} is withheld ([c]). A youth justice manager, who may open the ${who} behind a figure, sees it in full.`);
  if (protectedTotal) {
    why.push(small === periods.length && periods.length > 1
      ? `The count for the whole period is about 5 or more ${who}, but every ${unit}’s count is about fewer than 5 and is withheld, and the whole period’s count would let them be worked out or narrowed down, so it is withheld too.`
      : `The count for the whole period is about 5 or more ${who}, but it is withheld too: shown beside the withheld counts (${small ? `${small} of the ${periods.length} ${unit}s, ` : ''}or the parts it is made of) it would let them be worked out or narrowed down.`);
  } else {
    why.push(`The count for the whole period is about fewer than 5 ${who}, so it is withheld, and so is any figure worked out from it. No ${one} can be identified from it.`);
  }
  return inset(h('span', { 'data-why-withheld': '' }, `Why the figures are withheld: ${why.join(' ')}`));
}

const SUPPRESSED = () => h('span', {}, '[c]', h('span', { class: 'govuk-visually-hidden' }, ' (withheld)'));

// A title in mid-sentence: its first letter in lower case, unless it
// starts with an abbreviation ("KPI 1", "ETE") that keeps its capitals.
function lowerFirst(t) {
  return /^[A-Z]{2}/.test(t) ? t : t.charAt(0).toLowerCase() + t.slice(1);
}

function number(v) {
  return typeof v === 'number' ? v.toLocaleString('en-GB', { maximumFractionDigits: 2 }) : String(v);
}

// valueText(m, v, cell): the measure's figure as words on the page. A
// rate says what it is per and over how long, as the API labels it ("per
// 100,000 children aged 10-17 a year, annualised from 21 months"; a
// quarter's is the quarter's, never "a year").
// A percentage to one decimal place, from its counts when the cell has
// them (the API's value is rounded to two places, and rounding that again
// could show 94.0% for 326 of 347, which is 93.9%).
function percentText(v, cell = {}) {
  const n = cell.numerator, d = cell.denominator;
  const exact = typeof n === 'number' && typeof d === 'number' && d > 0 ? (100 * n) / d : v;
  return `${(Math.round(exact * 10) / 10).toFixed(1)}%`;
}

function valueText(m, v, cell = {}) {
  if (typeof v !== 'number') return '';
  if (m.kind === 'count') return number(v);
  if (m.kind === 'percentage') return percentText(v, cell);
  if (m.kind === 'rate' && cell.rate_label) return `${v.toFixed(2)} ${cell.rate_label}`;
  if (m.kind === 'rate' && m.per) return `${v.toFixed(2)} per ${Number(m.per).toLocaleString('en-GB')}`;
  return number(Math.round(v * 100) / 100);
}

function axisText(m, v) {
  if (m.kind === 'percentage') return `${Math.round(v * 10) / 10}%`;
  return number(Math.round(v * 100) / 100);
}

// cellText(cell, key, m): a count or value, "[c]" when suppressed, "–"
// when there is none.
function cellText(cell, key, m) {
  const v = cell[key];
  if ((v === null || v === undefined) && isSuppressed(cell, key)) return SUPPRESSED();
  if (v === null || v === undefined) return key === 'value' && isSuppressed(cell, 'numerator') ? SUPPRESSED() : '–';
  return h('span', { class: 'spire-figure' }, key === 'value' ? valueText(m, v, cell) : number(v));
}

function periodLabel(pd) {
  if (pd.label) return pd.label;
  if (pd.period) return String(pd.period);
  const a = /^(\d{4})-(\d{2})/.exec(pd.from || '');
  const b = /^(\d{4})-(\d{2})/.exec(pd.to || '');
  if (!a || !b) return `${pd.from || ''} to ${pd.to || ''}`;
  const ma = MONTHS[Number(a[2]) - 1], mb = MONTHS[Number(b[2]) - 1];
  return a[1] === b[1] ? `${ma}–${mb} ${a[1]}` : `${ma} ${a[1]}–${mb} ${b[1]}`;
}

function groupLabel(g, by) {
  const name = g.label || g.name || g.group;
  // The API names each team's group by the team's name.
  if (by === 'team') return g.group === 'no_team' ? 'No team' : g.team_name || g.group;
  return humanise(name);
}

// hasChildren(g, m): whether a group has anyone in its denominator (for a
// rate or count, anyone counted: its "out of" is the population). A
// withheld count is 1 to 4, so someone.
function hasChildren(g, m) {
  const key = m.kind === 'percentage' ? 'denominator' : 'numerator';
  return (typeof g[key] === 'number' && g[key] > 0) || isSuppressed(g, key);
}

function measureQuery(f, extra = {}) {
  return { from: f.from, to: f.to, by: f.by, interval: f.interval, ...extra };
}

// The period runs to today: figures that will change.
const RUNS_TO_TODAY = 'The period runs to today: the current quarter is not over, so these figures are incomplete and will change.';

// What period the page shows when none was chosen, in words, and (with
// runsToToday) that such figures are incomplete: one panel, not two.
function defaultPeriod(f, { runsToToday = false } = {}) {
  const incomplete = runsToToday && f.to >= today();
  if (!f.byDefault) return incomplete ? inset(RUNS_TO_TODAY) : null;
  const y = Number(f.from.slice(0, 4));
  return inset(h('span', { 'data-default-period': '' },
    `Showing this reporting year to date: ${formatDate(f.from)} to ${formatDate(f.to)}. `
    + `The reporting year is the financial year, ${y}/${String((y + 1) % 100).padStart(2, '0')}, from 1 April to 31 March. `
    + 'Choose another period below.'), incomplete ? [h('br'), h('br'), RUNS_TO_TODAY] : null);
}

// byName(v): how a breakdown reads on the page.
const byName = (v) => (BY.find(([x]) => x === v) || [v, humanise(v)])[1];

function filterForm(ctx, f, path, { showBy = true, bys = null } = {}) {
  const form = new Form({
    title: document.title.replace(/ – Spire$/, ''), summarySlot: h('div'), submitText: 'Show figures',
    values: f,
    fields: [
      { name: 'from', label: 'From', type: 'date', example: 'year_start' },
      { name: 'to', label: 'To', type: 'date' },
      ...(showBy ? [
        { name: 'interval', label: 'Trend by', type: 'radios', inline: true, options: INTERVALS },
        { name: 'by', label: 'Break down by', type: 'select', options: (bys || ['ethnicity', 'sex', 'age', 'team']).map((v) => [v, byName(v)]), placeholder: 'No breakdown' },
      ] : []),
    ],
    onSubmit: async (v) => {
      const errs = periodErrors(v.from, v.to);
      if (errs.length) return form.showErrors(errs);
      ctx.go(path + api.qs({ from: v.from, to: v.to, by: v.by, interval: v.interval === 'quarter' ? '' : v.interval, all_teams: f.allTeams ? 'yes' : '' }));
    },
  });
  form.button.classList.add('govuk-button--secondary');
  return form;
}

// A period in the route that is not a real one: the form with every
// problem in the error summary, focus on it, and no figures.
function invalidPeriod(ctx, f, path, title, caption, opts = {}) {
  setTitle(title);
  const form = filterForm(ctx, f, path, opts);
  mount(ctx.root, form.summarySlot, ...heading(title, caption),
    p('The period asked for is not a real one, so there are no figures to show. Correct it and choose Show figures.'),
    form.el);
  form.showErrors(f.errors);
}

export async function performanceIndex(ctx) {
  const title = 'Performance';
  setTitle(title);
  const f = filters(ctx);
  if (f.errors.length) {
    invalidPeriod(ctx, f, '/performance', title, 'Youth justice measures', { showBy: false });
    return;
  }
  let defs;
  try {
    defs = await measureList();
  } catch (err) {
    if (err.status !== 404) throw err;
    if (ctx.stale()) return;
    mount(ctx.root, ...heading(title, 'Youth justice measures'), p('The measures are not available yet.'));
    return;
  }
  const rowsOf = (list) => Promise.all(list.map((d) => section(async () => {
    const m = norm(await api.get(`/measures/${encodeURIComponent(d.name)}` + api.qs({ from: f.from, to: f.to })), d);
    return [link(m.title, `#/performance/${encodeURIComponent(d.name)}` + api.qs({ from: f.from, to: f.to })),
      cellText(m.cell, 'numerator', m), cellText(m.cell, 'denominator', m), cellText(m.cell, 'value', m), m.version || ''];
  }).then((r) => (Array.isArray(r) ? r : [humanise(d.title || d.name), r, '', '', '']))));
  const family = defs.filter((d) => d.section === 'whole_family');
  const [rows, familyRows] = await Promise.all([rowsOf(defs.filter((d) => d.section !== 'whole_family')), rowsOf(family)]);
  if (ctx.stale()) return;
  const form = filterForm(ctx, f, '/performance', { showBy: false });
  mount(ctx.root, form.summarySlot, ...heading(title, 'Youth justice measures'),
    p('Every figure is computed from Spire’s own records. Open a measure for its trend, its breakdown by ethnic group, sex, age or team, and a CSV download.'),
    p('[c] means withheld: a count of fewer than 5 children, or one from which such a count could be worked out or narrowed down, is not shown, so that no child can be identified.', 'govuk-body-s'),
    defaultPeriod(f, { runsToToday: true }),
    p(link('Open the board pack for a quarter, to print or download', '#/board-pack')),
    form.el,
    table({
      caption: `Measures from ${formatDate(f.from)} to ${formatDate(f.to)}`,
      head: ['Measure', 'Counted', 'Out of', 'Figure', 'Rule version'],
      rows,
    }),
    family.length ? [
      h2('Whole-family work'),
      p('The parents and carers the service supports, and the families’ progress. Open a measure for its trend, its breakdowns and the people behind it.'),
      table({
        caption: `Whole-family measures from ${formatDate(f.from)} to ${formatDate(f.to)}`,
        head: ['Measure', 'Counted', 'Out of', 'Figure', 'Rule version'],
        rows: familyRows,
      }),
    ] : null);
}

export async function measurePage(ctx) {
  const name = decodeURIComponent(ctx.params[0]);
  const f = filters(ctx);
  const defs = await measureList().catch(() => []);
  const def = defs.find((d) => d.name === name) || { name };
  // Only the breakdowns the measure takes (parents have no age bands; a
  // measure may have its own).
  const bys = Array.isArray(def.breakdowns) ? def.breakdowns : null;
  const by = ctx.query.get('by') || '';
  f.by = bys ? (bys.includes(by) ? by : '') : f.by;
  if (f.errors.length) {
    if (ctx.stale()) return;
    invalidPeriod(ctx, f, `/performance/${encodeURIComponent(name)}`, def.title || humanise(name), 'Youth justice measures', { bys });
    return;
  }
  const r = await api.get(`/measures/${encodeURIComponent(name)}` + api.qs(measureQuery(f)));
  if (ctx.stale()) return;
  const m = norm(r, def);
  const title = m.title;
  setTitle(title);
  const base = `/measures/${encodeURIComponent(name)}`;
  // The people behind it: /parents for a measure about parents.
  const childrenHref = (extra) => `#/performance/${encodeURIComponent(name)}/${def.people === 'parents' ? 'parents' : 'children'}`
    + api.qs({ from: f.from, to: f.to, ...extra });
  const kids = canSeeChildren(ctx) && def.children !== false;
  // A period not over yet (by the UK date) is marked incomplete (its
  // figures will still change): in its label, the chart and the table.
  const points = m.periods.map((pd) => ({
    label: `${periodLabel(pd)}${pd.incomplete ? ' (so far)' : ''}`,
    incomplete: !!pd.incomplete,
    value: typeof pd.value === 'number' ? pd.value : null,
    missing: pd.value === null && (isSuppressed(pd, 'value') || isSuppressed(pd, 'numerator')) ? '[c]' : null,
  }));
  const fmt = (v) => axisText(m, v);
  const csv = `/api/v1${base}` + api.qs({ ...measureQuery(f), format: 'csv' });
  const form = filterForm(ctx, f, `/performance/${encodeURIComponent(name)}`, { bys });
  // The extras of each group (needs at each level, mean change...).
  const extraKeys = m.groups.length && m.groups[0].extras ? Object.keys(m.groups[0].extras) : [];
  const who = m.people === 'parents' ? 'parents' : 'children';
  const Who = who === 'parents' ? 'Parents' : 'Children';
  // Teams with no one in the figure are left out unless asked for.
  const groups = f.by === 'team' && !f.allTeams ? m.groups.filter((g) => hasChildren(g, m)) : m.groups;
  const hiddenTeams = m.groups.length - groups.length;
  const teamsHref = (all) => `#/performance/${encodeURIComponent(name)}` + api.qs({
    from: f.from, to: f.to, by: f.by, interval: f.interval === 'quarter' ? '' : f.interval, all_teams: all ? 'yes' : '',
  });
  // A group's list of children: a team is asked for by its id; those on no
  // team's case have no list.
  const groupChildren = (g) => {
    const key = f.by === 'team' ? g.team_id : g.group ?? g.name;
    if (key === undefined || key === null) return '–';
    return link([Who, h('span', { class: 'govuk-visually-hidden' }, ` in ${groupLabel(g, f.by)}`)],
      childrenHref({ by: f.by, group: String(key) }));
  };
  mount(ctx.root, backLink('#/performance' + api.qs({ from: f.from, to: f.to }), 'Back to all measures'),
    form.summarySlot, ...heading(title, `Rule version ${m.version || 'not stated'}`),
    m.label ? inset(m.label) : null,
    m.rule ? h('details', { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'How this is counted')),
      h('div', { class: 'govuk-details__text' }, m.rule)) : null,
    form.el,
    h2(`From ${formatDate(f.from)} to ${formatDate(f.to)}`),
    defaultPeriod(f),
    summaryList([
      ['Counted', cellText(m.cell, 'numerator', m)],
      ['Out of', cellText(m.cell, 'denominator', m)],
      ['Figure', cellText(m.cell, 'value', m)],
      ...(m.extras ? Object.entries(m.extras).map(([k, v]) => [extraLabel(m, k), v === null ? SUPPRESSED() : number(v)]) : []),
    ]),
    p(`[c] means withheld: a count of fewer than 5 ${who}, or one from which such a count could be worked out or narrowed down, is not shown so that no ${who === 'parents' ? 'person' : 'child'} can be identified.`, 'govuk-body-s'),
    whyWithheld(ctx, m, who),
    kids ? p(link(`See the ${who} behind this figure`, childrenHref({}))) : null,
    p(h('a', { class: 'govuk-link', href: csv, download: `${name}-${f.from}-${f.to}.csv` }, 'Download these figures as CSV')),
    h2(`Trend by ${f.interval === 'year' ? 'year' : 'quarter'}`),
    m.periods.some((pd) => pd.incomplete) ? inset('The last period is not over yet, so its figures are incomplete and will change. It is marked “so far” and drawn as a hollow point.') : null,
    m.periods.some((pd) => pd.status === 'provisional') ? inset('Figures marked Provisional are not final: some children in the cohort are still in their follow-up period (12 months to reoffend and 6 more for a court or caution), so these figures can only rise.') : null,
    points.length ? h('div', { class: 'spire-chart-box' }, lineChart({ title: `${title} by ${f.interval}`, desc: describe(points, fmt), points, format: fmt })) : null,
    points.length ? table({
      caption: `${title} by ${f.interval}`, captionClass: 'govuk-table__caption--s',
      head: ['Period', 'Counted', 'Out of', 'Figure', ...(kids ? [Who] : [])],
      rows: m.periods.map((pd, i) => [[points[i].label, ...(pd.incomplete ? [' ', h('strong', { class: 'govuk-tag govuk-tag--yellow' }, 'Incomplete')] : []),
        ...(pd.status === 'provisional' ? [' ', h('strong', { class: 'govuk-tag govuk-tag--blue' }, 'Provisional')] : [])], cellText(pd, 'numerator', m), cellText(pd, 'denominator', m), cellText(pd, 'value', m),
        ...(kids ? [link([Who, h('span', { class: 'govuk-visually-hidden' }, ` counted in ${points[i].label}`)],
          childrenHref({ from: pd.from || f.from, to: pd.to || f.to }))] : [])]),
    }) : p('There are no periods in this range.'),
    f.by ? [
      h2(`By ${byName(f.by).toLowerCase()}`),
      f.by === 'team' && hiddenTeams ? h('p', { class: 'govuk-body' }, `${hiddenTeams} ${hiddenTeams === 1 ? 'team has' : 'teams have'} no ${who} in this figure and ${hiddenTeams === 1 ? 'is' : 'are'} not shown. `,
        link('Show every team', teamsHref(true))) : null,
      f.by === 'team' && f.allTeams ? p(link(`Show only the teams with ${who} in this figure`, teamsHref(false))) : null,
      groups.length ? table({
        caption: `${title} by ${byName(f.by).toLowerCase()}`, captionClass: 'govuk-table__caption--s',
        head: ['Group', 'Counted', 'Out of', 'Figure', ...(groups.some((g) => 'rri' in g) ? ['Relative rate index (White = 1.0)'] : []),
          ...extraKeys.map((k) => extraLabel(m, k)), ...(kids ? [Who] : [])],
        rows: groups.map((g) => [groupLabel(g, f.by), cellText(g, 'numerator', m), cellText(g, 'denominator', m), cellText(g, 'value', m),
          ...(groups.some((x) => 'rri' in x) ? [typeof g.rri === 'number' ? g.rri.toFixed(2) : '–'] : []),
          ...extraKeys.map((k) => (g.extras && g.extras[k] !== null && g.extras[k] !== undefined ? number(g.extras[k]) : SUPPRESSED())),
          ...(kids ? [groupChildren(g)] : [])]),
      }) : p('No groups to show.'),
    ] : null);
}

// #/performance/NAME/children?from&to[&by&group] (NAME/parents for a
// measure about parents): managers only.
export async function measureChildren(ctx) {
  const name = decodeURIComponent(ctx.params[0]);
  const q = ctx.query;
  const f = filters(ctx);
  const defs = await measureList().catch(() => []);
  const def = defs.find((d) => d.name === name) || { name };
  if (f.errors.length) {
    if (ctx.stale()) return;
    invalidPeriod(ctx, f, `/performance/${encodeURIComponent(name)}/children`,
      `Children behind ${lowerFirst(def.title || humanise(name))}`, 'Youth justice measures', { showBy: false });
    return;
  }
  const params = { from: f.from, to: f.to, by: f.by, group: q.get('group') || '', counted: q.get('counted') === 'true' ? 'true' : '' };
  const r = await fetchPage(ctx, 'offset', `/measures/${encodeURIComponent(name)}/${def.people === 'parents' ? 'parents' : 'children'}`, params);
  if (ctx.stale()) return;
  if (r.has_more === undefined && typeof r.total === 'number') r.has_more = (r.offset || 0) + (r.items || []).length < r.total;
  const m = norm({}, def);
  const parents = (r.people || def.people) === 'parents';
  const title = `${parents ? 'Parents' : 'Children'} behind ${lowerFirst(m.title)}`;
  setTitle(title);
  const items = r.items || [];
  const person = (x) => x.person || x.child || x;
  const extraKeys = items.length
    ? Object.keys(items[0]).filter((k) => !['id', 'person_id', 'given_name', 'family_name', 'date_of_birth', 'person', 'child', 'record_id', 'team_id'].includes(k)
      && ['string', 'number', 'boolean'].includes(typeof items[0][k])
      // Only a percentage's "out of" is a list of people.
      && (k !== 'in_denominator' || def.value_type === 'percentage'))
    : [];
  const COLUMN = { date: 'Date counted', counted: 'Counted in the figure', in_denominator: 'In the “out of”', age: 'Age', sex: 'Sex', ethnic_group: 'Ethnic group', team: 'Team' };
  // Who is counted and who is only in the denominator, said plainly. A
  // percentage's "out of" is a list of children; a rate's is the area's
  // population, so everyone listed is counted.
  const kind = def.value_type;
  const noun = parents ? ['person', 'people'] : ['child', 'children'];
  const nCounted = typeof r.total_counted === 'number' ? r.total_counted : null;
  const onlyDen = nCounted !== null && typeof r.total === 'number' ? r.total - nCounted : null;
  const plural = (n) => counted(n, ...noun);
  const whoIsCounted = kind === 'percentage' && nCounted !== null
    ? [h('p', { class: 'govuk-body' }, h('strong', {}, `${plural(nCounted)} ${nCounted === 1 ? 'is' : 'are'} counted in the figure`),
      ` (the “Counted” number, marked Yes under “Counted in the figure”). ${plural(onlyDen)} ${onlyDen === 1 ? 'is' : 'are'} only in the “out of” (the denominator): in the group the figure is about, but not counted in it (marked No).`),
    onlyDen > 0 ? p(link(`List only the ${noun[1]} counted in the figure`, `#/performance/${encodeURIComponent(name)}/children` + api.qs({ ...params, counted: 'true' }))) : null]
    : kind && kind !== 'percentage'
      ? p(`Everyone listed is counted in the figure. The “out of” is ${kind === 'rate' ? 'the population of children aged 10 to 17 in the area' : 'not a list of people'}, so no one is listed for it.`)
      : null;
  const countedOnly = q.get('counted') === 'true';
  mount(ctx.root, backLink(`#/performance/${encodeURIComponent(name)}` + api.qs({ from: f.from, to: f.to, by: f.by }), `Back to ${m.title}`),
    ...heading(title, `From ${formatDate(f.from)} to ${formatDate(f.to)}${params.group ? ` – ${humanise(params.group)}` : ''}`),
    p(`Opening this list is recorded against each ${parents ? 'person' : 'child'} in it.`, 'govuk-body-s'),
    (r.suppressed || []).includes('outside_your_service')
      ? inset('Some records are counted on cases held by other services, so are not listed. How many is not shown to managers of other services.')
      : null,
    r.outside_your_service ? inset(`${r.outside_your_service} more ${r.outside_your_service === 1 ? 'record is' : 'records are'} counted on cases held by other services, so ${r.outside_your_service === 1 ? 'is' : 'are'} not listed.`) : null,
    countedOnly ? p(`Only the ${noun[1]} counted in the figure are listed.`) : whoIsCounted,
    typeof r.total === 'number' ? p(`${r.total} ${r.total === 1 ? 'record' : 'records'} in all.`) : null,
    items.length ? table({
      // Which records of how many: "25 or more" only when the API does
      // not count the whole list (a page of 312 is not "25 or more").
      caption: typeof r.total === 'number'
        ? `Records ${(r.offset || 0) + 1} to ${(r.offset || 0) + items.length} of ${r.total.toLocaleString('en-GB')}`
        : `${items.length}${r.has_more ? ' or more' : ''} ${items.length === 1 ? 'record' : 'records'}`,
      captionClass: 'govuk-table__caption--s',
      head: [parents ? 'Parent or carer' : 'Child', 'Date of birth', ...extraKeys.map((k) => COLUMN[k] || humanise(k))],
      rows: items.map((x) => {
        const who = person(x);
        const pid = x.person_id || who.id;
        return [pid ? link(personName(who) || `Person ${pid}`, `#/people/${pid}`) : personName(who), formatDate(who.date_of_birth),
          ...extraKeys.map((k) => (typeof x[k] === 'boolean' ? (x[k] ? 'Yes' : 'No') : /date|_on$/.test(k) ? formatDate(String(x[k])) : k === 'sex' ? vocab.label('sex', x[k]) : k === 'ethnic_group' ? humanise(x[k]) : String(x[k] ?? '')))];
      }),
    }) : p(`No ${parents ? 'parents' : 'children'} are counted in this figure, or none whose case your service holds.`),
    pager(ctx, 'offset', r, parents ? 'parents' : 'children'));
}
