// app.js - the shell: who is signed in, the header and navigation, and the
// hash router (#/people/12) that renders one view at a time into <main>.
// Views live in views/; each exports async functions (ctx) => void.
import * as api from './api.js';
import { ServiceNavigation } from '../vendor/govuk/govuk-frontend.min.js';
import * as vocab from './vocab.js';
import { mount, h, heading, p, setTitle, link } from './ui.js';
import { signIn } from './views/signin.js';
import { caseload, myTasks } from './views/home.js';
import { search } from './views/search.js';
import { personPage } from './views/person.js';
import { personCreate, personEdit } from './views/person_form.js';
import { familyAdd, memberChange } from './views/family.js';
import { caseOpen, casePage, contactRecord, contactChange, contactClose, taskAdd } from './views/case.js';
import { usersList, userAdd, userEdit, userDisable } from './views/users.js';
import { whoViewed, whoViewedAll } from './views/audit.js';
import { personMerge, personMergeUndo } from './views/merge.js';
import { consentRecord, consentWithdraw } from './views/consents.js';
import { resourceAdd, resourceView, resourceChange, resourceClose, forgetResources } from './views/resources.js';
import { personClose, caseClose, familyClose } from './views/close.js';
import { teamsList, teamAdd } from './views/teams.js';
import { offenceRecord, offencePage, offenceEdit, offenceClose } from './views/offences.js';
import { victimAdd, victimEdit, victimClose } from './views/victims.js';
import { outcomeRecord, outcomePage, outcomeEdit, outcomeClose } from './views/outcomes.js';
import { assessmentRecord, assessmentPage, assessmentEdit, assessmentClose } from './views/assessments.js';
import { kpiRecord, kpiPage, kpiEdit, kpiClose } from './views/kpi.js';
import { dueAndOverdue } from './views/due.js';
import { boardList, boardRecord, boardPage, boardEdit, boardClose } from './views/board.js';
import { performanceIndex, measurePage, measureChildren } from './views/performance.js';
import { boardPack } from './views/board_pack.js';
import { parentingHome, parentingList, parentAgreement, parentPage } from './views/parenting.js';
import { peerHome, groupAdd, groupPage, sessionAdd, sessionPage, registerForm, mentorAdd, mentorChange } from './views/peer.js';
import { parentPeer, preferencesForm, referralAdd, referralStatus } from './views/peer_parent.js';
import {
  familyPage, keyWorkerChange, planStart, planChange, planEnd, planVersions, planPrint, actionAdd, actionChange,
  reviewAdd, reviewChange,
} from './views/parenting_family_plan.js';
import { caseForms, formStart, familyFormStart, formPageView, formCheck, formResponseView } from './views/forms.js';
import { proposalsView } from './views/parenting_proposals.js';
import { myFamily } from './views/my_family.js';
import { parentInvite, parentStart } from './views/parent_invite.js';
import { stepsView, stepsDecision } from './views/steps.js';
import { teamHome, caseAllocate, chronology } from './views/team.js';

export const PRACTITIONERS = ['yjs_officer', 'parent_worker', 'fgc_coordinator', 'social_worker', 'hub_worker'];
const CASEWORK = [...PRACTITIONERS, 'manager'];
const FIGURES = ['manager', 'analyst'];
// Peer support and referrals out: not the youth justice officer's.
const PEER = CASEWORK.filter((r) => r !== 'yjs_officer');

