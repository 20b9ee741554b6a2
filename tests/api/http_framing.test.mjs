// The request-head guard (src/http/head_guard.c): header lines that
// libmicrohttpd would read differently from a proxy in front (whitespace
// before the colon, folding, NUL, bare LF or CR, spaces in names, a second
// Host), unknown Transfer-Encodings and too many query parameters or header
// fields are answered at once as JSON with the security headers, and the
// connection is closed, so nothing after the head can run as a second
// request. Raw sockets: fetch would refuse to send any of this.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { Server } from './lib.mjs';

let srv, officer;

before(async () => {
  srv = await Server.start();
  officer = await srv.login('officer');
});

after(async () => {
  await srv.stop();
});

// Send raw bytes; collect everything until the server closes or `quietMs`
// passes without data. Returns {text, closed, ms}.
function raw(data, { quietMs = 1500 } = {}) {
  return new Promise((ok, fail) => {
    const t0 = Date.now();
    const sock = net.connect(srv.port, '127.0.0.1');
    const chunks = [];
    let timer;
    const finish = (closed) => {
      clearTimeout(timer);
      sock.destroy();
      ok({ text: Buffer.concat(chunks).toString('latin1'), closed, ms: Date.now() - t0 });
    };
    const arm = () => { clearTimeout(timer); timer = setTimeout(() => finish(false), quietMs); };
    sock.on('connect', () => { sock.write(Buffer.from(data, 'latin1')); arm(); });
    sock.on('data', (d) => { chunks.push(d); arm(); });
    sock.on('end', () => finish(true));
    sock.on('error', (err) => (chunks.length ? finish(true) : fail(err)));
  });
}

