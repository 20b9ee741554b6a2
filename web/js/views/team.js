// team.js - the team's week (docs/team-week.md): the manager's home (the
// team's caseload at a glance, workload per worker, unallocated work and the
// team's overdue items), allocating a case, a child at a glance at the top of
// their page, and the child's chronology. The figures are the API's
// (GET /teams/{id}/caseload and /workload, /people/{id}/glance and
// /chronology); nothing is worked out here but the words.
import * as api from '../api.js';
import * as vocab from '../vocab.js';
import {
  mount, h, heading, p, h2, link, table, tag, setTitle, formatDate, personName, summaryList, warning, backLink,
  buttonLink, button, actions, takeFlash, setFlash, roleLabel, counted,
} from '../ui.js';
import { Form } from '../form.js';
import { section, fetchPage, pager, PAGE_SIZE, workerStatus } from './common.js';
import { outcomeLabel, dueLabel, dueTag, OUTCOME_TYPES } from './yj_common.js';

// isOrder(code): a court or custody outcome is an order; a pre-court one (a
// youth caution, a diversion) is not.
const isOrder = (code) => ['court', 'custody'].includes((OUTCOME_TYPES.find(([c]) => c === code) || [])[2]);
import { missesSection } from './parenting.js';

const CASEWORK_ROLES = ['yjs_officer', 'parent_worker', 'fgc_coordinator', 'social_worker', 'hub_worker', 'manager'];
const LEVEL_COLOURS = { low: 'green', medium: 'yellow', high: 'orange', very_high: 'red' };

// levelTag(code): a risk level (low ... very high) as a tag, or "Not assessed".
export function levelTag(code) {
  return code ? tag(vocab.label('levels', code), LEVEL_COLOURS[code]) : h('span', { class: 'govuk-hint govuk-!-margin-0' }, 'Not assessed');
}

// What a due item is, in words.
const OTHER_WHAT = {
  family_plan_review: 'Family plan review', session: 'Parenting session', contract_review: 'Behaviour contract review',
  support_review: 'Parent support review', plan_item: 'Support plan action',
};
export function dueWhat(d) {
  if (d.what === 'task') return d.title ? `Task: ${d.title}` : 'Task';
  return OTHER_WHAT[d.what] || dueLabel(d.what);
}

// nextDue(d, short): the tag ("Overdue", "Due today", "Due soon", "Due"),
// what and when (its month cut short in a table: formatDate).
export function nextDue(d, short = false) {
  if (!d) return h('span', {}, 'Nothing due');
  return h('span', {}, dueTag(d), ' ', `${dueWhat(d)}: `, h('span', { class: 'spire-nowrap' }, formatDate(d.due_date, { short })));
}

const alertTags = (alerts) => (alerts && alerts.length
  ? alerts.map((a) => tag(vocab.label('alert_types', a.alert_type), 'red'))
  : h('span', {}, 'None'));

// Where a back link may go: a route of this app, never another site.
export function backTarget(ctx, fallback) {
  const b = ctx.query.get('back');
  return b && /^\/[A-Za-z0-9/_?=&%.-]*$/.test(b) && !b.startsWith('//') ? b : fallback;
}

// here(ctx): this route with its query, to come back to.
const here = (ctx) => `${ctx.path}${ctx.query.toString() ? '?' + ctx.query.toString() : ''}`;
const allocateHref = (ctx, caseId) => `#/cases/${caseId}/allocate${api.qs({ back: here(ctx) })}`;