// Routes: pattern, view, roles that may open it (null: anyone signed in).
const ROUTES = [
  [/^\/$/, home, null],
  [/^\/tasks$/, myTasks, CASEWORK],
  [/^\/search$/, search, CASEWORK],
  [/^\/people\/new$/, personCreate, CASEWORK],
  [/^\/people\/(\d+)$/, personPage, CASEWORK],
  [/^\/people\/(\d+)\/edit$/, personEdit, CASEWORK],
  [/^\/people\/(\d+)\/family\/add$/, familyAdd, CASEWORK],
  [/^\/people\/(\d+)\/cases\/new$/, caseOpen, CASEWORK],
  [/^\/people\/(\d+)\/viewed$/, whoViewed, ['manager', 'admin']],
  [/^\/people\/(\d+)\/viewed\/all$/, whoViewedAll, ['manager', 'admin']],
  [/^\/people\/(\d+)\/merge$/, personMerge, ['manager']],
  [/^\/people\/(\d+)\/merges\/(\d+)\/undo$/, personMergeUndo, ['manager']],
  [/^\/people\/(\d+)\/chronology$/, chronology, CASEWORK],
  [/^\/people\/(\d+)\/parent-portal$/, parentInvite, CASEWORK],
  [/^\/cases\/(\d+)\/allocate$/, caseAllocate, CASEWORK],
  [/^\/people\/(\d+)\/close$/, personClose, CASEWORK],
  [/^\/people\/(\d+)\/consents\/new$/, consentRecord, CASEWORK],
  [/^\/people\/(\d+)\/consents\/(\d+)\/withdraw$/, consentWithdraw, CASEWORK],
  [/^\/people\/(\d+)\/families\/(\d+)\/close$/, familyClose, CASEWORK],
  [/^\/families\/(\d+)$/, familyPage, CASEWORK],
  [/^\/families\/(\d+)\/members\/(\d+)\/edit$/, memberChange, CASEWORK],
  [/^\/families\/(\d+)\/key-worker$/, keyWorkerChange, CASEWORK],
  [/^\/families\/(\d+)\/plan\/new$/, planStart, CASEWORK],
  [/^\/family-plans\/(\d+)\/change$/, planChange, CASEWORK],
  [/^\/family-plans\/(\d+)\/end$/, planEnd, CASEWORK],
  [/^\/family-plans\/(\d+)\/versions$/, planVersions, CASEWORK],
  [/^\/family-plans\/(\d+)\/print$/, planPrint, CASEWORK],
  [/^\/family-plans\/(\d+)\/actions\/new$/, actionAdd, CASEWORK],
  [/^\/family-plan-actions\/(\d+)\/change$/, actionChange, CASEWORK],
  [/^\/family-plans\/(\d+)\/reviews\/new$/, reviewAdd, CASEWORK],
  [/^\/family-plan-reviews\/(\d+)\/change$/, reviewChange, CASEWORK],
  [/^\/people\/(\d+)\/r\/([a-z][a-z0-9-]*)\/new$/, resourceAdd, CASEWORK],
  [/^\/cases\/(\d+)\/r\/([a-z][a-z0-9-]*)\/new$/, resourceAdd, CASEWORK],
  [/^\/r\/([a-z][a-z0-9-]*)\/(\d+)$/, resourceView, CASEWORK],
  [/^\/r\/([a-z][a-z0-9-]*)\/(\d+)\/change$/, resourceChange, CASEWORK],
  [/^\/r\/([a-z][a-z0-9-]*)\/(\d+)\/close$/, resourceClose, CASEWORK],
  [/^\/cases\/(\d+)$/, casePage, CASEWORK],
  [/^\/cases\/(\d+)\/contacts\/new$/, contactRecord, CASEWORK],
  [/^\/contacts\/(\d+)\/edit$/, contactChange, CASEWORK],
  [/^\/contacts\/(\d+)\/close$/, contactClose, CASEWORK],
  [/^\/cases\/(\d+)\/close$/, caseClose, CASEWORK],
  [/^\/cases\/(\d+)\/offences\/new$/, offenceRecord, CASEWORK],
  [/^\/offences\/(\d+)$/, offencePage, CASEWORK],
  [/^\/offences\/(\d+)\/edit$/, offenceEdit, CASEWORK],
  [/^\/offences\/(\d+)\/close$/, offenceClose, CASEWORK],
  [/^\/offences\/(\d+)\/victims\/new$/, victimAdd, CASEWORK],
  [/^\/victims\/(\d+)\/edit$/, victimEdit, CASEWORK],
  [/^\/victims\/(\d+)\/close$/, victimClose, CASEWORK],
  [/^\/cases\/(\d+)\/tasks\/new$/, taskAdd, CASEWORK],
  [/^\/cases\/(\d+)\/outcomes\/new$/, outcomeRecord, CASEWORK],
  [/^\/outcomes\/(\d+)$/, outcomePage, CASEWORK],
  [/^\/outcomes\/(\d+)\/edit$/, outcomeEdit, CASEWORK],
  [/^\/outcomes\/(\d+)\/close$/, outcomeClose, CASEWORK],
  [/^\/outcomes\/(\d+)\/kpi\/new$/, kpiRecord, CASEWORK],
  [/^\/kpi-snapshots\/(\d+)$/, kpiPage, CASEWORK],
  [/^\/kpi-snapshots\/(\d+)\/edit$/, kpiEdit, CASEWORK],
  [/^\/kpi-snapshots\/(\d+)\/close$/, kpiClose, CASEWORK],
  [/^\/cases\/(\d+)\/assessments\/new$/, assessmentRecord, CASEWORK],
  [/^\/assessments\/(\d+)$/, assessmentPage, CASEWORK],
  [/^\/assessments\/(\d+)\/edit$/, assessmentEdit, CASEWORK],
  [/^\/assessments\/(\d+)\/close$/, assessmentClose, CASEWORK],
  [/^\/cases\/(\d+)\/forms$/, caseForms, CASEWORK],
  [/^\/cases\/(\d+)\/forms\/([A-Za-z0-9.-]+)\/new$/, formStart, CASEWORK],
  [/^\/form-responses\/(\d+)$/, formResponseView, CASEWORK],
  [/^\/form-responses\/(\d+)\/page\/(\d+)$/, formPageView, CASEWORK],
  [/^\/form-responses\/(\d+)\/check$/, formCheck, CASEWORK],
  [/^\/form-responses\/(\d+)\/proposals$/, proposalsView, CASEWORK],
  [/^\/families\/(\d+)\/steps-to-change$/, stepsView, CASEWORK],
  [/^\/families\/(\d+)\/steps-to-change\/decision$/, stepsDecision, CASEWORK],
  [/^\/families\/(\d+)\/forms\/([A-Za-z0-9.-]+)\/new$/, familyFormStart, CASEWORK],
  [/^\/due$/, dueAndOverdue, CASEWORK],
  // The Parents page (a parent worker's home) at its own address, so that
  // "Back to Parents" goes to it whoever follows it (a manager's home is
  // the team's).
  [/^\/parenting$/, parentingHome, ['parent_worker', 'manager']],
  [/^\/parenting\/agreement$/, parentAgreement, ['parent_worker', 'manager']],
  [/^\/parenting\/(to-meet|parents|due|misses)$/, (ctx) => parentingList(ctx, ctx.params[0].replace('-', '_')), ['parent_worker', 'manager']],
  [/^\/parenting\/people\/(\d+)$/, parentPage, CASEWORK],
  [/^\/peer$/, peerHome, PEER],
  [/^\/peer\/groups\/new$/, groupAdd, PEER],
  [/^\/peer\/groups\/(\d+)$/, groupPage, PEER],
  [/^\/peer\/groups\/(\d+)\/sessions\/new$/, sessionAdd, PEER],
  [/^\/peer\/sessions\/(\d+)$/, sessionPage, PEER],
  [/^\/peer\/sessions\/(\d+)\/register$/, registerForm, PEER],
  [/^\/peer\/mentors\/new$/, mentorAdd, PEER],
  [/^\/peer\/mentors\/(\d+)\/change$/, mentorChange, PEER],
  [/^\/people\/(\d+)\/peer$/, parentPeer, PEER],
  [/^\/people\/(\d+)\/peer\/preferences$/, preferencesForm, PEER],
  [/^\/cases\/(\d+)\/referrals\/new$/, referralAdd, PEER],
  [/^\/parent-referrals\/(\d+)\/status$/, referralStatus, PEER],
  [/^\/board$/, boardList, FIGURES],
  [/^\/board\/new$/, boardRecord, ['manager']],
  [/^\/board\/(\d+)$/, boardPage, FIGURES],
  [/^\/board\/(\d+)\/edit$/, boardEdit, ['manager']],
  [/^\/board\/(\d+)\/close$/, boardClose, ['manager']],
  [/^\/performance$/, performanceIndex, FIGURES],
  [/^\/board-pack$/, boardPack, FIGURES],
  [/^\/performance\/([a-z0-9_-]+)$/, measurePage, FIGURES],
  [/^\/performance\/([a-z0-9_-]+)\/(?:children|parents)$/, measureChildren, ['manager']],
  [/^\/admin\/users$/, usersList, ['admin']],
  [/^\/admin\/users\/new$/, userAdd, ['admin']],
  [/^\/admin\/users\/(\d+)$/, userEdit, ['admin']],
  [/^\/admin\/users\/(\d+)\/disable$/, userDisable, ['admin']],
  [/^\/admin\/teams$/, teamsList, ['admin', 'manager']],
  [/^\/admin\/teams\/new$/, teamAdd, ['admin']],
];

