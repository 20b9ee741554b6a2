// PostgreSQL's client library is loaded only when a PostgreSQL database is
// opened (src/store/pg/libpq_load.h): a server on SQLite never maps libpq
// or the libraries it brings (Kerberos, LDAP, SASL), which the dynamic
// loader otherwise relocated at every start (bench/README.md, "Issue 11:
// libpq loaded only for PostgreSQL"). On PostgreSQL the same server maps it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Server, PG } from './lib.mjs';

let srv;
after(async () => { if (srv) await srv.stop(); });

const mapped = (pid) => readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')
  .map((l) => l.split(/\s+/)[5]).filter(Boolean).map((p) => p.replace(/.*\//, ''));

test(PG ? 'a server on PostgreSQL loads libpq and answers' : 'a server on SQLite never loads libpq', async () => {
  srv = await Server.start();
  const officer = await srv.login('officer');
  assert.equal((await officer.get('/api/v1/people?q=a')).status, 200);
  const libs = mapped(srv.proc.pid);
  const pq = libs.filter((l) => /^libpq\.so/.test(l));
  const kerberos = libs.filter((l) => /^(libkrb5|libgssapi_krb5|libldap|libsasl2)\./.test(l));
  if (PG) {
    assert.ok(pq.length > 0, `libpq is mapped: ${[...new Set(libs)].join(' ')}`);
  } else {
    assert.deepEqual(pq, [], 'libpq is not mapped');
    assert.deepEqual(kerberos, [], 'nor what it brings');
  }
});
