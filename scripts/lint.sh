#!/usr/bin/env bash
# make lint: formatting, static analysis and banned functions.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
files=$(find src tests/unit -name '*.[ch]' | sort)
echo "clang-format (check)"
clang-format --dry-run --Werror $files || status=1
echo "banned functions"
if grep -nE '\b(atoi|atol|sprintf|vsprintf|strcpy|strcat|strtok|gets)\s*\(' $files; then status=1; fi
echo "layering: SQL only in src/store, MHD only in http_mhd.c, sqlite3 only in db_sqlite.c"
grep -nE 'sqlite3_' $(echo "$files" | grep -v 'src/store/db_sqlite.c' | grep -v tests/) && status=1
grep -nE 'MHD_' $(echo "$files" | grep -v 'src/http/http_mhd.c' | grep -v tests/) && status=1

# Includes point down the layers only: cli and http -> service -> store ->
# core (cli may start the http server). A front end that needs the store
# asks a service for it.
echo "include direction: cli/http -> service -> store -> core"
layer_includes() { # DIR BANNED-DIRS...: no file under src/DIR includes them
  local dir=$1; shift
  local banned; banned=$(IFS='|'; echo "$*")
  local in_dir; in_dir=$(echo "$files" | grep "^src/$dir/")
  [ -n "$in_dir" ] || return 0
  if grep -HnE "^[[:space:]]*#[[:space:]]*include[[:space:]]+\"($banned)/" $in_dir; then
    echo "  ^ src/$dir must not include $*" >&2
    status=1
  fi
}
layer_includes http store cli
layer_includes cli store
layer_includes service http cli
layer_includes store service http cli
layer_includes core service store http cli

# SQL is written only in src/store: a string literal that opens with an
# SQL statement, or holds SELECT ... FROM, INSERT INTO, UPDATE ... SET or
# DELETE FROM, anywhere else is SQL outside the store.
echo "SQL text only in src/store"
outside_store=$(echo "$files" | grep '^src/' | grep -v '^src/store/')
sql_start='"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|REPLACE|UPSERT|CREATE|ALTER|DROP|PRAGMA|WITH|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ANALYZE|ATTACH)[[:space:]]'
sql_inside='"[^"]*(SELECT[[:space:]].*[[:space:]]FROM[[:space:]]|INSERT[[:space:]]+INTO[[:space:]]|UPDATE[[:space:]]+[a-z_]+[[:space:]]+SET[[:space:]]|DELETE[[:space:]]+FROM[[:space:]])'
if grep -HnE "$sql_start|$sql_inside" $outside_store; then
  echo "  ^ SQL belongs in src/store" >&2
  status=1
fi
# The API tests observe Spire only as its users and operators can: through
# the HTTP API and the spire CLI, never by opening the database file (with
# the sqlite3 CLI, a SQLite module, the store tests' helpers or a read of
# the file), so that they run unchanged on any backend. Tests whose subject
# is the file itself live in tests/store.
echo "API tests do not open the database file"
if grep -HnE "sqlite|\bsql\(|from '\.\./store/|(readFileSync|openSync|createReadStream)\([^)]*\.db\b" tests/api/*.mjs; then
  echo "  ^ tests/api observe through the API and the CLI only (tests/store may open the file)" >&2
  status=1
fi
if command -v cppcheck >/dev/null; then
  echo "cppcheck"
  cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c11 \
    --suppress=missingIncludeSystem -Isrc src || status=1
fi
if command -v clang-tidy >/dev/null; then
  echo "clang-tidy (bugprone-*, cert-*)"
  for f in $(find src -name '*.c'); do
    clang-tidy --quiet -checks='-*,bugprone-*,cert-*,-bugprone-easily-swappable-parameters,-cert-err33-c,-bugprone-reserved-identifier,-cert-dcl37-c,-cert-dcl51-cpp' \
      "$f" -- -std=c17 -D_GNU_SOURCE -Isrc $(pkg-config --cflags jansson libmicrohttpd) 2>/dev/null | grep -E 'warning|error' && status=1
  done
fi
exit $status