// caseloadTable(ctx, items, caption, {showWorker, allocate}): the caseload at
// a glance; allocate: the Allocate / Reallocate links (a manager's, and a
// worker's on the cases they hold).
export function caseloadTable(ctx, items, caption, { showWorker = true, allocate = true } = {}) {
  // Orders and the two risk levels are youth justice's: a caseload with no
  // youth justice case (an FGC or Family Hub team's) goes without them.
  const yj = items.some((c) => c.service_code === 'youth_justice');
  const nowrap = (...x) => h('span', { class: 'spire-nowrap' }, ...x);
  // Offered only when the server's rule allows it (policy_reassign,
  // docs/access.md); it names the child for a screen reader's list of links.
  const allocation = (c) => (c.can && c.can.reassign
    ? link([c.worker_id ? 'Reallocate' : 'Allocate', h('span', { class: 'govuk-visually-hidden' }, ` ${personName(c)}’s case`)],
      allocateHref(ctx, c.id), 'govuk-link govuk-body-s') : null);
  // With a Worker column, Allocate or Reallocate goes under the worker's
  // name rather than in a column of its own.
  const ownColumn = allocate && !showWorker;
  return table({
    caption,
    // The two risk levels share a column, and allocating sits under the
    // worker, so the table fits a laptop's width; allocating is the
    // manager's (the team's view), not the practitioner's own caseload.
    // Compact type, each short phrase kept on one line and the dates'
    // months cut short, so that a row is two or three lines, not four to
    // six (walker, session 23), and the manager's eight columns and the
    // practitioner's six fit a 1200 px screen (walkers, sessions 25, 26).
    compact: true,
    head: ['Child', ...(showWorker ? ['Worker'] : []), ...(yj ? ['Order', 'Risk levels'] : []), 'Alerts', 'Next due', 'Last seen', ...(ownColumn ? ['Allocation'] : [])],
    rows: items.map((c) => [
      // A long name may go over two lines between its words (never at a
      // hyphen), so that the long names do not squeeze "Next due".
      h('span', {}, link(personName(c).split(' ').flatMap((w, i) => [i ? ' ' : null, nowrap(w)]), `#/people/${c.person_id}`), h('br'),
        nowrap(link(`${c.service_name || 'Case'} case`, `#/cases/${c.id}`, 'govuk-link govuk-body-s'),
          // The family the child is worked with: its page and plan.
          c.family_id ? [' · ', link(['Family', h('span', { class: 'govuk-visually-hidden' }, ` of ${personName(c)}`)], `#/families/${c.family_id}`, 'govuk-link govuk-body-s')] : null)),
      // A disabled or moved worker is marked (session 27): the case
      // needs re-allocating, or the manager knows why it is elsewhere.
      ...(showWorker ? [h('span', {}, c.worker_name ? nowrap(c.worker_name) : tag('Unallocated', 'grey'),
        workerStatus(c) ? [h('br'), workerStatus(c)] : null,
        allocate && allocation(c) ? [h('br'), allocation(c)] : null)] : []),
      ...(yj ? [
        c.order_type ? link(outcomeLabel(c.order_type), `#/outcomes/${c.order_id}`) : 'No current order',
        h('span', {}, nowrap('Serious harm: ', levelTag(c.rosh)), h('br'), nowrap('Safety: ', levelTag(c.safety_wellbeing))),
      ] : []),
      alertTags(c.alerts),
      nextDue(c.next_due, true),
      c.last_seen ? h('span', { class: 'spire-nowrap' }, formatDate(c.last_seen.slice(0, 10), { short: true })) : 'Not seen',
      ...(ownColumn ? [allocation(c) || ''] : []),
    ]),
  });
}

function dueHref(d) {
  if (d.record === 'outcome') return `#/outcomes/${d.record_id}`;
  if (d.record === 'family_plan' && d.family_id) return `#/families/${d.family_id}`;
  if (d.case_id && d.service === 'parenting') return `#/parenting/people/${d.person_id}`;
  if (d.case_id) return `#/cases/${d.case_id}`;
  return '#/tasks';
}

const born = (dob) => (dob ? `born ${formatDate(dob)}` : 'date of birth not known');

// dueWho(d): whom a due item is about, with what tells two of one name
// apart: a child's or parent's date of birth (a parent said to be one), a
// family's first child and their date of birth (docs/team-week.md).
export function dueWho(d) {
  const small = (text) => h('span', { class: 'govuk-body-s' }, text);
  if (d.person_id) {
    const what = d.subject === 'parent' ? `Parent or carer, ${born(d.date_of_birth)}` : `Child, ${born(d.date_of_birth)}`;
    return h('span', {}, link(personName(d), `#/people/${d.person_id}`), h('br'), small(what));
  }
  if (d.family_id) {
    const child = d.child_id
      ? `Family of ${personName({ given_name: d.child_given_name, family_name: d.child_family_name })}, ${born(d.child_date_of_birth)}`
      : 'Family';
    return h('span', {}, link(d.family_label || 'The family', `#/families/${d.family_id}`), h('br'), small(child));
  }
  return '';
}