function statuses(text) {
  return [...text.matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
}

// The one answer in text: its headers (lower-case names) and JSON body.
function answer(text) {
  const split = text.indexOf('\r\n\r\n');
  assert.ok(split > 0, `no complete answer in ${JSON.stringify(text.slice(0, 300))}`);
  const headers = {};
  for (const line of text.slice(0, split).split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body: JSON.parse(text.slice(split + 4)) };
}

// A refusal: exactly one answer with this status, JSON with the security
// headers, and the connection closed at once.
function assertRefused(r, status, code, label) {
  assert.deepEqual(statuses(r.text), [status], `${label}: ${r.text.slice(0, 400)}`);
  assert.equal(r.closed, true, `${label}: the server must close the connection`);
  assert.ok(r.ms < 1000, `${label}: answered after ${r.ms} ms`);
  const { headers, body } = answer(r.text);
  assert.match(headers['content-type'], /^application\/json/, label);
  assert.match(headers['content-security-policy'], /default-src 'self'/, label);
  assert.equal(headers['x-content-type-options'], 'nosniff', label);
  assert.equal(headers['cache-control'], 'no-store', label);
  assert.equal(headers.connection, 'close', label);
  // Every answer carries a Date (RFC 9110 6.6.1), the front's own too.
  assert.match(headers.date || '', /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/, label);
  assert.equal(body.error.code, code, label);
  assert.equal(typeof body.error.message, 'string', label);
  assert.deepEqual(body.errors, [body.error], `${label}: "errors" as in every error reply`);
}

const SMUGGLED = 'GET /api/v1/session HTTP/1.1\r\nHost: x\r\n\r\n';
const AUTH = () => `Authorization: Bearer ${officer.token}\r\n`;

test('malformed header lines: 400 JSON and close; the rest never runs as a request', async () => {
  const n = SMUGGLED.length;
  const cases = {
    'space before the colon': `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length : ${n}\r\n\r\n${SMUGGLED}`,
    'tab before the colon': `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length\t: ${n}\r\n\r\n${SMUGGLED}`,
    'folded Transfer-Encoding': `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: x\r\n chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`,
    'folded value': `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n\ttwo\r\n\r\n${SMUGGLED}`,
    'NUL in a value': `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Note: a\0b\r\n\r\n${SMUGGLED}`,
    'bare LF ending one line': `GET /api/v1/session HTTP/1.1\r\nHost: x\nX-Note: b\r\n\r\n${SMUGGLED}`,
    'bare LF throughout': `GET /api/v1/session HTTP/1.1\nHost: x\nX-Note: b\n\n${SMUGGLED}`,
    'bare LF after the request line': `GET /api/v1/session HTTP/1.1\nHost: x\r\n\r\n${SMUGGLED}`,
    'bare CR inside a line': `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Note: a\rContent-Length: ${n}\r\n\r\n${SMUGGLED}`,
    'space inside a name': `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nContent Length: ${n}\r\n\r\n${SMUGGLED}`,
    'empty name': `GET /api/v1/session HTTP/1.1\r\nHost: x\r\n: ${n}\r\n\r\n${SMUGGLED}`,
    'second Host': `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n${SMUGGLED}`,
    'control character in a value': `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Note: a\x01b\r\n\r\n${SMUGGLED}`,
    'DEL in a value': `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Note: a\x7fb\r\n\r\n${SMUGGLED}`,
  };
  for (const [label, head] of Object.entries(cases)) {
    assertRefused(await raw(head), 400, 'bad_request', label);
  }
});

test('a request line libmicrohttpd would answer itself in HTML is answered as JSON: no Host, blanks or controls in the target', async () => {
  const cases = {
    'HTTP/1.1 without Host': `GET /api/v1/session HTTP/1.1\r\nX-Note: a\r\n\r\n${SMUGGLED}`,
    'blank inside the target': `GET /api/v1/session x HTTP/1.1\r\nHost: x\r\n\r\n${SMUGGLED}`,
    'tab inside the target': `GET /api/v1/\tsession HTTP/1.1\r\nHost: x\r\n\r\n${SMUGGLED}`,
    'control inside the target': `GET /api/v1/\x01session HTTP/1.1\r\nHost: x\r\n\r\n${SMUGGLED}`,
    // %00 would end the decoded path: /api/v1/session%00x routed as /api/v1/session.
    'an encoded NUL in the path': `GET /api/v1/session%00x HTTP/1.1\r\nHost: x\r\n${AUTH()}\r\n${SMUGGLED}`,
  };
  for (const [label, head] of Object.entries(cases)) {
    assertRefused(await raw(head), 400, 'bad_request', label);
  }
  // HTTP/1.0 needs no Host.
  const r = await raw(`GET /api/v1/session HTTP/1.0\r\n${AUTH()}\r\n`);
  assert.deepEqual(statuses(r.text), [200], r.text.slice(0, 300));
});

test('well-formed heads still pass: blanks after the colon, empty values, cookies, HTTP/1.0, keep-alive', async () => {
  const r = await raw(
    `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nAccept:   */*\r\nX-Empty:\r\nX-Tab:\tv\r\n` +
      `Cookie: a=b; c=d\r\nX-Latin: caf\xe9\r\n${AUTH()}\r\n` +
      `GET /api/v1/session HTTP/1.0\r\n${AUTH()}\r\n`,
    { quietMs: 600 },
  );
  assert.deepEqual(statuses(r.text), [200, 200], r.text.slice(0, 400));
  const chunked = await raw(
    `POST /api/v1/people HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${AUTH()}` +
      'Transfer-Encoding: Chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
    { quietMs: 600 },
  );
  assert.deepEqual(statuses(chunked.text), [400], 'a chunked body is read (and validated)');
  assert.match(chunked.text, /"code":"validation"/);
});

test('unknown or obfuscated Transfer-Encoding: 501 and close at once, no wait for a body', async () => {
  for (const te of ['chunked ', ' chunked,', 'identity, chunked', 'chunked, identity', 'xchunked', 'gzip', 'identity', 'chunked;q=1']) {
    const r = await raw(
      `POST /api/v1/people HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${AUTH()}` +
        `Transfer-Encoding: ${te}\r\n\r\n2\r\n{}\r\n0\r\n\r\n${SMUGGLED}`,
    );
    assertRefused(r, 501, 'not_implemented', `Transfer-Encoding: ${JSON.stringify(te)}`);
  }
  // No body at all after the head: still answered at once.
  const r = await raw('POST /api/v1/people HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n');
  assertRefused(r, 501, 'not_implemented', 'bodiless');
});

test('too many query parameters: 431 and close at once; up to the limit is served', async () => {
  const query = (n) => Array.from({ length: n }, (_, i) => `a${i}=${i}`).join('&');
  // The largest count served: found by growing it, so the test does not
  // assume the limit; it must be at least 50 and the answer must be quick.
  // Served means it reached the router, which refuses parameters the
  // route does not take: 400 naming the first, not the guard's 431.
  const ok = await raw(`GET /api/v1/session?${query(50)} HTTP/1.1\r\nHost: x\r\n${AUTH()}Connection: close\r\n\r\n`);
  assert.deepEqual(statuses(ok.text), [400], ok.text.slice(0, 300));
  assert.match(ok.text, /"field":"a0"/);
  for (const n of [300, 1000]) {
    const r = await raw(`GET /api/v1/session?${query(n)} HTTP/1.1\r\nHost: x\r\n${AUTH()}\r\n${SMUGGLED}`);
    assertRefused(r, 431, 'header_too_large', `${n} parameters`);
  }
  // The boundary: n served, n + 1 refused, for one n between 50 and 300.
  let served = 50;
  while (served < 300) {
    const r = await raw(`GET /api/v1/session?${query(served + 1)} HTTP/1.1\r\nHost: x\r\n${AUTH()}Connection: close\r\n\r\n`);
    if (statuses(r.text)[0] === 431) break;
    served += 1;
  }
  assert.ok(served < 300, 'a limit applies below 300 parameters');
  const at = await raw(`GET /api/v1/session?${query(served + 1)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  assertRefused(at, 431, 'header_too_large', 'one past the limit');
});

test('too many header fields: 431 JSON and close', async () => {
  const many = Array.from({ length: 150 }, (_, i) => `X-F${i}: v\r\n`).join('');
  const r = await raw(`GET /api/v1/session HTTP/1.1\r\nHost: x\r\n${many}\r\n${SMUGGLED}`);
  assertRefused(r, 431, 'header_too_large', '150 fields');
});

// The [server] value of name in deploy/spire.ini, the documented default.
function iniValue(name) {
  const m = readFileSync('deploy/spire.ini', 'utf8').match(new RegExp(`^${name} *= *(\\d+)`, 'm'));
  assert.ok(m, `${name} in deploy/spire.ini`);
  return Number(m[1]);
}

function connect(localAddress) {
  return new Promise((ok, fail) => {
    const sock = net.connect({ port: srv.port, host: '127.0.0.1', localAddress });
    sock.ended = false;
    sock.on('end', () => { sock.ended = true; });
    sock.on('close', () => { sock.ended = true; });
    sock.on('error', () => { sock.ended = true; });
    sock.once('connect', () => ok(sock));
    sock.once('error', fail);
  });
}

test('one address cannot take every connection slot: a per-address limit applies by default', async () => {
  const limit = iniValue('per_ip_connection_limit');
  assert.ok(limit > 0 && limit < iniValue('connection_limit'), 'on by default, below the total');
  const held = [];
  try {
    // Open connections from one address (one no other test uses) past the
    // limit.
    for (let i = 0; i < limit + 5; i++) held.push(await connect('127.0.0.3'));
    await new Promise((ok) => setTimeout(ok, 500));
    const open = held.filter((s) => !s.ended).length;
    assert.equal(open, limit, `${open} of ${held.length} connections from one address stay open`);
    // Another address is still served while the first is at its limit.
    const other = await connect('127.0.0.2');
    held.push(other);
    const reply = await new Promise((ok) => {
      let text = '';
      other.on('data', (d) => { text += d; if (text.includes('\r\n\r\n')) ok(text); });
      other.write('GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n');
      setTimeout(() => ok(text), 3000);
    });
    assert.match(reply, /^HTTP\/1\.1 404 /, 'a second address gets an answer');
  } finally {
    for (const s of held) s.destroy();
  }
});

// What libmicrohttpd 0.9.75 used to refuse itself, in HTML with its header
// block sent twice and without the security headers, before any Spire code
// ran; the framing front (src/http/front.c) now reads every head first and
// answers these as JSON. Each case is sent on a fresh connection, as the
// second request of a keep-alive connection, and pipelined behind a good
// request: the good request's answer comes first, then the JSON error, then
// the connection closes, and nothing after the bad request runs.
const GOOD = () => `GET /api/v1/session HTTP/1.1\r\nHost: x\r\n${AUTH()}\r\n`;

// Open a connection, send first, wait for its answer, then send second;
// collect until close or quiet.
function keepAlive(first, second, { quietMs = 1500 } = {}) {
  return new Promise((ok, fail) => {
    const sock = net.connect(srv.port, '127.0.0.1');
    const chunks = [];
    let timer, t0, sent = false;
    const finish = (closed) => {
      clearTimeout(timer);
      sock.destroy();
      ok({ text: Buffer.concat(chunks).toString('latin1'), closed, ms: Date.now() - t0 });
    };
    const arm = () => { clearTimeout(timer); timer = setTimeout(() => finish(false), quietMs); };
    sock.on('connect', () => { t0 = Date.now(); sock.write(Buffer.from(first, 'latin1')); arm(); });
    sock.on('data', (d) => {
      chunks.push(d);
      const text = Buffer.concat(chunks).toString('latin1');
      if (!sent && /\r\n\r\n\{.*\}$/s.test(text)) {
        sent = true;
        t0 = Date.now();
        sock.write(Buffer.from(second, 'latin1'));
      }
      arm();
    });
    sock.on('end', () => finish(true));
    sock.on('error', (err) => (chunks.length ? finish(true) : fail(err)));
  });
}

// The last answer in text, from its status line.
function lastAnswer(text) {
  const at = text.lastIndexOf('HTTP/1.1 ');
  assert.ok(at >= 0, 'an answer');
  return text.slice(at);
}

// Refused as JSON (as assertRefused) after the answers in `before`.
function assertRefusedAfter(r, before, status, code, label) {
  assert.deepEqual(statuses(r.text), [...before, status], `${label}: ${r.text.slice(0, 600)}`);
  assert.equal(r.closed, true, `${label}: the server must close the connection`);
  assert.ok(r.ms < 1000, `${label}: answered after ${r.ms} ms`);
  assert.doesNotMatch(r.text, /<html/i, `${label}: no HTML answer`);
  const last = lastAnswer(r.text);
  const { headers, body } = answer(last);
  assert.equal(Number(headers['content-length']), Buffer.byteLength(last.slice(last.indexOf('\r\n\r\n') + 4), 'latin1'), label);
  assert.match(headers['content-type'], /^application\/json/, label);
  assert.match(headers['content-security-policy'], /default-src 'self'/, label);
  assert.equal(headers['x-content-type-options'], 'nosniff', label);
  assert.equal(headers['x-frame-options'], 'DENY', label);
  assert.equal(headers['cache-control'], 'no-store', label);
  assert.equal(headers.connection, 'close', label);
  assert.equal(body.error.code, code, label);
  assert.equal(body.error.field, null, label);
  assert.match(body.error.message, /^[A-Za-z]/, label);
  assert.deepEqual(body.errors, [body.error], `${label}: "errors" as in every error reply`);
  // One header block per answer: MHD's own refusals sent theirs twice.
  assert.equal(last.split('\r\n\r\n')[0].match(/^content-type:/gim).length, 1, `${label}: one header block`);
}

const CHUNKED = (chunks) =>
  `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}`;
const FRAMING_CASES = {
  'Content-Length with a sign': [400, 'bad_request', `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: +2\r\n\r\n{}`],
  'Content-Length list': [400, 'bad_request', `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\n{}`],
  'Content-Length in hex': [400, 'bad_request', `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 0x2\r\n\r\n{}`],
  'negative Content-Length': [400, 'bad_request', `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}`],
  'Content-Length with too many digits': [400, 'bad_request', `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 12345678901234567890123\r\n\r\n{}`],
  'Content-Length with a trailing blank': [400, 'bad_request', `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2 \r\n\r\n{}`],
  'line without a colon': [400, 'bad_request', `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-A\r\n\r\n`],
  'NUL in a name': [400, 'bad_request', `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-\0A: b\r\n\r\n`],
  'NUL just before the end of the head': [400, 'bad_request', `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-A: b\0\r\n\r\n`],
  // Nothing may follow: bytes after it used to give it away.
  'head ended by a bare LF, nothing after': [400, 'bad_request', `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-A: b\n\n`, ''],
  'unknown method': [501, 'not_implemented', `BREW /api/v1/session HTTP/1.1\r\nHost: x\r\n\r\n`],
  'HTTP/2.0': [505, 'http_version_not_supported', `GET /api/v1/session HTTP/2.0\r\nHost: x\r\n\r\n`],
  'HTTP/1.2': [505, 'http_version_not_supported', `GET /api/v1/session HTTP/1.2\r\nHost: x\r\n\r\n`],
  'malformed chunk size': [400, 'bad_request', CHUNKED('zz\r\n{}\r\n0\r\n\r\n')],
  'blank after a chunk size': [400, 'bad_request', CHUNKED('2 \r\n{}\r\n0\r\n\r\n')],
  'bare CR in a chunk extension': [400, 'bad_request', CHUNKED('2;a\rb\r\n{}\r\n0\r\n\r\n')],
  'chunk data not ended by CR LF': [400, 'bad_request', CHUNKED('2\r\n{}XX0\r\n\r\n')],
  'target longer than a head may be': [414, 'uri_too_long', `GET /api/v1/session?a=${'x'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`],
  'head longer than it may be': [431, 'header_too_large', `GET /api/v1/session HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 90 }, (_, i) => `X-F${i}: ${'v'.repeat(200)}\r\n`).join('')}\r\n`],
  'too many cookies': [431, 'header_too_large', `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nCookie: ${Array.from({ length: 500 }, (_, i) => `c${i}=1`).join('; ')}\r\n\r\n`],
};

test('framing libmicrohttpd refused itself in HTML is answered as JSON, on a fresh connection', async () => {
  for (const [label, [status, code, bad, after = SMUGGLED]] of Object.entries(FRAMING_CASES)) {
    assertRefusedAfter(await raw(bad + after), [], status, code, label);
  }
});

test('... as the second request of a keep-alive connection', async () => {
  for (const [label, [status, code, bad, after = SMUGGLED]] of Object.entries(FRAMING_CASES)) {
    assertRefusedAfter(await keepAlive(GOOD(), bad + after), [200], status, code, `${label} (keep-alive)`);
  }
});

test('... pipelined behind a good request: its answer first, then the JSON error, then close', async () => {
  for (const [label, [status, code, bad, after = SMUGGLED]] of Object.entries(FRAMING_CASES)) {
    const r = await raw(GOOD() + GOOD() + bad + after);
    assertRefusedAfter(r, [200, 200], status, code, `${label} (pipelined)`);
    // The good answers are whole: two session bodies before the error.
    assert.equal(r.text.match(/"username":"officer"/g)?.length, 2, `${label}: both good answers whole`);
  }
});

test('the largest head the front passes is served by libmicrohttpd, not refused by it in HTML', async () => {
  // 100 query arguments, 100 fields (with Host and Authorization), 100
  // cookies, padded to exactly 16 KiB: every limit at once. The padding is
  // a cookie's value, as libmicrohttpd copies the Cookie field in its pool.
  const args = Array.from({ length: 100 }, (_, i) => `a${i}=${i}`).join('&');
  const fields = Array.from({ length: 97 }, (_, i) => `X-F${i}: v\r\n`).join('');
  const base = `GET /api/v1/session?${args} HTTP/1.1\r\nHost: x\r\n${AUTH()}${fields}`;
  const cookies = Array.from({ length: 99 }, (_, i) => `c${i}=1`).join('; ');
  const pad = 16 * 1024 - Buffer.byteLength(`${base}Cookie: ${cookies}; p=\r\n\r\n`);
  const head = `${base}Cookie: ${cookies}; p=${'p'.repeat(pad)}\r\n\r\n`;
  assert.equal(Buffer.byteLength(head), 16 * 1024);
  const r = await raw(head, { quietMs: 800 });
  // The router refuses arguments the route does not take: its JSON 400.
  assert.deepEqual(statuses(r.text), [400], r.text.slice(0, 400));
  assert.match(r.text, /"field":"a0"/);
  // One byte more is the front's 431.
  const over = await raw(head.replace('; p=', '; p=p') + SMUGGLED);
  assertRefusedAfter(over, [], 431, 'header_too_large', '16 KiB + 1');
});

test('a HEAD answer (no body) and a 100 Continue before the refusal are counted right', async () => {
  const head = `HEAD /api/v1/session HTTP/1.1\r\nHost: x\r\n${AUTH()}\r\n`;
  const bad = FRAMING_CASES['line without a colon'][2];
  const r = await raw(head + bad + SMUGGLED);
  assertRefusedAfter(r, [200], 400, 'bad_request', 'after HEAD');
  const cont = `POST /api/v1/nothing HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`;
  const r2 = await raw(cont + bad + SMUGGLED);
  const st = statuses(r2.text).filter((s) => s !== 100);
  assert.deepEqual(st.slice(-1), [400], r2.text.slice(0, 600));
  assert.equal(st.length, 2, r2.text.slice(0, 600));
});

test('a body sent in pieces and keep-alive heads split across writes still pass', async () => {
  const sock = net.connect(srv.port, '127.0.0.1');
  await new Promise((ok) => sock.once('connect', ok));
  let text = '';
  sock.on('data', (d) => { text += d.toString('latin1'); });
  const req = GOOD();
  for (let i = 0; i < req.length; i += 7) {
    sock.write(req.slice(i, i + 7));
    await new Promise((ok) => setTimeout(ok, 2));
  }
  const body = '2\r\n{}\r\n0\r\n\r\n';
  const post = `POST /api/v1/people HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${AUTH()}Transfer-Encoding: chunked\r\n\r\n`;
  sock.write(post);
  for (const ch of body) {
    sock.write(ch);
    await new Promise((ok) => setTimeout(ok, 2));
  }
  await new Promise((ok) => setTimeout(ok, 500));
  sock.destroy();
  assert.deepEqual(statuses(text), [200, 400], text.slice(0, 400));
  assert.match(text, /"code":"validation"/);
});

test('empty lines before a request line are skipped, as RFC 9112 asks; a bare LF is not', async () => {
  const r = await raw(`\r\n${GOOD()}\r\n\r\n${GOOD()}`, { quietMs: 500 });
  assert.deepEqual(statuses(r.text), [200, 200], r.text.slice(0, 300));
  assertRefusedAfter(await raw(`${GOOD()}\n${GOOD()}`), [200], 400, 'bad_request', 'bare LF before a request line');
});

test('relaying through the front does not fill the log: no TCP option warnings per answer', async () => {
  for (let i = 0; i < 5; i++) {
    const r = await raw(GOOD() + GOOD(), { quietMs: 300 });
    assert.deepEqual(statuses(r.text), [200, 200]);
  }
  assert.doesNotMatch(srv.stderr, /TCP_NODELAY|TCP_CORK|Failed to push/);
});

test('more pipelined requests than the front lets wait, then a half-close: every one is answered', async () => {
  // Many times the 32 the front lets wait, as one write and its end.
  const n = 300;
  const text = await new Promise((ok, fail) => {
    const sock = net.connect(srv.port, '127.0.0.1');
    const chunks = [];
    sock.on('connect', () => {
      sock.cork();
      sock.write(Buffer.from('GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(n), 'latin1'));
      sock.end();
      sock.uncork();
    });
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', () => ok(Buffer.concat(chunks).toString('latin1')));
    sock.on('error', fail);
    setTimeout(() => ok(Buffer.concat(chunks).toString('latin1')), 5000);
  });
  assert.deepEqual(statuses(text), Array(n).fill(404));
});
