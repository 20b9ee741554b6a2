// Query parameters (issue 7, section 4): a parameter a request does not
// take (a misspelt or unsupported filter), a parameter given twice, or a
// filter value that names nothing is a 400 naming the parameter, never a
// 200 that silently ignores it or an empty page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, spire, USERS } from './lib.mjs';

let srv;
const clients = {};
// What {id} is in a route's path: a record that exists (the team's views,
// a child's glance and chronology), else 1.
const ids = {};

before(async () => {
  srv = await Server.start({});
  for (const [username] of USERS) {
    if (username !== 'parent') clients[username] = await srv.login(username);
  }
  ids.teams = clients.manager.user.team_id;
  const p = await clients.manager.post('/api/v1/people', { given_name: 'Query', family_name: 'Params', date_of_birth: '2010-01-01' });
  assert.equal(p.status, 201, p.text);
  ids.people = p.body.id;
});

// route.pattern with {id} as a record of its kind that exists.
const withId = (pattern) => pattern.replace('{id}', String(ids[pattern.split('/')[3]] ?? 1));
after(async () => { await srv.stop(); });

// The paths of a route: its pattern with {id} as 1 and {name} as every
// name it takes (the measures, from the API's own list).
async function pathsOf(route) {
  const base = withId(route.pattern);
  if (!base.includes('{name}')) return [base];
  const list = await clients.manager.get('/api/v1/measures');
  assert.equal(list.status, 200, list.text);
  const children = base.endsWith('/children');
  const parents = base.endsWith('/parents');
  return list.body.items
    .filter((m) => (!children && !parents) || (m.children && (!parents || m.people === 'parents')))
    .map((m) => base.replace('{name}', m.name));
}

// A signed-in client whose role the route admits.
function clientFor(route) {
  for (const [username, role] of USERS) {
    if (clients[username] && route.roles.includes(role)) return clients[username];
  }
  return null;
}

test('every list answers 400 naming a parameter it does not take', async () => {
  const routes = JSON.parse(spire(['routes']));
  const lists = routes.filter((r) => r.method === 'GET' && !r.pattern.includes('{id}') && !r.public);
  assert.ok(lists.length >= 15, `${lists.length} lists`);
  let checked = 0;
  for (const route of lists) {
    const c = clientFor(route);
    if (!c) continue;
    for (const path of await pathsOf(route)) {
      for (const name of ['sort', 'stauts', 'period', 'team_name']) {
        if (route.query.includes(name)) continue;
        const r = await c.get(`${path}?${name}=1`);
        assert.equal(r.status, 400, `${path}?${name}: ${r.text}`);
        assert.equal(r.body.error.field, name, path);
        checked++;
      }
    }
  }
  assert.ok(checked >= 60, `${checked} requests`);
});

test('a parameter given twice is a 400 naming it', async () => {
  const r = await clients.officer.get('/api/v1/cases?status=open&status=closed');
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.field, 'status');
  const m = await clients.manager.get('/api/v1/measures/custody?from=2021-04-01&to=2022-03-31&by=sex&by=team');
  assert.equal(m.status, 400, m.text);
  assert.equal(m.body.error.field, 'by');
});

