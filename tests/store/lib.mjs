// Shared harness for the store-level tests: tests whose subject is the
// database file itself (the audit chain catching an edited row, a full
// disk, migrations, backups, the demo generator's output). They use the
// API tests' harness (tests/api/lib.mjs) and may also open the file with
// the sqlite3 CLI, which the API tests may not (scripts/lint.sh).
import { execFileSync } from 'node:child_process';

export * from '../api/lib.mjs';

// sql(db, text): run SQL on the database file db with the sqlite3 CLI,
// waiting up to 5 s for a running server's write lock (reads go on beside
// it in WAL mode); the output, trimmed.
export function sql(db, text) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, text], { encoding: 'utf8' }).trim();
}

// count(db, table, where): the number of rows in table matching where.
export function count(db, table, where = '1') {
  return Number(sql(db, `SELECT count(*) FROM ${table} WHERE ${where}`));
}