const state = { user: null, renderSeq: 0 };

function root() {
  return document.getElementById('app');
}

// go(path): navigate to a hash route; the hashchange renders it.
export function go(path) {
  if (location.hash === '#' + path) route();
  else location.hash = '#' + path;
}

function home(ctx) {
  if (ctx.user.role === 'admin') return usersList(ctx);
  if (ctx.user.role === 'parent') return myFamily(ctx);
  if (ctx.user.role === 'parent_worker') return parentingHome(ctx);
  // A manager's home is the team's caseload and workload (docs/team-week.md).
  if (ctx.user.role === 'manager') return teamHome(ctx);
  if (CASEWORK.includes(ctx.user.role)) return caseload(ctx);
  if (ctx.user.role === 'analyst') return performanceIndex(ctx);
  setTitle('Spire');
  mount(ctx.root, ...heading(`Signed in as ${ctx.user.full_name}`),
    p('Your role does not open case records in Spire.'));
}

// The line under the header: for staff, that records are confidential and
// every view is logged (they are audited); for a parent, a plain privacy
// line about their own family's page.
const STAFF_LINE = 'Records here are confidential. Every view is logged.';
const PARENT_LINE = 'This page is private to you and the people who support your family.';

function renderHeader() {
  const u = state.user;
  const line = document.getElementById('privacy-line');
  if (line) line.textContent = u && u.role === 'parent' ? PARENT_LINE : STAFF_LINE;
  const box = document.getElementById('header-user');
  const nav = document.getElementById('service-nav');
  const list = document.getElementById('nav-list');
  if (!u) {
    box.replaceChildren();
    nav.hidden = true;
    list.replaceChildren();
    return;
  }
  box.replaceChildren(
    h('span', { class: 'govuk-body-s spire-header__name' }, u.full_name || u.username),
    h('a', {
      class: 'govuk-header__link', href: '#/sign-out', id: 'sign-out',
      on: { click: (ev) => { ev.preventDefault(); signOut(); } },
    }, 'Sign out'));
  const items = [];
  if (CASEWORK.includes(u.role)) {
    // A parent worker's due and overdue are the parents' sessions and reviews.
    const due = u.role === 'parent_worker' ? '/parenting/due' : '/due';
    items.push([u.role === 'manager' ? 'Team caseload' : 'My caseload', '/'], ['My tasks', '/tasks'], ['Due and overdue', due], ['Find a person', '/search'], ['Add a person', '/people/new']);
  }
  if (PEER.includes(u.role)) items.push(['Peer support', '/peer']);
  if (FIGURES.includes(u.role)) items.push(['Performance', '/performance'], ['Board pack', '/board-pack'], ['Board meetings', '/board']);
  if (u.role === 'admin') items.push(['Users', '/admin/users']);
  if (u.role === 'admin' || u.role === 'manager') items.push(['Teams', '/admin/teams']);
  list.replaceChildren(...items.map(([text, path]) => h('li', { class: 'govuk-service-navigation__item', dataset: { path } },
    h('a', { class: 'govuk-service-navigation__link', href: '#' + path }, text))));
  nav.hidden = items.length === 0;
}