// dueCounts(r): "12 due, 3 overdue" over the whole list (the API's counts).
// "3 overdue and 12 due, 15 in all": the due are those not yet overdue.
export const dueCounts = (r) => `${r.overdue_total} overdue and ${r.due_total} due, ${r.overdue_total + r.due_total} in all`;

// dueTable(items, caption): due items of every service, one a row.
export function dueTable(items, caption, { showService = true } = {}) {
  return table({
    caption,
    head: ['Person or family', ...(showService ? ['Service'] : []), 'What is due', 'Due date', 'Status'],
    rows: items.map((d) => [
      dueWho(d),
      ...(showService ? [vocab.label('services', d.service) || 'Other'] : []),
      h('span', {}, link(dueWhat(d), dueHref(d)),
        d.outcome_type ? h('span', { class: 'govuk-body-s' }, ` (${outcomeLabel(d.outcome_type)})`) : null),
      h('span', { class: 'spire-nowrap' }, formatDate(d.due_date)),
      h('span', { class: 'spire-due-status' }, dueTag(d)),
    ]),
  });
}

// The manager's home: the team's caseload and workload.
export async function teamHome(ctx) {
  const teams = await api.get('/teams' + api.qs({ service_id: ctx.user.service_id || '' }));
  const mine = teams.items.filter((t) => !t.closed_at);
  const asked = Number(ctx.query.get('team'));
  const team = mine.find((t) => t.id === asked) || mine.find((t) => t.id === ctx.user.team_id) || mine[0];
  const title = 'Team caseload';
  setTitle(title);
  if (!team) {
    mount(ctx.root, ...heading(title), p('You do not belong to a team, so there is no team caseload to show.'));
    return;
  }
  const workerQ = ctx.query.get('worker') || '';
  const load = await api.get(`/teams/${team.id}/workload?limit=${PAGE_SIZE}`);
  const workers = load.workers;
  const worker = workerQ === 'unallocated' ? 'unallocated' : (workers.some((w) => String(w.worker_id) === workerQ) ? workerQ : '');
  const [caseload, misses] = await Promise.all([
    section(async () => {
      const params = worker === 'unallocated' ? { unallocated: 'true' } : { worker_id: worker };
      const r = await fetchPage(ctx, 'offset', `/teams/${team.id}/caseload`, params);
      const who = worker === 'unallocated' ? 'Unallocated cases' : worker ? `Cases of ${workers.find((w) => String(w.worker_id) === worker).worker_name}` : 'Open cases';
      if (!r.items.length && !r.offset) return [h2(who), p('There are no open cases here.')];
      return [caseloadTable(ctx, r.items, `${who} (${r.total})`, { showWorker: worker !== 'unallocated' && !worker }),
        pager(ctx, 'offset', r, 'cases')];
    }),
    // Parents not seen at the start, a review or the end of their child's
    // intervention (docs/parenting.md), as the manager's home showed before.
    missesSection(),
  ]);
  if (ctx.stale()) return;
  const filterHref = (w) => `#/${api.qs({ team: team.id === ctx.user.team_id ? '' : team.id, worker: w })}`;
  const workload = table({
    caption: 'Workload',
    head: ['Worker', 'Role', 'Open cases', 'Current orders', 'Parents supported', 'Open tasks', 'Overdue items'],
    rows: [
      // Every member who holds work: a parent worker's parents are held
      // on parenting cases in the parenting team, counted here (session 27).
      ...workers.map((w) => [
        h('span', {}, link(w.worker_name, filterHref(String(w.worker_id))), workerStatus(w) ? [h('br'), workerStatus(w)] : null),
        roleLabel(w.role), String(w.open_cases), String(w.open_orders),
        String(w.parents_supported || 0), String(w.tasks_open), w.overdue ? tag(String(w.overdue), 'red') : '0',
      ]),
      load.unallocated ? [link('Unallocated', filterHref('unallocated')), '', String(load.unallocated.open_cases),
        String(load.unallocated.open_orders), '0', String(load.unallocated.tasks_open),
        load.unallocated.overdue ? tag(String(load.unallocated.overdue), 'red') : '0'] : null,
    ].filter(Boolean),
  });
  // The API lists the first PAGE_SIZE and counts them all: a list that is
  // cut says so.
  const shown = load.overdue.slice(0, PAGE_SIZE);
  const total = load.overdue_total.toLocaleString('en-GB');
  const overdue = load.overdue_total
    ? [dueTable(shown, `The team’s overdue items (${total})`),
      load.overdue_total > shown.length
        ? p([`Showing the first ${shown.length} of ${total} overdue items. `,
          link(`See all ${total} overdue items`, '#/due?scope=team&overdue=true')], 'govuk-body')
        : null]
    : [h2('The team’s overdue items'), p('Nothing is overdue.')];
  const filter = new Form({
    title, summarySlot: h('div'), submitText: 'Show cases',
    values: { team: String(team.id), worker },
    fields: [
      mine.length > 1 ? { name: 'team', label: 'Team', type: 'select', options: mine.map((t) => [String(t.id), t.name]) } : null,
      { name: 'worker', label: 'Whose cases', type: 'select', options: [['', 'Everyone in the team'], ['unallocated', 'Unallocated cases'], ...workers.map((w) => [String(w.worker_id), w.worker_disabled ? `${w.worker_name} (account disabled)` : w.worker_name])] },
    ].filter(Boolean),
    onSubmit: async (v) => ctx.go('/' + api.qs({ team: v.team && Number(v.team) !== ctx.user.team_id ? v.team : '', worker: v.team && Number(v.team) !== team.id ? '' : v.worker })),
  });
  filter.button.classList.add('govuk-button--secondary');
  const unallocated = load.unallocated && load.unallocated.open_cases
    ? warning(`${load.unallocated.open_cases} ${load.unallocated.open_cases === 1 ? 'case is' : 'cases are'} not allocated to a worker.`) : null;
  // Cases held by disabled accounts, by worker, with a count: no one
  // works them until a manager re-allocates them (session 27).
  const stranded = workers.filter((w) => w.worker_disabled && w.open_cases);
  const strandedTotal = stranded.reduce((n, w) => n + w.open_cases, 0);
  const disabledCases = stranded.length ? h('div', { class: 'spire-disabled-cases' },
    h2(`Cases held by disabled accounts (${strandedTotal})`),
    warning(`${counted(strandedTotal, 'case is', 'cases are')} held by ${stranded.length === 1 ? 'an account that is' : 'accounts that are'} disabled. Re-allocate ${strandedTotal === 1 ? 'it' : 'them'} to a worker in the team.`),
    h('ul', { class: 'govuk-list govuk-list--bullet' }, stranded.map((w) => h('li', {},
      link(`${w.worker_name}: ${counted(w.open_cases, 'open case')}`, filterHref(String(w.worker_id))))))) : null;
  mount(ctx.root, takeFlash(), ...heading(title, team.name),
    actions(buttonLink('Find a person', '#/search', true), buttonLink('Add a person', '#/people/new', true)),
    disabledCases,
    unallocated, unallocated ? p(link('Show the unallocated cases', filterHref('unallocated'))) : null,
    workload, h('div', {}, overdue), filter.el, h('div', {}, caseload), misses ? h('div', {}, misses) : null);
}

