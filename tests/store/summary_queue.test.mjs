// SQLite's summary triggers queue the people whose facts to recompute
// (migration 26, store/measures/schema_measures_queue.c; docs/measures.md,
// "The summary"): every connection parses the schema when it opens, so each
// rule's text is there once, in a trigger per code, and the records'
// triggers only name the people. After any write the queue is empty and the
// summary exact. SQLite only: PostgreSQL keeps its trigger functions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, PG, daleFamilyWithOrder, spire, sql } from './lib.mjs';

const ONLY_SQLITE = PG ? 'the queue is SQLite\'s (PostgreSQL compiles its trigger functions on first use)' : false;
const CODES = ['0', '1', '2', '3', '4', '5', '6', '7', '9', '13', '14', '15', '16', '17', '18', '20'];

test('a new database\'s triggers are small: each rule once, the records\' triggers only queue', { skip: ONLY_SQLITE }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'spire-queue-'));
  try {
    const db = join(dir, 'spire.db');
    spire(['init', '--db', db]);
    // 354 KB of trigger text before migration 26 (72 M instructions to
    // open a connection); about 66 KB after.
    const total = Number(sql(db, "SELECT sum(length(sql)) FROM sqlite_master WHERE type = 'trigger'"));
    assert.ok(total < 100000, `the triggers hold ${total} bytes of SQL`);
    const runs = sql(db, "SELECT substr(name, 14) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'measures_run_%' ORDER BY 1")
      .split('\n').sort((a, b) => a - b);
    assert.deepEqual(runs, CODES);
    // No record trigger recomputes facts itself: only the run triggers
    // write measures_facts.
    const writers = sql(db, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%INTO measures_facts%'"
      + " AND name NOT LIKE 'measures_run_%'");
    assert.equal(writers, '');
    // The 72 record triggers migrations 5 to 24 left, and a run trigger per code.
    assert.equal(sql(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'measures_%'"), String(72 + CODES.length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

let srv, officer;
before(async () => {
  if (ONLY_SQLITE) return;
  srv = await Server.start();
  officer = await srv.login('officer');
});
after(async () => { if (srv) await srv.stop(); });

test('after writes through the API the queue is empty and the summary exact', { skip: ONLY_SQLITE }, async () => {
  await daleFamilyWithOrder(officer);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM measures_queue'), '0');
  for (const c of CODES) assert.equal(sql(srv.db, `SELECT count(*) FROM measures_go_${c}`), '0', `measures_go_${c}`);
  assert.ok(Number(sql(srv.db, 'SELECT count(*) FROM measures_facts')) > 0, 'the writes made facts');
  assert.match(spire(['report', '--db', srv.db, '--check-summary']), /0 facts missing, 0 extra/);
});
