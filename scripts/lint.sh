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
echo "layering: SQL only in src/store, MHD only in http_mhd.c, sqlite3 only in the SQLite backend, libpq only in the PostgreSQL backend"
grep -nE 'sqlite3_' $(echo "$files" | grep -vE '^src/store/(db_sqlite\.c|sqlite/)' | grep -v tests/) && status=1
grep -nE '\bPQ[a-z]|libpq-fe\.h' $(echo "$files" | grep -vE '^src/store/(db_pg\.c|pg/)') && status=1
grep -nE 'MHD_' $(echo "$files" | grep -v 'src/http/http_mhd.c' | grep -v tests/) && status=1

# Includes point down the layers only: cli and http -> service -> store ->
# core (cli may start the http server). A front end that needs the store
# asks a service for it. The demo generator (src/demo) is a layer of its
# own beside the product: it may call the service and store functions the
# product uses, and nothing in the product includes it but the one CLI
# subcommand that runs it (src/cli/demo.c).
echo "include direction: cli/http -> service -> store -> core; demo outside"
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
layer_includes http store cli demo
layer_includes cli store
layer_includes service http cli demo
layer_includes store service http cli demo
layer_includes core service store http cli demo
layer_includes demo http cli
cli_demo=$(echo "$files" | grep '^src/cli/' | grep -v '^src/cli/demo\.c$')
if [ -n "$cli_demo" ] && grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"demo/' $cli_demo; then
  echo "  ^ only src/cli/demo.c runs the demo generator" >&2
  status=1
fi

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
# Subject SQL in src/store is portable (a PostgreSQL backend comes): no
# SQLite-only functions or statements inside string literals. SQLite's own
# pieces live in the SQLite backend (db_sqlite.c, src/store/sqlite/) and
# its migrations (schema*.c and their schema*.h, the DDL only SQLite runs). A few known debts
# are counted in scripts/sql-portability.allow; a file may not grow past
# its count, and a file that shrinks below it asks for the count lowered.
echo "portable SQL in src/store"
nonportable='\bifnull\(|\bjson_[a-z_]*\(|\bjson\(|sqlite_(schema|master)|\b(strftime|julianday|datetime|date|time|unixepoch)\(|start of month|PRAGMA|\bfts[345]\b|[^_]\bMATCH\b|CREATE[[:space:]]+(VIRTUAL|TEMP|TRIGGER)|DROP TRIGGER|RAISE\(|\bGLOB\b|\biif\(|INSERT OR |WITHOUT ROWID|\bSTRICT\b|VACUUM|\browid\b|last_insert_rowid|changes\(\)|\bAUTOINCREMENT\b'
store_subject=$(echo "$files" | grep '^src/store/' | grep -vE '^src/store/(db_sqlite\.c|sqlite/|([a-z]+/)?schema[a-z_]*\.[ch])')
# "file:line:text" for every string literal in the subject files.
sql_literals() { perl -ne 'while (/"((?:[^"\\]|\\.)*)"/g) { print "$ARGV:$.:$1\n" } close ARGV if eof' "$@"; }
hits=$(sql_literals $store_subject | grep -E "$nonportable" || true)
allow=scripts/sql-portability.allow
for f in $(echo "$hits" | cut -d: -f1 | sort -u); do
  n=$(echo "$hits" | grep -c "^$f:")
  max=$(awk -v f="$f" '$1 == f { print $2 }' "$allow")
  if [ -z "$max" ] || [ "$n" -gt "$max" ]; then
    echo "$hits" | grep "^$f:"
    echo "  ^ $f: SQLite-only SQL ($n, allowed ${max:-0}); write it portably or put it behind struct db_backend" >&2
    status=1
  fi
done
while read -r f max _; do
  case "$f" in ''|\#*) continue ;; esac
  n=$(echo "$hits" | grep -c "^$f:" || true)
  if [ "$n" -lt "$max" ]; then
    echo "  $allow: $f now has $n non-portable SQL pieces, not $max: lower its count" >&2
    status=1
  fi
done < "$allow"

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
      "$f" -- -std=c17 -D_GNU_SOURCE -Isrc $(pkg-config --cflags jansson libmicrohttpd libpq) 2>/dev/null | grep -E 'warning|error' && status=1
  done
fi
exit $status