// Allocate (or reallocate) a case to a worker of its team; Back returns
// where the user came from (?back=).
export async function caseAllocate(ctx) {
  const id = Number(ctx.params[0]);
  const c = await api.get(`/cases/${id}`);
  const users = await api.get('/users' + api.qs({ enabled: 1, limit: 200 }));
  // The open tasks the worker now holds on the case: they go with the case
  // unless the manager keeps them where they are.
  const held = c.worker_id
    ? (await api.get('/tasks' + api.qs({ case_id: id, status: 'open', limit: 100 }))).items.filter((t) => t.owner_id === c.worker_id)
    : [];
  if (ctx.stale()) return;
  const back = backTarget(ctx, `/cases/${id}`);
  const name = personName(c);
  const title = c.worker_id ? `Reallocate ${name}’s case` : `Allocate ${name}’s case`;
  setTitle(title);
  // The server says whether this user may (policy_reassign): no form that
  // could only be refused.
  if (!(c.can && c.can.reassign)) {
    mount(ctx.root, backLink(`#${back}`), ...heading(title),
      p('You can only re-allocate a case you hold. Ask a manager of the team to re-allocate it.'));
    return;
  }
  // Who may hold it: the team's caseworkers whose role works on cases of
  // the case's service (a parent worker sitting in a youth justice team
  // holds parents' cases in the parenting team; `services` null: a manager).
  const team = users.items.filter((u) => u.team_id === c.team_id && CASEWORK_ROLES.includes(u.role) && !u.disabled
    && (u.services == null || u.services.includes(c.service_code)));
  const summary = h('div');
  const form = new Form({
    title, summarySlot: summary, submitText: c.worker_id ? 'Reallocate case' : 'Allocate case',
    values: { worker_id: c.worker_id ? String(c.worker_id) : '', move_tasks: true },
    fields: [{
      name: 'worker_id', label: 'Allocated worker', type: 'radios',
      hint: `Workers in ${c.team_name}`,
      options: [...team.map((u) => [String(u.id), `${u.full_name} (${roleLabel(u.role)})`]), ['', 'Nobody (unallocated)']],
    }, held.length ? {
      name: 'move_tasks', type: 'checkbox',
      label: `Move ${held.length === 1 ? 'this open task' : `these ${held.length} open tasks`} to the new worker`,
      hint: `Untick to leave ${held.length === 1 ? 'it' : 'them'} with ${c.worker_name}.`,
    } : null].filter(Boolean),
    onSubmit: async (v) => {
      const body = { version: c.version, worker_id: v.worker_id ? Number(v.worker_id) : null };
      if (held.length) body.open_tasks = v.move_tasks ? 'move' : 'keep';
      const rec = await api.patch(`/cases/${id}`, body);
      const t = rec.open_tasks;
      const tasks = (n) => counted(n, 'open task');
      const said = !t ? '' : t.moved ? ` ${tasks(t.moved)} moved to ${rec.worker_name}.` : t.kept ? ` ${tasks(t.kept)} ${t.kept === 1 ? 'stays' : 'stay'} with ${c.worker_name}.` : '';
      setFlash((rec.worker_name ? `${name}’s case is allocated to ${rec.worker_name}.` : `${name}’s case is not allocated to anyone.`) + said);
      ctx.go(back);
    },
  });
  mount(ctx.root, backLink('#' + back),
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' },
      summary, ...heading(title, `${c.service_name || 'Case'} – ${c.team_name}`),
      summaryList([['Child', link(name, `#/people/${c.person_id}`)], ['Allocated now', c.worker_name || 'Nobody']]),
      held.length ? table({
        caption: `Open tasks ${c.worker_name} holds on this case`, captionClass: 'govuk-table__caption--s',
        head: ['Task', 'Due'],
        rows: held.map((x) => [x.title, h('span', { class: 'spire-nowrap' }, formatDate(x.due_date))]),
      }) : null,
      form.el, p(link('Cancel', '#' + back)))));
}

