// HTTP hardening: security headers, ambiguous framing, keep-alive, body
// caps, content types, JSON errors, 404/405, and the static file server
// (MIME types, ETags, traversal, directories). Raw sockets where fetch
// would normalise or refuse what an attacker can send.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, child } from './lib.mjs';

let srv, officer, web, outside;

before(async () => {
  outside = mkdtempSync(join(tmpdir(), 'spire-web-'));
  web = join(outside, 'root');
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Spire</title>');
  writeFileSync(join(web, 'app.js'), 'export const x = 1;\n');
  writeFileSync(join(web, 'mod.mjs'), 'export default 2;\n');
  writeFileSync(join(web, 'site.css'), 'body { color: black; }\n');
  writeFileSync(join(web, 'data.json'), '{"a":1}');
  writeFileSync(join(web, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(web, 'notes.txt'), 'plain');
  writeFileSync(join(web, 'noext'), 'no extension');
  writeFileSync(join(web, 'page.php'), '<?php ?>');
  writeFileSync(join(web, 'config.ini'), 'password=hunter2');
  writeFileSync(join(web, '.hidden.txt'), 'hidden');
  mkdirSync(join(web, 'sub'));
  writeFileSync(join(web, 'sub', 'deep.html'), '<p>deep</p>');
  mkdirSync(join(web, 'dir.html'));
  mkdirSync(join(web, 'vendor', 'govuk', 'assets', 'fonts'), { recursive: true });
  writeFileSync(join(web, 'vendor', 'govuk', 'assets', 'fonts', 'light.woff2'), 'wOF2');
  writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET');
  symlinkSync(join(outside, 'secret.txt'), join(web, 'link.txt'));
  srv = await Server.start({ args: ['--web', web] });
  officer = await srv.login('officer');
});

after(async () => {
  await srv.stop();
  rmSync(outside, { recursive: true, force: true });
});

// Send raw bytes; collect everything until the server closes the socket or
// `quietMs` passes without data. Returns {text, closed}.
function raw(data, { quietMs = 400 } = {}) {
  return new Promise((ok, fail) => {
    const sock = net.connect(srv.port, '127.0.0.1');
    let text = '';
    let timer;
    const finish = (closed) => { clearTimeout(timer); sock.destroy(); ok({ text, closed }); };
    const arm = () => { clearTimeout(timer); timer = setTimeout(() => finish(false), quietMs); };
    sock.on('connect', () => { sock.write(data); arm(); });
    sock.on('data', (d) => { text += d.toString('latin1'); arm(); });
    sock.on('end', () => finish(true));
    sock.on('error', (err) => (text ? finish(true) : fail(err)));
  });
}

// Status lines in a raw response stream.
function statuses(text) {
  return [...text.matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
}

function headerOf(text, name) {
  const m = text.match(new RegExp(`^${name}: *(.*)\r$`, 'mi'));
  return m ? m[1] : null;
}

function assertSecurityHeaders(h, label) {
  const get = (n) => (typeof h.get === 'function' ? h.get(n) : h[n.toLowerCase()]);
  const csp = get('content-security-policy');
  assert.ok(csp, `${label}: CSP missing`);
  assert.match(csp, /default-src 'self'/, label);
  assert.match(csp, /script-src 'self'(;|$)/, `${label}: script-src must not allow inline`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, label);
  assert.match(csp, /frame-ancestors 'none'/, label);
  assert.equal(get('x-content-type-options'), 'nosniff', label);
  assert.ok(get('referrer-policy'), `${label}: Referrer-Policy missing`);
}

test('security headers on API, error, static and 404 responses; no-store on /api', async () => {
  const cases = [
    ['api ok', await officer.get('/api/v1/session')],
    ['api 401', await srv.anon.get('/api/v1/people')],
    ['api 404', await srv.anon.get('/api/v1/nothing-here')],
    ['api 405', await srv.anon.put('/api/v1/session', {})],
    ['static', await srv.anon.get('/index.html')],
    ['static 404', await srv.anon.get('/missing.html')],
  ];
  for (const [label, r] of cases) {
    assertSecurityHeaders(r.headers, label);
    if (label.startsWith('api')) assert.equal(r.headers.get('cache-control'), 'no-store', label);
  }
  const person = await officer.post('/api/v1/people', child());
  assert.equal(person.status, 201);
  assertSecurityHeaders(person.headers, 'create');
  assert.equal(person.headers.get('cache-control'), 'no-store');
});

test('two Content-Length headers: 400, connection closed, smuggled request not answered', async () => {
  const smuggled = 'GET /api/v1/session HTTP/1.1\r\nHost: x\r\n\r\n';
  const r = await raw(
    'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: 2\r\nContent-Length: ${2 + smuggled.length}\r\n\r\n{}` + smuggled,
  );
  assert.deepEqual(statuses(r.text), [400], r.text);
  assert.equal(r.closed, true, 'the server must close the connection');
  assertSecurityHeaders(
    Object.fromEntries(['content-security-policy', 'x-content-type-options', 'referrer-policy']
      .map((n) => [n, headerOf(r.text, n)])), 'framing 400');
  const body = JSON.parse(r.text.slice(r.text.indexOf('\r\n\r\n') + 4));
  assert.equal(body.error.code, 'bad_request');
});

test('Content-Length with Transfer-Encoding: 400 and close', async () => {
  const r = await raw(
    'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n' +
      'GET /api/v1/session HTTP/1.1\r\nHost: x\r\n\r\n',
  );
  assert.deepEqual(statuses(r.text), [400], r.text);
  assert.equal(r.closed, true);
});

test('keep-alive: two requests answered on one connection', async () => {
  const req = 'GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n';
  const r = await raw(req + req + 'GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.deepEqual(statuses(r.text), [404, 404, 200], r.text);
  assert.equal(r.closed, false, 'the connection stays open');
  assert.doesNotMatch(r.text, /Connection: close/i);
});

test('a body over the 1 MiB cap is refused with 413 (declared and chunked)', async () => {
  const declared = await raw(
    'POST /api/v1/people HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Authorization: Bearer ${officer.token}\r\nContent-Length: ${1024 * 1024 + 1}\r\n\r\n{`,
  );
  assert.deepEqual(statuses(declared.text), [413], declared.text);
  assert.equal(declared.closed, true);

  const chunk = 'x'.repeat(64 * 1024);
  let body = '';
  for (let i = 0; i < 17; i++) body += chunk.length.toString(16) + '\r\n' + chunk + '\r\n';
  const chunked = await raw(
    'POST /api/v1/people HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Authorization: Bearer ${officer.token}\r\nTransfer-Encoding: chunked\r\n\r\n${body}0\r\n\r\n`,
    { quietMs: 1500 },
  );
  assert.deepEqual(statuses(chunked.text), [413], chunked.text.slice(0, 300));

  // Exactly at the cap is not refused for size (it is simply bad JSON).
  const atCap = await officer.post('/api/v1/people', ' '.repeat(1024 * 1024 - 2) + '{}');
  assert.notEqual(atCap.status, 413);
});

test('wrong Content-Type on a JSON route is 415; malformed JSON 400; both store nothing', async () => {
  const before = await officer.get('/api/v1/people?q=Mediatype');
  assert.equal(before.body.items.length, 0);
  const body = JSON.stringify(child({ given_name: 'Mediatype' }));
  let r = await officer.post('/api/v1/people', body, { 'Content-Type': 'text/plain' });
  assert.equal(r.status, 415, r.text);
  assert.equal(r.body.error.code, 'unsupported_media_type');
  r = await officer.post('/api/v1/people', body, { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 415);
  r = await officer.post('/api/v1/people', body, { 'Content-Type': 'application/jsonx' });
  assert.equal(r.status, 415);
  r = await officer.post('/api/v1/people', '{"given_name": "Mediatype",', {});
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'validation');
  r = await officer.post('/api/v1/people', '[1,2]');
  assert.equal(r.status, 400);
  r = await officer.post('/api/v1/people', '{"given_name":"A","given_name":"B"}');
  assert.equal(r.status, 400, 'duplicate keys are ambiguous');
  const after = await officer.get('/api/v1/people?q=Mediatype');
  assert.equal(after.body.items.length, 0);
});

test('unknown API path is 404 JSON; wrong method is 405 with Allow', async () => {
  let r = await srv.anon.get('/api/v1/nope');
  assert.equal(r.status, 404);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.deepEqual(Object.keys(r.body.error).sort(), ['code', 'field', 'message']);
  assert.equal(r.body.error.code, 'not_found');
  r = await officer.get('/api/v1/people/0');
  assert.equal(r.status, 404, 'id 0 matches no route');
  r = await officer.get('/api/v1/people/abc');
  assert.equal(r.status, 404);

  r = await officer.delete('/api/v1/people');
  assert.equal(r.status, 405);
  assert.equal(r.body.error.code, 'method_not_allowed');
  assert.deepEqual(r.headers.get('allow').split(/, */).sort(), ['GET', 'POST']);
  r = await srv.anon.put('/api/v1/session', {});
  assert.equal(r.status, 405);
  assert.deepEqual(r.headers.get('allow').split(/, */).sort(), ['DELETE', 'GET', 'POST']);
  r = await srv.anon.request('POST', '/index.html', '{}');
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow'), /GET/);
});

test('static files: MIME types, ETag, 304 on If-None-Match', async () => {
  const want = {
    '/': 'text/html; charset=utf-8',
    '/index.html': 'text/html; charset=utf-8',
    '/app.js': 'text/javascript; charset=utf-8',
    '/mod.mjs': 'text/javascript; charset=utf-8',
    '/site.css': 'text/css; charset=utf-8',
    '/data.json': 'application/json; charset=utf-8',
    '/icon.svg': 'image/svg+xml',
    '/notes.txt': 'text/plain; charset=utf-8',
    '/sub/deep.html': 'text/html; charset=utf-8',
  };
  for (const [path, type] of Object.entries(want)) {
    const r = await srv.anon.get(path);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers.get('content-type'), type, path);
    assertSecurityHeaders(r.headers, path);
  }
  const first = await srv.anon.get('/app.js');
  assert.equal(first.text, 'export const x = 1;\n');
  const etag = first.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
  const again = await srv.anon.get('/app.js', { 'If-None-Match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.text, '');
  const stale = await srv.anon.get('/app.js', { 'If-None-Match': '"0-0"' });
  assert.equal(stale.status, 200);
  assert.equal(stale.text, 'export const x = 1;\n');
  const other = await srv.anon.get('/site.css');
  assert.notEqual(other.headers.get('etag'), etag);
});

test('GOV.UK Frontend\'s /assets/ (its stylesheet\'s fonts) are served from vendor/govuk/assets', async () => {
  const font = await srv.anon.get('/assets/fonts/light.woff2');
  assert.equal(font.status, 200);
  assert.equal(font.headers.get('content-type'), 'font/woff2');
  assert.equal(font.text, 'wOF2');
  assert.equal((await srv.anon.get('/assets/fonts/none.woff2')).status, 404);
});

test('static files: traversal, encoded traversal, directories, hidden, unknown types and symlinks are 404', async () => {
  const paths = [
    '/../secret.txt', '/sub/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt',
    '/sub/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/sub/', '/sub', '/dir.html',
    '/.hidden.txt', '/noext', '/page.php', '/link.txt', '//etc/passwd', '/sub//deep.html',
    '/config.ini%00.txt', '/config.ini', '/missing.js',
  ];
  for (const p of paths) {
    const r = await raw(`GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    const st = statuses(r.text);
    assert.equal(st.length, 1, `${p}: ${r.text.slice(0, 200)}`);
    assert.ok(st[0] === 404 || st[0] === 400, `${p}: got ${st[0]}`);
    assert.doesNotMatch(r.text, /TOP SECRET|hidden|no extension|<\?php|hunter2|Index of/, p);
  }
});