function markCurrent(path) {
  for (const li of document.querySelectorAll('#nav-list li')) {
    const here = li.dataset.path === path;
    li.classList.toggle('govuk-service-navigation__item--active', here);
    const a = li.querySelector('a');
    if (here) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

// A mark that this browser signed in (not the session itself: that is an
// HttpOnly cookie): without it the app does not ask the server who is signed
// in, so a signed-out visit to the sign-in page makes no failing request
// (Chromium logs a 401 as a console error).
const SIGNED_IN_KEY = 'spire-signed-in';
const markSignedIn = (on) => {
  try {
    if (on) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch { /* storage off: the check is made every time */ }
};
const maybeSignedIn = () => {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return true;
  }
};

async function signOut() {
  try {
    await api.del('/session', { quiet401: true });
  } catch { /* already signed out */ }
  markSignedIn(false);
  api.setCsrf(null);
  state.user = null;
  forgetResources();
  renderHeader();
  go('/sign-in');
}

function onSignedIn(user, csrf) {
  markSignedIn(true);
  api.setCsrf(csrf);
  state.user = user;
  forgetResources();
  renderHeader();
}

// route(): draw the page the address names. While it draws, main is
// aria-busy (assistive technology waits for it); when the last page asked
// for is drawn, main's data-drawn holds its address, so a reader (or a
// test) can tell this page from the one before it.
async function route() {
  const hash = location.hash || '#/';
  if (!hash.startsWith('#/')) return; /* an in-page anchor, not a route */
  const seq = ++state.renderSeq;
  const main = document.getElementById('main-content');
  main.setAttribute('aria-busy', 'true');
  try {
    await draw(hash, seq);
  } finally {
    if (seq === state.renderSeq) {
      main.removeAttribute('aria-busy');
      main.dataset.drawn = hash;
    }
  }
}

async function draw(hash, seq) {
  const path = hash.slice(1).split('?')[0];
  const el = root();
  // Pages for someone not signed in: signing in, and a parent redeeming
  // an invitation to the parent portal.
  if (path === '/parent/start') {
    if (state.user) { go('/'); return; }
    await parentStart({ root: el, onSignedIn, next: () => go('/') });
    focusMain();
    return;
  }
  if (!state.user && path !== '/sign-in') {
    const next = path;
    go(`/sign-in`);
    state.next = next;
    return;
  }
  if (path === '/sign-in') {
    if (state.user) { go('/'); return; }
    await signIn({ root: el, onSignedIn, next: () => { const n = state.next || '/'; state.next = null; go(n); } });
    focusMain();
    return;
  }
  const found = ROUTES.map(([re, view, roles]) => [re.exec(path), view, roles]).find(([m]) => m);
  markCurrent(path);
  if (!found) return notFound(el);
  const [m, view, roles] = found;
  if (roles && !roles.includes(state.user.role)) return forbidden(el);
  const ctx = {
    root: el, user: state.user, params: m.slice(1), go, path, reload: route,
    query: new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : ''),
    stale: () => seq !== state.renderSeq,
  };
  try {
    await vocab.load(); /* once: every label people see comes from it */
    if (seq !== state.renderSeq) return;
    await view(ctx);
  } catch (err) {
    if (seq !== state.renderSeq) return;
    showError(el, err);
  }
  if (seq === state.renderSeq) focusMain();
}

// focusMain(): focus the page just drawn - its error summary when it
// opened with one (a period in the address that is not real), else main.
function focusMain() {
  const main = document.getElementById('main-content');
  const summary = main.querySelector('.govuk-error-summary');
  (summary || main).focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function notFound(el) {
  setTitle('Page not found');
  mount(el, ...heading('Page not found'), p('If you typed the web address, check it is correct.'),
    p(link('Go to the start page', '#/')));
}

// forbidden(el, err): the refusal, with the server's own plain words when
// it gave a reason that is not about a field (e.g. a parent's
// self-assessment not shared with the user's service).
function forbidden(el, err) {
  setTitle('You do not have access');
  const why = err && err.code === 'forbidden' && !err.field && err.error && err.error.message;
  mount(el, ...heading('You do not have access to this page'), why ? p(why) : null, p(link('Go to the start page', '#/')));
}

// showError: what a view could not load.
export function showError(el, err) {
  if (err && err.status === 401) return;
  if (err && err.status === 403) return forbidden(el, err);
  if (err && err.status === 404) return notFound(el);
  setTitle('Sorry, there is a problem');
  mount(el, ...heading('Sorry, there is a problem'),
    p(err && err.message ? err.message : 'Something went wrong. Try again later.'));
  if (!(err && err.status !== undefined)) console.error(err);
}

async function boot() {
  document.documentElement.classList.add('govuk-template--rendered');
  document.body.classList.add('js-enabled');
  if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported');
  // On a phone the service navigation folds behind a Menu button (GOV.UK
  // service navigation, its own script), not a list of links always open.
  try {
    const menu = new ServiceNavigation(document.getElementById('service-nav'));
    // A link followed from the open menu closes it: the page changes
    // without a reload here.
    document.getElementById('nav-list').addEventListener('click', (ev) => {
      if (ev.target.closest('a') && menu.menuIsOpen) menu.handleMenuButtonClick();
    });
  } catch { /* not supported: the list stays open, as without scripts */ }
  document.getElementById('skip-link').addEventListener('click', (ev) => {
    ev.preventDefault();
    focusMain();
  });
  api.setSignedOutHandler(() => {
    markSignedIn(false);
    if (!state.user) return;
    state.user = null;
    renderHeader();
    state.next = location.hash.slice(1) || '/';
    go('/sign-in');
  });
  try {
    if (!maybeSignedIn()) throw new Error('not signed in here');
    const s = await api.get('/session', { quiet401: true });
    onSignedIn(s.user, s.csrf_token);
  } catch {
    markSignedIn(false);
    state.user = null;
  }
  window.addEventListener('hashchange', route);
  await route();
}

boot();