// glanceSection(ctx, person, access): the child at a glance, for the top
// of their page: the order, risk levels, alerts, next due and last seen.
export async function glanceSection(ctx, person, access) {
  return section(async () => {
    const g = await api.get(`/people/${person.id}/glance`, access);
    // Read with a reason: read only (docs/access.md, "Break glass").
    const open = !person.closed_at && !access.breakGlass;
    const alerts = g.alerts.map((a) => h('div', { class: 'govuk-warning-text spire-alert' },
      h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
      h('strong', { class: 'govuk-warning-text__text' },
        h('span', { class: 'govuk-visually-hidden' }, 'Warning'),
        `${vocab.label('alert_types', a.alert_type)}${a.details ? `: ${a.details}` : ''} `,
        open ? link('End this alert', `#/r/alerts/${a.id}/close`, 'govuk-link govuk-body-s') : null)));
    // A parent or carer (18 or over) with no youth justice order or
    // assessment of their own is not asked about either.
    // Only a child with youth justice work is asked about orders and risk:
    // a Family Hub or FGC child's page says nothing of either.
    const yj = g.order_type || g.rosh || g.safety_wellbeing || g.cases.some((c) => c.service_code === 'youth_justice');
    const rows = [
      ...(yj ? [
        g.order_type && !isOrder(g.order_type) ? ['Intervention', outcomeLabel(g.order_type)]
          : ['Order', g.order_type ? outcomeLabel(g.order_type) : 'No current order'],
        ['Risk of serious harm', levelTag(g.rosh)],
        ['Safety and wellbeing', levelTag(g.safety_wellbeing)]] : []),
      ['Next due', nextDue(g.next_due)],
      ['Last seen', g.last_seen ? formatDate(g.last_seen.slice(0, 10)) : 'Not seen on an open case'],
    ];
    return h('div', { class: 'spire-glance', id: 'at-a-glance' },
      h('h2', { class: 'govuk-heading-m' }, 'At a glance'),
      alerts,
      g.cases.length ? summaryList(rows) : p('This person has no open cases that you can see.'),
      actions(open ? buttonLink('Add an alert', `#/people/${person.id}/r/alerts/new`, true) : null,
        buttonLink('Chronology', `#/people/${person.id}/chronology`, true)));
  });
}