test('a value cut by %00, or no value at all, is a 400 naming the parameter on every list', async () => {
  for (const [path, field] of [
    ['/api/v1/cases?status=closed%00zz', 'status'],
    ['/api/v1/cases?limit=5%00abc', 'limit'],
    ['/api/v1/cases?mine=true%00false', 'mine'],
    ['/api/v1/cases?status%00x=closed', 'status'],
    ['/api/v1/cases?status', 'status'],
    ['/api/v1/cases?mine', 'mine'],
    ['/api/v1/cases?status=', 'status'],
    ['/api/v1/cases?status=open&limit', 'limit'],
  ]) {
    const r = await clients.officer.get(path);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.equal(r.body.error.field, field, `${path}: ${r.text}`);
    assert.match(r.body.error.message, /^The address must not include hidden characters$|^Give a value for each choice/, r.text);
  }
  // Checked once, by the router, for every route that takes parameters.
  const routes = JSON.parse(spire(['routes']));
  let checked = 0;
  for (const route of routes.filter((x) => x.method === 'GET' && !x.public && x.query.length)) {
    const c = clientFor(route);
    if (!c) continue;
    const name = route.query[0];
    for (const base of await pathsOf(route)) {
      for (const q of [`${name}=1%001`, name, `${name}=`]) {
        const r = await c.get(`${base}?${q}`);
        assert.equal(r.status, 400, `${base}?${q}: ${r.text}`);
        assert.equal(r.body.error.field, name, `${base}?${q}: ${r.text}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 45, `${checked} requests`);
});

test('the parameters a list declares still work', async () => {
  for (const [who, path] of [
    ['officer', '/api/v1/cases?status=open&mine=true&limit=5&offset=0'],
    ['officer', '/api/v1/tasks?mine=1&status=open&overdue=false'],
    ['officer', '/api/v1/people?q=smith&include_closed=true&limit=10'],
    ['officer', '/api/v1/outcomes/due?scope=team&within=28&overdue=true'],
    ['officer', '/api/v1/court-reports/due?scope=team&within=28&overdue=true&limit=5&offset=0'],
    ['admin', '/api/v1/users?enabled=1&limit=200'],
    ['manager', '/api/v1/board-meetings?from=2021-04-01&to=2022-03-31&include_closed=true'],
    ['manager', '/api/v1/measures/custody?from=2021-04-01&to=2022-03-31&by=team&interval=year&as_of=2022-06-01'],
    ['manager', '/api/v1/measures/custody/children?from=2021-04-01&to=2022-03-31&by=sex&group=male&counted=true&limit=5'],
    ['analyst', '/api/v1/board-pack?quarter=2021%2F22%20Q4&format=json'],
    ['manager', '/api/v1/measures/disposals/children?from=2021-04-01&to=2022-03-31&by=type&group=fine'],
  ]) {
    const r = await clients[who].get(path);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
  }
});

test('filter values that name nothing are a 400 naming the parameter', async () => {
  const teamId = (await clients.admin.get('/api/v1/teams')).body.items.find((t) => t.name === 'YJ North').id;
  const Y = 'from=2021-04-01&to=2022-03-31';
  const FTE = '/api/v1/measures/first-time-entrants';
  for (const [who, path, field] of [
    ['manager', `${FTE}/children?${Y}&by=ethnicity&group=purple`, 'group'],
    ['manager', `${FTE}/children?${Y}&by=sex&group=white`, 'group'],
    ['manager', `${FTE}/children?${Y}&by=age&group=12`, 'group'],
    ['manager', `${FTE}/children?${Y}&by=team&group=999999`, 'group'],
    ['manager', `${FTE}/children?${Y}&by=team&group=YJ%20North`, 'group'],
    ['manager', `${FTE}?${Y}&by=`, 'by'],
    ['manager', `${FTE}?${Y}&interval=`, 'interval'],
    ['manager', `${FTE}?${Y}&as_of=`, 'as_of'],
    ['manager', '/api/v1/measures/disposals/children?from=2021-04-01&to=2022-03-31&by=type&group=remand_local_authority', 'group'],
    ['manager', '/api/v1/board-pack?quarter=', 'quarter'],
    ['officer', '/api/v1/people?q=smith&date_of_birth=2021-13-45', 'date_of_birth'],
    ['officer', '/api/v1/people?date_of_birth=yesterday', 'date_of_birth'],
    ['officer', '/api/v1/people?identifier=', 'identifier'],
  ]) {
    const r = await clients[who].get(path);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.equal(r.body.error.field, field, path);
  }
  // An id filter naming nothing, on every list that takes one.
  const routes = JSON.parse(spire(['routes']));
  let checked = 0;
  for (const route of routes.filter((x) => x.method === 'GET' && !x.public)) {
    const c = clientFor(route);
    if (!c) continue;
    for (const name of route.query.filter((q) => q.endsWith('_id'))) {
      const r = await c.get(`${withId(route.pattern)}?${name}=999999`);
      assert.equal(r.status, 400, `${route.pattern}?${name}=999999: ${r.text}`);
      assert.equal(r.body.error.field, name, `${route.pattern}?${name}=999999: ${r.text}`);
      // Said for practitioners: no field names, no ids.
      assert.match(r.body.error.message, /^(Select|There is no such|Choose) /, r.text);
      assert.doesNotMatch(r.body.error.message, /_|999999/, r.text);
      checked++;
    }
  }
  assert.ok(checked >= 15, `${checked} requests`);
  // The ids that exist are accepted.
  const serviceId = (await clients.admin.get('/api/v1/services')).body.items.find((x) => x.code === 'youth_justice').id;
  assert.equal((await clients.admin.get(`/api/v1/users?team_id=${teamId}`)).status, 200);
  assert.equal((await clients.admin.get(`/api/v1/teams?service_id=${serviceId}`)).status, 200);
  // The groups that exist are accepted, a team by its id.
  for (const group of ['white', 'not_recorded']) {
    assert.equal((await clients.manager.get(`${FTE}/children?${Y}&by=ethnicity&group=${group}`)).status, 200);
  }
  assert.equal((await clients.manager.get(`${FTE}/children?${Y}&by=team&group=${teamId}`)).status, 200);
  assert.equal((await clients.manager.get(`${FTE}/children?${Y}&by=age&group=15-17`)).status, 200);
});