// The words of one chronology event and where it opens.
function eventWords(e) {
  const v = (list, code) => (code ? vocab.label(list, code) : '');
  switch (e.kind) {
    case 'offence': return [`Offence: ${v('offence_categories', e.code)}`, e.detail, `#/offences/${e.record_id}`];
    case 'outcome': return [`Outcome: ${outcomeLabel(e.code)}`, '', `#/outcomes/${e.record_id}`];
    case 'outcome_end': return [`${isOrder(e.code) ? 'Order ended' : 'Ended'}: ${outcomeLabel(e.code)}`, v('end_reasons', e.detail), `#/outcomes/${e.record_id}`];
    case 'assessment': return [`Assessment: ${v('assessment_stages', e.code)}`,
      e.detail ? `Risk of serious harm: ${v('levels', e.detail)}` : '', `#/assessments/${e.record_id}`];
    case 'move': return [`Living: ${v('accommodation', e.code)}`, '', `#/kpi-snapshots/${e.record_id}`];
    case 'hearing': return [`Court hearing: ${v('hearing_types', e.code)}`,
      e.detail ? `Outcome: ${v('hearing_outcomes', e.detail)}` : '', `#/r/hearings/${e.record_id}`];
    case 'contact': return [`Significant contact: ${v('contact_types', e.code)}`, e.detail, `#/cases/${e.case_id}`];
    default: return [e.kind, e.detail || '', null];
  }
}

// The child's chronology, filterable by kind, printable.
export async function chronology(ctx) {
  const id = Number(ctx.params[0]);
  const asked = (ctx.query.get('kind') || '').split(',').filter(Boolean);
  const [person, all] = await Promise.all([api.get(`/people/${id}`), api.get(`/people/${id}/chronology`)]);
  if (ctx.stale()) return;
  const kinds = all.kinds;
  const chosen = asked.filter((k) => kinds.some((x) => x.kind === k));
  const items = chosen.length ? all.items.filter((e) => chosen.includes(e.kind)) : all.items;
  const name = personName(person);
  const title = `Chronology – ${name}`;
  setTitle(title);
  const filter = new Form({
    title, summarySlot: h('div'), submitText: 'Show events',
    values: { kind: chosen.length ? chosen : kinds.map((k) => k.kind) },
    fields: [{ name: 'kind', label: 'Which events to show', type: 'checkboxes', options: kinds.map((k) => [k.kind, k.label]) }],
    onSubmit: async (v) => {
      const all2 = v.kind.length === kinds.length || !v.kind.length;
      ctx.go(`/people/${id}/chronology` + api.qs({ kind: all2 ? '' : v.kind.join(',') }));
    },
  });
  filter.button.classList.add('govuk-button--secondary');
  const list = items.length ? table({
    caption: chosen.length ? `Events shown: ${chosen.map((k) => kinds.find((x) => x.kind === k).label).join(', ')}` : 'Every significant event',
    head: ['Date', 'Event', 'Details'],
    rows: items.map((e) => {
      const [what, detail, href] = eventWords(e);
      return [h('span', { class: 'spire-nowrap' }, formatDate(e.event_date)), href ? link(what, href) : what, detail || ''];
    }),
  }) : p('No events of these kinds have been recorded.');
  mount(ctx.root, h('div', { class: 'spire-no-print' }, backLink(`#/people/${id}`, `Back to ${name}`)),
    ...heading('Chronology', name),
    p('The child’s significant events in date order: offences, outcomes and orders ending, assessments, moves of accommodation and contacts marked significant.'),
    h('div', { class: 'spire-no-print' }, filter.el),
    list,
    h('div', { class: 'spire-no-print' }, actions(button('Print this chronology', { secondary: true, onClick: () => window.print() }))));
}
